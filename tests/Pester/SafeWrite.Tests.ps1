# The safe write against a hostile or messy disk, through the cmdlets: what the user sees (error ids, file bytes,
# backups, the audit log) when the settings file, its backups or their folder are not what the module made.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    $script:Cp1252 = [Text.Encoding]::GetEncoding(1252)
    function Get-Bytes([string] $Path) { [BitConverter]::ToString([IO.File]::ReadAllBytes($Path)) }

    # A backup as an attacker or a clock far off would leave it: the module's own naming, a chosen date.
    function New-PlantedBackup([string] $Root, [datetime] $Utc, [string] $Content) {
        $folder = Join-Path $Root 'ImpactEmploi.PS'
        New-Item -ItemType Directory -Force $folder | Out-Null
        $path = Join-Path $folder ('ImpactEmploi.ini.{0}Z.bak' -f $Utc.ToString("yyyyMMdd'T'HHmmssfff", [Globalization.CultureInfo]::InvariantCulture))
        [IO.File]::WriteAllBytes($path, $Cp1252.GetBytes($Content))
        $path
    }

    function Get-AuditEvent([string] $Logs) {
        if (-not (Test-Path $Logs)) { return @() }
        @(Get-Content (Get-ChildItem $Logs -Filter 'impactemploi-*.log').FullName | ConvertFrom-Json | Where-Object { $_.Operation })
    }
}

