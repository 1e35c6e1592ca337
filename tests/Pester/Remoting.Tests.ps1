# PowerShell remoting over SSH, end to end: a real sshd on 127.0.0.1 with PowerShell as its subsystem, the module
# installed on the "remote" side from a local PSResourceGet repository (the package build.ps1 -Task Package makes),
# several sessions at once standing for several PCs, and what comes back: Deserialized.* objects, still readable,
# still rendered by the module's format views. Nothing here contacts URSSAF's servers: the statuses are -Offline, the
# repairs -WhatIf, and the only probes go to a closed port on 127.0.0.1 through a test layout.

BeforeDiscovery {
    Import-Module (Join-Path $env:IEA_REPO_ROOT 'tests/infra/SshServer.psm1') -Force
    $script:SkipReason = Get-IeaSshSkipReason
    $script:Title = if ($SkipReason) { "PowerShell remoting over SSH (skipped: $SkipReason)" } else { 'PowerShell remoting over SSH' }
}

Describe $Title -Skip:([bool] $SkipReason) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Join-Path $env:IEA_REPO_ROOT 'tests/infra/SshServer.psm1') -Force
        # The admin's side has the module too: its format views are what render the Deserialized.* objects.
        Import-Module (Get-IeaTestManifest) -Force

        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-remoting-" + [guid]::NewGuid().ToString('N'))
        $script:RemoteHome = Join-Path $Root 'remote-home'
        $script:Feed = Join-Path $Root 'feed'
        # .NET answers "" for a per-user folder that does not exist yet: create them, or PSResourceGet writes to the current folder.
        New-Item -ItemType Directory -Path $Feed, "$RemoteHome/.local/share", "$RemoteHome/.config", "$RemoteHome/.cache" | Out-Null

        # The package: out/packages when build.ps1 -Task Package made it after the last build, else the same
        # Compress-PSResource build.ps1 -Task Package runs, on the module under test (running build.ps1 itself here
        # would rebuild the module folder under the suites that have it loaded).
        $manifest = Get-IeaTestManifest
        $version = (Import-PowerShellDataFile $manifest).ModuleVersion
        $script:Version = $version
        $built = (Get-Item $manifest).LastWriteTimeUtc
        $package = Get-Item (Join-Path $env:IEA_REPO_ROOT "out/packages/ImpactEmploi.PS.$version.nupkg") -ErrorAction Ignore
        if ($package -and $package.LastWriteTimeUtc -gt $built) { Copy-Item $package.FullName $Feed }
        else { Compress-PSResource -Path (Split-Path $manifest) -DestinationPath $Feed }
        if (-not (Test-Path (Join-Path $Feed "ImpactEmploi.PS.$version.nupkg"))) { throw "No ImpactEmploi.PS.$version.nupkg in $Feed." }

        # One sshd for the whole suite; its sessions get their own HOME, where Install-PSResource -Scope CurrentUser puts the module.
        $script:Sshd = Start-IeaTestSshd -Path (Join-Path $Root 'sshd') -Environment @{
            HOME = $RemoteHome
            XDG_DATA_HOME = "$RemoteHome/.local/share"
            XDG_CONFIG_HOME = "$RemoteHome/.config"
            XDG_CACHE_HOME = "$RemoteHome/.cache"
            XDG_STATE_HOME = "$RemoteHome/.local/state"
            IEA_PS_LOG_DIR = (Join-Path $Root 'remote-logs')
        }
        $script:Connection = $Sshd.Connection
        $script:PcNames = 'PC-01', 'PC-02', 'PC-03', 'PC-04'

        function script:Invoke-Remote {
            # Fails with sshd's log, so a broken connection says why.
            param([scriptblock] $Action)
            try { & $Action }
            catch { throw "$($_.Exception.Message)`n--- sshd log ---`n$($Sshd.Log())" }
        }

        # Several PCs: one session each, opened at once.
        $parameters = $Connection.Clone()
        $parameters.HostName = @($Connection.HostName) * $PcNames.Count
        $script:Sessions = Invoke-Remote { @(New-PSSession @parameters -ConnectingTimeout 30000 -ErrorAction Stop) }
        if ($Sessions.Count -ne $PcNames.Count) { throw "Opened $($Sessions.Count) sessions of $($PcNames.Count).`n$($Sshd.Log())" }

        # Installed on the remote side as an admin would from an internal repository.
        $script:Installed = Invoke-Remote {
            Invoke-Command -Session $Sessions[0] -ErrorAction Stop -ScriptBlock {
                $ErrorActionPreference = 'Stop'
                Register-PSResourceRepository -Name IeaTest -Uri $using:Feed -Trusted
                Install-PSResource -Name ImpactEmploi.PS -Repository IeaTest -Scope CurrentUser -TrustRepository -Quiet
                Get-InstalledPSResource -Name ImpactEmploi.PS -Scope CurrentUser | Select-Object Name, Version, Repository, InstalledLocation
            }
        }

        # Each PC: the module imported by name, and its own demo installations in the states the fiche knows.
        $script:LoopbackPort = & {
            $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start()
            try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
        }
        $base = "https://127.0.0.1:$LoopbackPort"
        $script:LoopbackLayout = New-IeaTestLayout -Path (Join-Path $Root 'loopback.psd1') -BaseUrl $base
        $script:Pcs = @{}
        for ($i = 0; $i -lt $PcNames.Count; $i++) {
            $name = $PcNames[$i]
            $folder = Join-Path $Root "pcs/$name"
            $pc = [ordered]@{
                Name = $name
                Legacy = (New-IeaTestInstallation -Path "$folder/avant-2019" -Content (Get-IeaLegacyIni)).FullName
                ToFix = (New-IeaTestInstallation -Path "$folder/a-corriger" -Content (Get-IeaLegacyIni)).FullName
                Assistance = (New-IeaTestInstallation -Path "$folder/assistance" -Content (Get-IeaTestIni -Assistance 1)).FullName
                Fiche = (New-IeaTestInstallation -Path "$folder/fiche" -Content (Get-IeaTestIni -Mode Securise -Authentication 'https://impact-emploi.urssaf.fr' -Update 'https://impact-emploi.urssaf.fr/updates')).FullName
                # Follows the fiche of a layout whose servers are a closed port on 127.0.0.1: probing it reaches nothing real.
                Loopback = (New-IeaTestInstallation -Path (Join-Path $Root "loopback/$name") -Content (Get-IeaTestIni -Mode Securise -Authentication "$base/" -Update "$base/missing/updates" -NetEntreprises "$base/authentifier/1.0/")).FullName
            }
            $Pcs[$name] = $pc
            Invoke-Remote {
                Invoke-Command -Session $Sessions[$i] -ErrorAction Stop -ScriptBlock {
                    Import-Module ImpactEmploi.PS -ErrorAction Stop
                    $global:IeaPc = $using:pc
                    $global:IeaLoopbackLayout = $using:LoopbackLayout
                }
            }
        }
        $script:PcFolders = @($PcNames | ForEach-Object { Split-Path $Pcs[$_].Legacy })

        function script:Get-Text($InputObject) { ($InputObject | Out-String -Width 250) -replace "`e\[[0-9;]*m" }
        function script:Get-Hashes { Get-ChildItem $PcFolders -Recurse -File -Filter ImpactEmploi.ini | Get-FileHash | ForEach-Object { "$($_.Path) $($_.Hash)" } }
    }

    AfterAll {
        if (Get-Variable -Scope Script -Name Sessions -ErrorAction Ignore) { $Sessions | Remove-PSSession -ErrorAction Ignore }
        if (Get-Variable -Scope Script -Name Sshd -ErrorAction Ignore) { $Sshd | Stop-IeaTestSshd }
        if (Get-Variable -Scope Script -Name Root -ErrorAction Ignore) { Remove-Item -LiteralPath $Root -Recurse -Force -ErrorAction Ignore }
    }

    Context 'the remote side' {
        It 'installs the package from the local PSResourceGet repository into the remote user''s module path' {
            $Installed.Name | Should -Be 'ImpactEmploi.PS'
            "$($Installed.Version)" | Should -Be $Version
            $Installed.Repository | Should -Be 'IeaTest'
            $Installed.InstalledLocation | Should -BeLike "$RemoteHome*"
        }

        It 'imports it by name in every session, each a separate PowerShell with the installed copy' {
            $modules = Invoke-Command -Session $Sessions -ThrottleLimit 4 -ScriptBlock {
                $module = Get-Module ImpactEmploi.PS
                [pscustomobject]@{ Pc = $IeaPc.Name; ModuleBase = $module.ModuleBase; Version = "$($module.Version)"; ProcessId = $PID; Home = $HOME }
            }
            @($modules).Count | Should -Be 4
            ($modules.Pc | Sort-Object) | Should -Be $PcNames
            @($modules.ProcessId | Sort-Object -Unique).Count | Should -Be 4
            @($modules.RunspaceId | Sort-Object -Unique).Count | Should -Be 4
            foreach ($module in $modules) {
                $module.ModuleBase | Should -BeLike "$RemoteHome/.local/share/powershell/Modules/ImpactEmploi.PS/$Version"
                $module.Version | Should -Be $Version
                $module.Home | Should -Be $RemoteHome
                $module.PSComputerName | Should -Be '127.0.0.1'
            }
        }

        It 'autoloads the module in a one-shot Invoke-Command -HostName on two hosts (no Import-Module)' {
            $parameters = $Connection.Clone()
            $parameters.HostName = @($Connection.HostName) * 2
            $folder = $Pcs['PC-01'].Fiche
            $results = Invoke-Command @parameters -ErrorAction Stop -ScriptBlock { Get-IeaConnectionStatus -Path $using:folder -Offline }
            @($results).Count | Should -Be 2
            $results.State | Should -Be @('NotTested', 'NotTested')
            @($results.RunspaceId | Sort-Object -Unique).Count | Should -Be 2
        }
    }

    Context 'Get-IeaInstallation' {
        BeforeAll {
            $script:Installations = Invoke-Command -Session $Sessions -ThrottleLimit 4 -ErrorAction Stop -ScriptBlock {
                Get-IeaInstallation -Path $IeaPc.Legacy, $IeaPc.Assistance, $IeaPc.Fiche
            }
        }

        It 'comes back as Deserialized.ImpactEmploi.IeaInstallation, one per installation and PC, with PSComputerName' {
            @($Installations).Count | Should -Be 12
            foreach ($installation in $Installations) {
                $installation.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaInstallation'
                $installation.PSComputerName | Should -Be '127.0.0.1'
            }
        }

        It 'keeps Path, ConfigPath, the Version as IEA writes it, LayoutName and the running flags' {
            $one = $Installations | Where-Object Path -EQ $Pcs['PC-02'].Legacy
            $one.ConfigPath | Should -Be (Join-Path $Pcs['PC-02'].Legacy 'ImpactEmploi.ini')
            $one.Version | Should -BeOfType [string]
            $one.Version | Should -BeExactly '3.00.72'
            $one.LayoutName | Should -Be 'Default'
            $one.ApplicationRunning | Should -BeOfType [bool]
            $one.ApplicationRunning | Should -BeFalse
            $one.ConnectionProgramRunning | Should -BeFalse
        }

        It 'renders with the module''s table view' {
            $text = Get-Text $Installations
            $text | Should -Match 'Version\s+Running\s+Layout\s+Path'
            $text | Should -Match "3\.00\.72\s+No\s+Default\s+$([regex]::Escape($Pcs['PC-03'].Fiche))"
        }
    }

    Context 'Get-IeaConnectionStatus -Offline on every PC' {
        BeforeAll {
            $script:Statuses = Invoke-Command -Session $Sessions -ThrottleLimit 4 -ErrorAction Stop -ScriptBlock {
                Get-IeaConnectionStatus -Path $IeaPc.Legacy, $IeaPc.Assistance, $IeaPc.Fiche -Offline
            }
        }

        It 'comes back as Deserialized.ImpactEmploi.IeaConnectionStatus, three per PC, from four sessions' {
            @($Statuses).Count | Should -Be 12
            @($Statuses.RunspaceId | Sort-Object -Unique).Count | Should -Be 4
            foreach ($status in $Statuses) {
                $status.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaConnectionStatus'
                $status.PSComputerName | Should -Be '127.0.0.1'
                $status.ComputerName | Should -Be ([Environment]::MachineName)
            }
        }

        It 'says <State> with <Icon> for <Fixture>, as words that compare and filter' -ForEach @(
            @{ Fixture = 'settings of before 2019'; Key = 'Legacy'; State = 'ConfigurationOutdated'; Icon = 'BlueBallRedHeart'; Compliant = $false; Deviations = 3; Command = 'Repair-IeaConnection' }
            @{ Fixture = 'assistance mode'; Key = 'Assistance'; State = 'AssistanceMode'; Icon = 'RedScarab'; Compliant = $false; Deviations = 3; Command = 'Disable-IeaAssistanceMode' }
            @{ Fixture = 'the fiche already followed'; Key = 'Fiche'; State = 'NotTested'; Icon = 'BlueBall'; Compliant = $true; Deviations = 0; Command = 'Get-IeaConnectionStatus' }
        ) {
            $mine = @($Statuses | Where-Object { $_.Path -in ($PcNames | ForEach-Object { $Pcs[$_][$Key] }) })
            $mine.Count | Should -Be 4
            @($Statuses | Where-Object State -EQ $State).Count | Should -Be 4
            foreach ($status in $mine) {
                $status.State | Should -BeOfType [string]
                $status.State | Should -BeExactly $State
                $status.Icon | Should -BeExactly $Icon
                $status.Case | Should -BeOfType [int]
                $status.Case | Should -Be 0
                $status.Compliant | Should -BeOfType [bool]
                $status.Compliant | Should -Be $Compliant
                $status.AssistanceMode | Should -Be ($Key -eq 'Assistance')
                $status.Version | Should -BeExactly '3.00.72'
                $status.LastAuthenticationResult | Should -Be 'OK'
                $status.NextStep | Should -BeLike "*$Command*"
                $status.PSObject.Properties.Name | Should -Contain 'ServerTests'
                @($status.ServerTests).Count | Should -Be 0
                @($status.Deviations).Count | Should -Be $Deviations
                foreach ($line in $status.Deviations) { $line | Should -BeOfType [string] }
                $status.CheckedAt | Should -BeOfType [datetime]
                $status.CheckedAt | Should -BeGreaterThan ([datetime]::Now.AddMinutes(-10))
            }
        }

        It 'keeps each deviation readable' {
            $legacy = $Statuses | Where-Object Path -EQ $Pcs['PC-04'].Legacy
            $legacy.Deviations | Should -Contain 'Connection mode: Normal (the fiche: Secure)'
            ($legacy.Deviations -join "`n") | Should -Match 'http://impact-emploi\.urssaf\.fr \(the fiche: https://impact-emploi\.urssaf\.fr\)'
        }

        It 'renders with the module''s table view: headers, states and icons' {
            $text = Get-Text $Statuses
            $text | Should -Match 'ComputerName\s+Path\s+State\s+Case\s+NextCommand'
            $text | Should -Match 'ConfigurationOutdated\s+Repair-IeaConnection'
            $text | Should -Match 'AssistanceMode\s+Repair-IeaConnection'
            $text | Should -Match 'NotTested\s+Test-IeaServers'
        }
    }

    Context 'Get-IeaServerConfig, Set-IeaServerConfig -Recommended and its backup' {
        BeforeAll {
            $script:HashesBefore = Get-Hashes
            $script:Configs = Invoke-Command -Session $Sessions -ThrottleLimit 2 -ErrorAction Stop -ScriptBlock { Get-IeaServerConfig -Path $IeaPc.ToFix }
            $script:Fixed = Invoke-Command -Session $Sessions -ThrottleLimit 4 -ErrorAction Stop -ScriptBlock {
                Set-IeaServerConfig -Path $IeaPc.ToFix -Recommended -PassThru -Confirm:$false
            }
            $script:Backups = Invoke-Command -Session $Sessions -ThrottleLimit 4 -ErrorAction Stop -ScriptBlock { Get-IeaServerConfigBackup -Path $IeaPc.ToFix }
            $script:AfterFix = Invoke-Command -Session $Sessions -ThrottleLimit 4 -ErrorAction Stop -ScriptBlock { Get-IeaConnectionStatus -Path $IeaPc.ToFix -Offline }
        }

        It 'reads the settings as Deserialized.ImpactEmploi.IeaServerConfig: words for the enums, strings for the addresses' {
            @($Configs).Count | Should -Be 4
            foreach ($config in $Configs) {
                $config.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaServerConfig'
                $config.PSComputerName | Should -Be '127.0.0.1'
                $config.ConnectionType | Should -BeExactly 'Direct'
                $config.ConnectionMode | Should -BeExactly 'Normal'
                $config.AuthenticationServer | Should -BeOfType [string]
                $config.AuthenticationServer | Should -BeExactly 'http://impact-emploi.urssaf.fr'
                $config.UpdateServer | Should -BeExactly 'http://impact-emploi.urssaf.fr/updates'
                $config.NetEntreprisesServer | Should -BeExactly 'https://services.net-entreprises.fr/authentifier/1.0/'
                $config.ProxyPort | Should -Be 0
                $config.ProxySecure | Should -BeFalse
                $config.AssistanceMode | Should -BeFalse
                $config.Version | Should -BeExactly '3.00.72'
                $config.IsRecommended | Should -BeFalse
                @($config.Deviations).Count | Should -Be 3
                $config.Path | Should -BeIn ($PcNames | ForEach-Object { $Pcs[$_].ToFix })
            }
        }

        It 'renders the settings with the module''s list view' {
            $text = Get-Text $Configs[0]
            foreach ($label in 'ConfigPath', 'Version', 'ConnectionType', 'Proxy', 'ConnectionMode', 'AuthenticationServer', 'UpdateServer', 'NetEntreprisesServer', 'AssistanceMode', 'IsRecommended', 'Deviations') {
                $text | Should -Match "(?m)^$label\s+:"
            }
            $text | Should -Match '(?m)^ConnectionMode\s+: Normal'
            $text | Should -Match '(?m)^AuthenticationServer\s+: http://impact-emploi\.urssaf\.fr\s*$'
            $text | Should -Match 'Connection mode: Normal \(the fiche: Secure\)'
            # PowerShell adds the PC's name to a remote object's list, as it does for every remote object.
            $text | Should -Match '(?m)^PSComputerName\s+: 127\.0\.0\.1'
        }

        It 'applies the fiche on every PC and says so in what it passes back' {
            @($Fixed).Count | Should -Be 4
            foreach ($config in $Fixed) {
                $config.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaServerConfig'
                $config.ConnectionMode | Should -BeExactly 'Secure'
                $config.AuthenticationServer | Should -BeExactly 'https://impact-emploi.urssaf.fr'
                $config.UpdateServer | Should -BeExactly 'https://impact-emploi.urssaf.fr/updates'
                $config.IsRecommended | Should -BeTrue
                @($config.Deviations).Count | Should -Be 0
            }
            foreach ($name in $PcNames) {
                $ini = Get-Content -Raw (Join-Path $Pcs[$name].ToFix 'ImpactEmploi.ini')
                $ini | Should -Match 'ServeurAuthentification=https://impact-emploi\.urssaf\.fr'
            }
            $AfterFix.State | Should -Be @('NotTested', 'NotTested', 'NotTested', 'NotTested')
            $AfterFix.Compliant | Should -Be @($true, $true, $true, $true)
        }

        It 'changed nothing but the installations it was given' {
            $changed = Compare-Object $HashesBefore (Get-Hashes) -PassThru | Where-Object { $_ -like '*.ini *' } | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object -Unique
            $changed | Should -Be ($PcNames | ForEach-Object { Join-Path $Pcs[$_].ToFix 'ImpactEmploi.ini' } | Sort-Object)
        }

        It 'lists the backup as Deserialized.ImpactEmploi.IeaConfigBackup, with a readable date and size' {
            @($Backups).Count | Should -Be 4
            foreach ($backup in $Backups) {
                $backup.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaConfigBackup'
                $backup.PSComputerName | Should -Be '127.0.0.1'
                $backup.Path | Should -BeLike '*a-corriger*ImpactEmploi.ini'
                $backup.BackupPath | Should -BeOfType [string]
                Test-Path -LiteralPath $backup.BackupPath | Should -BeTrue
                $backup.Length | Should -Be (Get-Item -LiteralPath $backup.BackupPath).Length
                ([DateTimeOffset] [string] $backup.Created) | Should -BeGreaterThan ([DateTimeOffset]::Now.AddMinutes(-10))
            }
        }

        It 'renders the backups with the module''s table view, the date in local time' {
            $text = Get-Text $Backups
            # A table of remote objects gets PowerShell's PSComputerName column, which can shorten BackupPath.
            $text | Should -Match 'Created \(local time\)\s+Bytes\s+BackupPath\s+PSComputerName'
            $created = ([DateTimeOffset] [string] $Backups[0].Created).LocalDateTime.ToString('yyyy-MM-dd HH:mm:ss')
            $text | Should -Match ([regex]::Escape($created) + '\s+' + $Backups[0].Length + '\s+' + [regex]::Escape($Backups[0].BackupPath.Substring(0, 40)))
            $text | Should -Match '127\.0\.0\.1'
            $text | Should -Not -Match 'Exception|Cannot convert'
        }
    }

    Context 'Repair-IeaConnection -WhatIf' {
        BeforeAll {
            $script:HashesBefore = Get-Hashes
            $script:Reports = Invoke-Command -Session $Sessions -ThrottleLimit 4 -ErrorAction Stop -ScriptBlock {
                Repair-IeaConnection -Path $IeaPc.Legacy -WhatIf
            }
            $script:Refused = $null
            $null = Invoke-Command -Session $Sessions[0] -ErrorAction SilentlyContinue -ErrorVariable script:Refused -ScriptBlock {
                Repair-IeaConnection -Path $IeaPc.Assistance -WhatIf
            }
        }

        It 'writes nothing on any PC' {
            Get-Hashes | Should -Be $HashesBefore
            Get-ChildItem $PcFolders -Recurse -Filter *.bak | Where-Object FullName -NotLike '*a-corriger*' | Should -BeNullOrEmpty
        }

        It 'comes back as Deserialized.ImpactEmploi.IeaRepairReport with the actions it would take' {
            @($Reports).Count | Should -Be 4
            foreach ($report in $Reports) {
                $report.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaRepairReport'
                $report.PSComputerName | Should -Be '127.0.0.1'
                $report.Path | Should -BeIn ($PcNames | ForEach-Object { $Pcs[$_].Legacy })
                $report.ComputerName | Should -Be ([Environment]::MachineName)
                $report.Case | Should -Be 0
                $report.Repaired | Should -BeFalse
                @($report.Actions).Count | Should -Be 2
                $report.Actions[0] | Should -BeOfType [string]
                $report.Actions[0] | Should -BeLike 'Would change:*ConnectionMode: Normal -> Securise*'
                $report.NextStep | Should -BeLike '*Repair-IeaConnection*'
                $report.PSObject.Properties.Name | Should -Contain 'Before'
                $report.PSObject.Properties.Name | Should -Contain 'After'
                $report.PSObject.Properties.Name | Should -Contain 'SupportRequest'
            }
        }

        It 'renders with the module''s list view' {
            $text = Get-Text $Reports[0]
            foreach ($label in 'ComputerName', 'Path', 'Before', 'After', 'Case', 'Repaired', 'Actions', 'NextStep', 'SupportRequest') {
                $text | Should -Match "(?m)^$label\s+:"
            }
            $text | Should -Match '(?m)^Actions\s+: Would change:'
            $text | Should -Match '(?m)^Repaired\s+: False'
            $text | Should -Match '(?m)^PSComputerName\s+: 127\.0\.0\.1'
        }

        It 'brings the error id back from the remote PC (assistance mode without the password of the day)' {
            @($Refused).Count | Should -Be 1
            $Refused[0].FullyQualifiedErrorId | Should -BeLike 'AssistanceModeActive,*'
            $Refused[0].TargetObject | Should -BeLike '*assistance*'
            $Refused[0].Exception.Message | Should -BeLike '*assistance*'
        }
    }

    Context 'nested results: servers probed on a closed loopback port' {
        BeforeAll {
            $script:Online = Invoke-Command -Session $Sessions -ThrottleLimit 4 -ErrorAction Stop -ScriptBlock {
                Get-IeaConnectionStatus -Path $IeaPc.Loopback -LayoutPath $IeaLoopbackLayout -TimeoutSec 2 -RetryCount 0
            }
            $script:Tests = Invoke-Command -Session $Sessions[0] -ErrorAction Stop -ScriptBlock {
                Test-IeaServers -Path $IeaPc.Loopback -LayoutPath $IeaLoopbackLayout -TimeoutSec 2 -RetryCount 0
            }
            $script:Requests = Invoke-Command -Session $Sessions[1] -ErrorAction Stop -ScriptBlock {
                Get-IeaConnectionStatus -Path $IeaPc.Loopback -LayoutPath $IeaLoopbackLayout -TimeoutSec 2 -RetryCount 0 | New-IeaSupportRequest -Organisation 'Association Élan'
            }
            $script:ProbeReports = Invoke-Command -Session $Sessions -ThrottleLimit 4 -ErrorAction Stop -ScriptBlock {
                Repair-IeaConnection -Path $IeaPc.Loopback -LayoutPath $IeaLoopbackLayout -TimeoutSec 2 -RetryCount 0 -WhatIf
            }
            # The same, with the serialization depth raised for the module's types in the remote session.
            $script:DeepReports = Invoke-Command -Session $Sessions[2] -ErrorAction Stop -ScriptBlock {
                Update-TypeData -TypeName ImpactEmploi.IeaConnectionStatus -SerializationDepth 2 -Force
                Update-TypeData -TypeName ImpactEmploi.IeaRepairReport -SerializationDepth 3 -Force
                Get-IeaConnectionStatus -Path $IeaPc.Loopback -LayoutPath $IeaLoopbackLayout -TimeoutSec 2 -RetryCount 0
                Repair-IeaConnection -Path $IeaPc.Loopback -LayoutPath $IeaLoopbackLayout -TimeoutSec 2 -RetryCount 0 -WhatIf
            }
        }

        It 'says Disconnected, case 2, on every PC, with the server tests and the readable next step' {
            @($Online).Count | Should -Be 4
            foreach ($status in $Online) {
                $status.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaConnectionStatus'
                $status.State | Should -BeExactly 'Disconnected'
                $status.Icon | Should -BeExactly 'BlueBallRedHeart'
                $status.Case | Should -Be 2
                @($status.ServerTests).Count | Should -Be 3
                $status.NextStep | Should -BeLike '*Restart-IeaAuthentication*'
            }
        }

        It 'keeps each nested server test as an object (Role, Uri, Reachable, Failure)' {
            $test = @($Online[0].ServerTests)[0]
            # The module's types file raises the serialization depth: a string here is a regression, not a skip.
            $test | Should -Not -BeOfType [string]
            $test.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaServerTestResult'
            $test.Role | Should -BeExactly 'Authentication'
            $test.Failure | Should -BeExactly 'ConnectionRefused'
        }

        It 'returns Test-IeaServers results as Deserialized.ImpactEmploi.IeaServerTestResult, rendered by the table view' {
            @($Tests).Count | Should -Be 3
            foreach ($test in $Tests) {
                $test.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaServerTestResult'
                $test.Reachable | Should -BeFalse
                $test.Failure | Should -BeExactly 'ConnectionRefused'
                $test.Phase | Should -BeExactly 'Connect'
                $test.Side | Should -BeExactly 'Unknown'
                $test.Answer | Should -BeExactly 'None'
                $test.Uri | Should -BeOfType [string]
                $test.Uri | Should -BeLike "https://127.0.0.1:$LoopbackPort/*"
                $test.Attempts | Should -Be 1
                $test.ViaProxy | Should -BeFalse
            }
            ($Tests.Role | Sort-Object) | Should -Be @('Authentication', 'NetEntreprises', 'Update')
            $text = Get-Text $Tests
            $text | Should -Match 'Role\s+Reachable\s+Failure\s+Phase\s+Side\s+Status\s+Ms\s+Uri\s+Message'
            $text | Should -Match 'Authentication\s+False\s+ConnectionRefused'
        }

        It 'returns the support request as Deserialized.ImpactEmploi.IeaSupportRequest, rendered by the list view' {
            $request = @($Requests)[0]
            $request.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaSupportRequest'
            $request.To | Should -Be 'impact-emploi-association@urssaf.fr'
            $request.Subject | Should -BeExactly 'Serveur de connexion 3.00.72'
            $request.Body | Should -Match 'Association Élan'
            $text = Get-Text $request
            $text | Should -Match '(?m)^To\s+: impact-emploi-association@urssaf\.fr'
            $text | Should -Match '(?m)^Subject\s+: Serveur de connexion 3\.00\.72'
        }

        It 'reports case 2 from Repair -WhatIf (servers tested, support request prepared) and writes nothing' {
            @($ProbeReports).Count | Should -Be 4
            foreach ($report in $ProbeReports) {
                $report.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaRepairReport'
                $report.Case | Should -Be 2
                $report.Repaired | Should -BeFalse
                $report.Actions[0] | Should -BeLike 'Servers tested: 0 of 3 reachable*'
                $report.SupportRequest | Should -Not -BeNullOrEmpty
                "$($report.SupportRequest)" | Should -BeLike 'Serveur de connexion 3.00.72*'
            }
            $text = Get-Text $ProbeReports[0]
            $text | Should -Match '(?m)^Case\s+: 2'
            $text | Should -Match '(?m)^SupportRequest\s+: Serveur de connexion 3\.00\.72'
            Get-ChildItem (Join-Path $Root 'loopback') -Recurse -Filter *.bak | Should -BeNullOrEmpty
        }

        It 'keeps Before, After and SupportRequest of a repair report as objects' {
            $report = $ProbeReports[0]
            # The module's types file raises the serialization depth: strings here are a regression, not a skip.
            $report.Before | Should -Not -BeOfType [string]
            $report.SupportRequest | Should -Not -BeOfType [string]
            $report.Before.State | Should -Be 'NotTested'
            $report.After.State | Should -Be 'Disconnected'
            $report.SupportRequest.Subject | Should -BeExactly 'Serveur de connexion 3.00.72'
        }

        # Raising the depth keeps the nested objects, but an enum below the top level then comes back as an Int32
        # whose ToString() is the word (State -eq 'Disconnected' is false there): a types.ps1xml doing this must
        # take care of that too. Hence .ToString() below.
        It 'keeps every nested object when the remote session raises SerializationDepth (what a types.ps1xml would do)' {
            $status, $report = $DeepReports
            $test = @($status.ServerTests)[0]
            $test.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaServerTestResult'
            $test.Failure.ToString() | Should -BeExactly 'ConnectionRefused'
            $test.Reachable | Should -BeFalse
            $report.Before.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaConnectionStatus'
            $report.Before.State.ToString() | Should -BeExactly 'NotTested'
            $report.After.State.ToString() | Should -BeExactly 'Disconnected'
            @($report.After.ServerTests)[0].Failure.ToString() | Should -BeExactly 'ConnectionRefused'
            $report.SupportRequest.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaSupportRequest'
            $text = Get-Text $report
            $text | Should -Match '(?m)^Before\s+: NotTested'
            $text | Should -Match '(?m)^After\s+: Disconnected'
            $text | Should -Match '(?m)^SupportRequest\s+: Serveur de connexion 3\.00\.72 -> impact-emploi-association@urssaf\.fr'
        }
    }
}