Describe 'Restore-IeaServerConfig checks a backup as Set checks its input' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-safe-" + [guid]::NewGuid().ToString('N'))
        $script:Ini = Join-Path $Root 'ImpactEmploi.ini'
        New-IeaTestInstallation -Path $Root | Out-Null
        $script:Original = Get-Bytes $Ini
    }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'refuses a planted backup naming another server (NonOfficialServer) unless -AllowCustomServer' {
        $evil = (Get-IeaLegacyIni).Replace('http://impact-emploi.urssaf.fr', 'https://evil.example')
        New-PlantedBackup $Root ([datetime]::UtcNow.AddMinutes(-5)) $evil | Out-Null

        $thrown = { Restore-IeaServerConfig -Path $Root -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'NonOfficialServer,*' -PassThru
        $newest = (Get-IeaServerConfigBackup -Path $Root).BackupPath
        $thrown.ErrorDetails.RecommendedAction | Should -BeLike "*-AllowCustomServer*Or restore an older backup than $newest, the newest: *Restore-IeaServerConfig -BackupPath*"
        Get-Bytes $Ini | Should -BeExactly $Original
        @(Get-IeaServerConfigBackup -Path $Root).Count | Should -Be 1
        $named = { Restore-IeaServerConfig -Path $Root -BackupPath $newest -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'NonOfficialServer,*' -PassThru
        $named.ErrorDetails.RecommendedAction | Should -Not -BeLike '*older backup*'

        Restore-IeaServerConfig -Path $Root -AllowCustomServer -Confirm:$false
        (Get-IeaServerConfig -Path $Root).AuthenticationServer | Should -Be 'https://evil.example'
    }

    It 'refuses a backup with an http address in Secure mode (InsecureServerAddress)' {
        $insecure = (Get-IeaLegacyIni).Replace('Mode=Normal', 'Mode=Securise')
        New-PlantedBackup $Root ([datetime]::UtcNow.AddMinutes(-5)) $insecure | Out-Null

        { Restore-IeaServerConfig -Path $Root -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InsecureServerAddress,*'
        Get-Bytes $Ini | Should -BeExactly $Original
    }

    It 'refuses a backup over 1 MiB as ConfigUnreadable, too large' {
        New-PlantedBackup $Root ([datetime]::UtcNow.AddMinutes(-5)) ((Get-IeaLegacyIni) + ('; padding' * 300000)) | Out-Null

        $thrown = { Restore-IeaServerConfig -Path $Root -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigUnreadable,*' -PassThru
        $thrown.Exception.Message | Should -BeLike '*over the 1048576-byte limit*'
        Get-Bytes $Ini | Should -BeExactly $Original
    }

    It 'names a damaged newest backup and points to an older one with -BackupPath, changing nothing' {
        Set-IeaServerConfig -Path $Root -ProxyPort 1111 -Confirm:$false
        $older = (Get-IeaServerConfigBackup -Path $Root)[0].BackupPath
        $broken = New-PlantedBackup $Root ([datetime]::UtcNow.AddMinutes(1)) "[Connexion]`nMode=Normal`n`u{1}`u{2}damaged`n"
        $before = Get-Bytes $Ini

        $thrown = { Restore-IeaServerConfig -Path $Root -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigUnreadable,*' -PassThru
        $thrown.Exception.Message | Should -BeLike "The backup $broken cannot be restored, so $Ini was left as it was.*control character*"
        $thrown.ErrorDetails.RecommendedAction | Should -BeLike '*newest backup*Get-IeaServerConfigBackup*older one*Restore-IeaServerConfig -BackupPath <its BackupPath>*'
        $thrown.TargetObject | Should -Be $broken
        Get-Bytes $Ini | Should -BeExactly $before

        $named = { Restore-IeaServerConfig -Path $Root -BackupPath $broken -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigUnreadable,*' -PassThru
        $named.Exception.Message | Should -BeLike "The backup $broken cannot be restored*"
        $named.ErrorDetails.RecommendedAction | Should -BeLike 'Choose another backup*Get-IeaServerConfigBackup*-BackupPath*'

        Restore-IeaServerConfig -Path $Root -BackupPath $older -Confirm:$false
        Get-Bytes $Ini | Should -BeExactly $Original
    }

    It 'lists backups dated in the future with a warning, keeps the real ones and never restores a future one by default' {
        $future = 1..10 | ForEach-Object { New-PlantedBackup $Root ([datetime]::UtcNow.AddYears($_)) ((Get-IeaLegacyIni).Replace('ProxyPort=0', "ProxyPort=$_")) }
        Set-IeaServerConfig -Path $Root -ProxyPort 1111 -Confirm:$false
        Set-IeaServerConfig -Path $Root -ProxyPort 2222 -Confirm:$false

        $backups = @(Get-IeaServerConfigBackup -Path $Root -WarningVariable warnings -WarningAction SilentlyContinue)
        $backups.Count | Should -Be 12
        $warnings.Count | Should -Be 10
        $warnings[0].Message | Should -BeLike '*more than a day ahead*'
        foreach ($path in $future) { $backups.BackupPath | Should -Contain $path }

        Restore-IeaServerConfig -Path $Root -Confirm:$false
        (Get-IeaServerConfig -Path $Root).ProxyPort | Should -Be 1111
    }
}

Describe 'Set-IeaServerConfig on a messy disk' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-safe-" + [guid]::NewGuid().ToString('N'))
        $script:Ini = Join-Path $Root 'ImpactEmploi.ini'
    }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'reports a FIFO in the settings file''s place as ConfigUnreadable at once, for readers and writers' -Skip:$IsWindows {
        New-Item -ItemType Directory $Root | Out-Null
        & mkfifo $Ini
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Manifest, $Root)
                Import-Module $Manifest
                Get-IeaServerConfig -Path $Root -ErrorVariable +problems -ErrorAction SilentlyContinue
                Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -ErrorVariable +problems -ErrorAction SilentlyContinue
                $problems | ForEach-Object { $_.FullyQualifiedErrorId + '|' + $_.Exception.Message }
            }).AddArgument((Get-IeaTestManifest)).AddArgument($Root)
        $async = $ps.BeginInvoke()
        try {
            # A hang guard only: the commands must return at all.
            $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue -Because 'a FIFO must never block a command'
            $lines = @($ps.EndInvoke($async))
        }
        finally { $ps.Dispose() }
        $lines.Count | Should -Be 2
        $lines | ForEach-Object { $_ | Should -BeLike 'ConfigUnreadable,*|*not a regular file*' }
        (Get-Item $Ini).UnixFileMode | Should -Not -BeNullOrEmpty
        Test-Path (Join-Path $Root 'ImpactEmploi.PS') | Should -BeFalse
    }

    It 'refuses a FIFO where the lock file goes as ConfigAccessDenied naming the lock file, at once' -Skip:$IsWindows {
        New-IeaTestInstallation -Path $Root | Out-Null
        $before = Get-Bytes $Ini
        $lock = Join-Path $Root 'ImpactEmploi.PS' 'ImpactEmploi.ini.lock'
        New-Item -ItemType Directory (Split-Path $lock) | Out-Null
        & mkfifo $lock
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Manifest, $Root)
                Import-Module $Manifest
                try { Set-IeaServerConfig -Path $Root -ProxyPort 3128 -Confirm:$false -ErrorAction Stop }
                catch { $_.FullyQualifiedErrorId + '|' + $_.Exception.Message + '|' + $_.ErrorDetails.RecommendedAction }
            }).AddArgument((Get-IeaTestManifest)).AddArgument($Root)
        $async = $ps.BeginInvoke()
        try {
            # A hang guard only: the command must return at all.
            $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue -Because 'a FIFO must never block a command'
            $lines = @($ps.EndInvoke($async))
        }
        finally { $ps.Dispose() }
        $lines.Count | Should -Be 1
        $lines[0] | Should -BeLike "ConfigAccessDenied,*|*its lock file $lock is a FIFO (named pipe), not the regular file the module makes there*|Remove $lock *"
        $lines[0] | Should -Not -BeLike '*Cannot read the IEA settings file*'
        Get-Bytes $Ini | Should -BeExactly $before
        @(Get-IeaServerConfigBackup -Path $Root).Count | Should -Be 0
    }

    It 'reports a FIFO given as the layout file as LayoutInvalid at once, never waiting on it' -Skip:$IsWindows {
        New-IeaTestInstallation -Path $Root | Out-Null
        $layout = Join-Path $Root 'layout.psd1'
        & mkfifo $layout
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Manifest, $Root, $Layout)
                Import-Module $Manifest
                try { Get-IeaServerConfig -Path $Root -LayoutPath $Layout -ErrorAction Stop }
                catch { $_.FullyQualifiedErrorId + '|' + $_.Exception.Message }
            }).AddArgument((Get-IeaTestManifest)).AddArgument($Root).AddArgument($layout)
        $async = $ps.BeginInvoke()
        try {
            # A hang guard only: the command must return at all.
            $returned = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30))
            if (-not $returned) { [IO.File]::WriteAllText($layout, '') } # a writer at the other end releases the stuck reader
            $returned | Should -BeTrue -Because 'a FIFO must never block a command'
            $lines = @($ps.EndInvoke($async))
        }
        finally { $ps.Dispose() }
        $lines.Count | Should -Be 1
        $lines[0] | Should -BeLike "LayoutInvalid,*|*$layout*not a regular file*"
    }

    It 'refuses a read-only file saying read-only, with no backup made' -Skip:$IsWindows {
        New-IeaTestInstallation -Path $Root | Out-Null
        $before = Get-Bytes $Ini
        & chmod 444 $Ini
        $thrown = { Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigAccessDenied,*' -PassThru
        $thrown.Exception.Message | Should -BeLike '*read-only*'
        Get-Bytes $Ini | Should -BeExactly $before
        @(Get-IeaServerConfigBackup -Path $Root).Count | Should -Be 0
    }

    It 'refuses a symbolically linked settings file: the link stays a link, its target unchanged' -Skip:$IsWindows {
        New-IeaTestInstallation -Path $Root | Out-Null
        $target = Join-Path $Root 'real.ini'
        Move-Item $Ini $target
        New-Item -ItemType SymbolicLink -Path $Ini -Target $target | Out-Null
        $before = Get-Bytes $target

        $thrown = { Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigAccessDenied,*' -PassThru
        $thrown.Exception.Message | Should -BeLike '*symbolic link*'
        (Get-Item $Ini).LinkTarget | Should -Be $target
        Get-Bytes $target | Should -BeExactly $before
        (Get-IeaServerConfig -Path $Root).ConnectionMode | Should -Be 'Normal'
    }

    It 'refuses a backup folder that is a link, creating nothing where it points' -Skip:$IsWindows {
        New-IeaTestInstallation -Path $Root | Out-Null
        $elsewhere = New-Item -ItemType Directory (Join-Path $Root 'chosen')
        New-Item -ItemType SymbolicLink -Path (Join-Path $Root 'ImpactEmploi.PS') -Target $elsewhere.FullName | Out-Null

        { Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigAccessDenied,*'
        @(Get-ChildItem $elsewhere -Force).Count | Should -Be 0
    }

    It 'gives ConfigWriteFailed when a file stands where the backup folder goes, and changes nothing' {
        New-IeaTestInstallation -Path $Root | Out-Null
        $before = Get-Bytes $Ini
        Set-Content (Join-Path $Root 'ImpactEmploi.PS') 'a file'
        { Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigWriteFailed,*'
        Get-Bytes $Ini | Should -BeExactly $before
    }

    It 'keeps the owner and mode of a user''s private file written by root, and makes its backup as private' -Skip:($IsWindows -or (& id -u) -ne '0') {
        New-IeaTestInstallation -Path $Root | Out-Null
        & chown 65534:65534 $Ini
        & chmod 600 $Ini
        Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false
        & stat -c '%u:%g %a' $Ini | Should -Be '65534:65534 600'
        & stat -c '%u:%g %a' (Get-IeaServerConfigBackup -Path $Root).BackupPath | Should -Be '65534:65534 600'
        & stat -c '%u:%g %a' (Join-Path $Root 'ImpactEmploi.PS') | Should -Be '65534:65534 700'
    }

    It 'reads CR-only line ends as lines: a write changes the value in place and adds no second section' {
        New-IeaTestInstallation -Path $Root -Content (Get-IeaLegacyIni -NewLine "`r") | Out-Null
        Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false
        $text = $Cp1252.GetString([IO.File]::ReadAllBytes($Ini))
        $text | Should -Be ((Get-IeaLegacyIni -NewLine "`r").Replace('Mode=Normal', 'Mode=Securise').Replace('=http://', '=https://'))
        ([regex]::Matches($text, '\[Connexion\]')).Count | Should -Be 1
    }
}

Describe 'The audit log records only real changes' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-safe-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path $Root | Out-Null
        $script:Logs = Join-Path $Root 'logs'
    }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'logs -ProxyHost '' p '' once over three runs, as it is written once' {
        $command = "Import-Module '$(Get-IeaTestManifest)'; 1..3 | ForEach-Object { Set-IeaServerConfig -Path '$Root' -ProxyHost ' p ' -Confirm:`$false }"
        (Invoke-IeaChildPwsh -Environment @{ IEA_PS_LOG_DIR = $Logs } -Command $command).ExitCode | Should -Be 0
        $events = Get-AuditEvent $Logs
        $events.Count | Should -Be 1
        $events[0].Setting | Should -Be 'ProxyHost'
        $events[0].NewValue | Should -Be 'p'
        (Get-IeaServerConfig -Path $Root).ProxyHost | Should -Be 'p'
        @(Get-IeaServerConfigBackup -Path $Root).Count | Should -Be 1
    }

    It 'logs nothing under -WhatIf (Set, Restore, Repair)' {
        Set-IeaServerConfig -Path $Root -ProxyPort 8080 -Confirm:$false # a backup, for Restore -WhatIf to consider
        $before = Get-Bytes (Join-Path $Root 'ImpactEmploi.ini')
        $command = "Import-Module '$(Get-IeaTestManifest)'; Set-IeaServerConfig -Path '$Root' -Recommended -WhatIf; Restore-IeaServerConfig -Path '$Root' -WhatIf; Repair-IeaConnection -Path '$Root' -WhatIf | Out-Null"
        (Invoke-IeaChildPwsh -Environment @{ IEA_PS_LOG_DIR = $Logs } -Command $command).ExitCode | Should -Be 0
        $logged = if (Test-Path $Logs) { @(Get-Content (Get-ChildItem $Logs -Filter 'impactemploi-*.log').FullName) } else { @() }
        $logged | Where-Object { $_ -match 'Audit|Repair ' } | Should -BeNullOrEmpty
        Get-Bytes (Join-Path $Root 'ImpactEmploi.ini') | Should -BeExactly $before
    }
}
