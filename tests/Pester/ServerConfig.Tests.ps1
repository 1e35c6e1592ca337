BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    $script:Cp1252 = [Text.Encoding]::GetEncoding(1252)

    # Files are compared as hex text: Pester compares arrays loosely, a string exactly.
    function Get-Bytes([string] $Path) { [BitConverter]::ToString([IO.File]::ReadAllBytes($Path)) }
    function Get-Lines([string] $Path, [Text.Encoding] $Encoding = $Cp1252) { $Encoding.GetString([IO.File]::ReadAllBytes($Path)) -split "`r`n" }
}

Describe 'Get-IeaServerConfig' {
    BeforeEach { $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-cfg-" + [guid]::NewGuid().ToString('N')) }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'reads the settings through the layout and lists every deviation from the fiche' {
        New-IeaTestInstallation -Path $Root | Out-Null
        $config = Get-IeaServerConfig -Path $Root
        $config.PSObject.TypeNames[0] | Should -Be 'ImpactEmploi.IeaServerConfig'
        $config.Path | Should -Be ([IO.Path]::GetFullPath($Root))
        $config.ConnectionType | Should -Be 'Direct'
        $config.ConnectionMode | Should -Be 'Normal'
        $config.AuthenticationServer | Should -Be 'http://impact-emploi.urssaf.fr'
        $config.Version | Should -Be '3.00.72'
        $config.AssistanceMode | Should -BeFalse
        $config.IsRecommended | Should -BeFalse
        $config.Deviations.Count | Should -Be 3
        $config.Deviations[0] | Should -BeLike '*Normal*Secure*'
    }

    It 'reads "Sécurisé" as Secure and a trailing slash or upper-case host as the same address' {
        $ini = (Get-IeaLegacyIni).Replace('Mode=Normal', 'Mode=Sécurisé').
            Replace('ServeurAuthentification=http://impact-emploi.urssaf.fr', 'ServeurAuthentification=https://IMPACT-EMPLOI.urssaf.fr/').
            Replace('ServeurMiseAJour=http://', 'ServeurMiseAJour=https://')
        New-IeaTestInstallation -Path $Root -Content $ini | Out-Null
        $config = Get-IeaServerConfig -Path $Root
        $config.ConnectionMode | Should -Be 'Secure'
        $config.IsRecommended | Should -BeTrue
    }

    It 'reports ConfigUnreadable for a damaged file and goes on' {
        New-IeaTestInstallation -Path "$Root/Good" | Out-Null
        New-Item -ItemType Directory "$Root/Bad" | Out-Null
        [IO.File]::WriteAllBytes("$Root/Bad/ImpactEmploi.ini", [byte[]](0x5B, 0x41, 0x00, 0x01, 0x5D))
        $configs = Get-IeaServerConfig -Path "$Root/Bad", "$Root/Good" -ErrorVariable problems -ErrorAction SilentlyContinue
        @($configs).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ConfigUnreadable,*'
        $problems[0].Exception.Message | Should -BeLike "*$Root*Bad*ImpactEmploi.ini*"
    }
}

Describe 'Set-IeaServerConfig' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-set-" + [guid]::NewGuid().ToString('N'))
        $script:Ini = Join-Path $Root 'ImpactEmploi.ini'
    }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'applies the fiche with -Recommended, changing only those values, byte for byte (Windows-1252, CRLF, accents)' {
        New-IeaTestInstallation -Path $Root | Out-Null
        $before = Get-Lines $Ini
        $result = Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -PassThru
        $result.IsRecommended | Should -BeTrue
        $expected = $before.Replace('Mode=Normal', 'Mode=Securise').
            Replace('ServeurAuthentification=http://impact-emploi.urssaf.fr', 'ServeurAuthentification=https://impact-emploi.urssaf.fr').
            Replace('ServeurMiseAJour=http://impact-emploi.urssaf.fr/updates', 'ServeurMiseAJour=https://impact-emploi.urssaf.fr/updates')
        Get-Bytes $Ini | Should -BeExactly ([BitConverter]::ToString($Cp1252.GetBytes(($expected -join "`r`n"))))
        [IO.File]::ReadAllBytes($Ini)[35] | Should -Be 0xE8   # the è of "paramètres", still one Windows-1252 byte
    }

    It 'keeps a UTF-16 file with its BOM and LF line endings' {
        $utf16 = [Text.Encoding]::Unicode
        New-IeaTestInstallation -Path $Root -Content (Get-IeaLegacyIni -NewLine "`n") -Encoding $utf16 -Bom | Out-Null
        Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false
        $bytes = [IO.File]::ReadAllBytes($Ini)
        $bytes[0..1] | Should -Be @(0xFF, 0xFE)
        $text = $utf16.GetString($bytes, 2, $bytes.Length - 2)
        $text | Should -Not -Match "`r"
        $text | Should -Match "(?m)^Mode=Securise$"
        $text | Should -Match '; Impact emploi association - paramètres'
    }

    It 'writes nothing at all when the settings are already right' {
        New-IeaTestInstallation -Path $Root | Out-Null
        Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false
        Remove-Item -Recurse "$Root/ImpactEmploi.PS"
        $bytes = Get-Bytes $Ini
        $written = (Get-Item $Ini).LastWriteTimeUtc
        Start-Sleep -Milliseconds 20
        $verbose = Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -Verbose 4>&1
        Get-Bytes $Ini | Should -BeExactly $bytes
        (Get-Item $Ini).LastWriteTimeUtc | Should -Be $written
        "$Root/ImpactEmploi.PS" | Should -Not -Exist
        "$verbose" | Should -BeLike '*already*'
    }

    It '-WhatIf writes nothing: same bytes, same time, no backup, no lock file' {
        New-IeaTestInstallation -Path $Root | Out-Null
        $bytes = Get-Bytes $Ini
        $written = (Get-Item $Ini).LastWriteTimeUtc
        Set-IeaServerConfig -Path $Root -Recommended -WhatIf
        Get-Bytes $Ini | Should -BeExactly $bytes
        (Get-Item $Ini).LastWriteTimeUtc | Should -Be $written
        @(Get-ChildItem $Root -Force).Name | Should -Be @('ImpactEmploi.ini')
    }

    It 'backs up the old bytes before a change, and Restore-IeaServerConfig puts them back (after its own backup)' {
        New-IeaTestInstallation -Path $Root | Out-Null
        $original = Get-Bytes $Ini
        Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false
        $backups = @(Get-IeaServerConfigBackup -Path $Root)
        $backups.Count | Should -Be 1
        Get-Bytes $backups[0].BackupPath | Should -BeExactly $original
        $changed = Get-Bytes $Ini

        $restored = Restore-IeaServerConfig -Path $Root -Confirm:$false -PassThru
        $restored.ConnectionMode | Should -Be 'Normal'
        Get-Bytes $Ini | Should -BeExactly $original
        $backups = @(Get-IeaServerConfigBackup -Path $Root)
        $backups.Count | Should -Be 2
        Get-Bytes $backups[0].BackupPath | Should -BeExactly $changed
    }

    It 'restores a chosen backup with -BackupPath, and says BackupNotFound when there is none' {
        New-IeaTestInstallation -Path $Root | Out-Null
        { Restore-IeaServerConfig -Path $Root -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'BackupNotFound,*'
        Set-IeaServerConfig -Path $Root -ProxyHost first -Confirm:$false
        Set-IeaServerConfig -Path $Root -ProxyHost second -Confirm:$false
        $oldest = (Get-IeaServerConfigBackup -Path $Root)[-1]
        Restore-IeaServerConfig -Path $Root -BackupPath $oldest.BackupPath -Confirm:$false
        (Get-IeaServerConfig -Path $Root).ProxyHost | Should -BeNullOrEmpty
        { Restore-IeaServerConfig -Path $Root -BackupPath "$Root/nope.bak" -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'BackupNotFound,*'
    }

    It 'keeps the last 10 backups' {
        New-IeaTestInstallation -Path $Root | Out-Null
        1..12 | ForEach-Object { Set-IeaServerConfig -Path $Root -ProxyPort $_ -Confirm:$false }
        $backups = @(Get-IeaServerConfigBackup -Path $Root)
        $backups.Count | Should -Be 10
        $Cp1252.GetString([IO.File]::ReadAllBytes($backups[0].BackupPath)) | Should -Match 'ProxyPort=11'
    }

    It 'lets explicit parameters override -Recommended and leaves the connection type alone' {
        New-IeaTestInstallation -Path $Root | Out-Null
        $config = Set-IeaServerConfig -Path $Root -Recommended -ConnectionType Proxy -ProxyHost 'proxy.asso.local' -ProxyPort 3128 -ProxySecure `
            -UpdateServer 'https://impact-emploi.urssaf.fr/updates/v2' -Confirm:$false -PassThru
        $config.ConnectionType | Should -Be 'Proxy'
        $config.ProxyHost | Should -Be 'proxy.asso.local'
        $config.ProxyPort | Should -Be 3128
        $config.ProxySecure | Should -BeTrue
        $config.UpdateServer | Should -Be 'https://impact-emploi.urssaf.fr/updates/v2'
        $config.ConnectionMode | Should -Be 'Secure'
        (Get-Lines $Ini) | Should -Contain 'Type=Proxy'
    }

    It 'refuses <Case> with <ErrorId> and leaves the file alone' -ForEach @(
        @{ Case = 'a non-URL'; ErrorId = 'InvalidServerAddress'; Arguments = @{ AuthenticationServer = 'impact emploi' } }
        @{ Case = 'an ftp address'; ErrorId = 'InvalidServerAddress'; Arguments = @{ UpdateServer = 'ftp://impact-emploi.urssaf.fr/updates' } }
        @{ Case = 'http in Secure mode'; ErrorId = 'InsecureServerAddress'; Arguments = @{ ConnectionMode = 'Secure'; AuthenticationServer = 'http://impact-emploi.urssaf.fr' } }
        @{ Case = 'another host'; ErrorId = 'NonOfficialServer'; Arguments = @{ AuthenticationServer = 'https://impact-emploi.urssaf.fr.evil.example' } }
    ) {
        New-IeaTestInstallation -Path $Root | Out-Null
        $bytes = Get-Bytes $Ini
        $thrown = { Set-IeaServerConfig -Path $Root @Arguments -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*" -PassThru
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Get-Bytes $Ini | Should -BeExactly $bytes
    }

    It 'accepts another host with -AllowCustomServer' {
        New-IeaTestInstallation -Path $Root | Out-Null
        (Set-IeaServerConfig -Path $Root -AuthenticationServer 'https://127.0.0.1:8443' -AllowCustomServer -Confirm:$false -PassThru).AuthenticationServer |
            Should -Be 'https://127.0.0.1:8443'
    }

    It 'refuses a proxy port outside 1..65535 at binding' {
        New-IeaTestInstallation -Path $Root | Out-Null
        { Set-IeaServerConfig -Path $Root -ProxyPort 70000 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'refuses in assistance mode with AssistanceModeActive, and writes with -Force' {
        New-IeaTestInstallation -Path $Root -Content (Get-IeaLegacyIni).Replace('Actif=0', 'Actif=1') | Out-Null
        $thrown = { Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'AssistanceModeActive,*' -PassThru
        $thrown.ErrorDetails.RecommendedAction | Should -BeLike '*Disable-IeaAssistanceMode*'
        (Set-IeaServerConfig -Path $Root -Recommended -Force -Confirm:$false -PassThru).IsRecommended | Should -BeTrue
    }

    It 'refuses while IEA runs from this installation with ApplicationRunning, and writes with -Force' -Skip:(-not $IsLinux) {
        New-IeaTestInstallation -Path $Root | Out-Null
        Copy-Item /bin/sleep "$Root/ImpactEmploi.exe"
        $process = Start-Process "$Root/ImpactEmploi.exe" -ArgumentList 30 -PassThru
        try {
            Start-Sleep -Milliseconds 200
            $thrown = { Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ApplicationRunning,*' -PassThru
            $thrown.CategoryInfo.Category | Should -Be 'ResourceBusy'
            (Set-IeaServerConfig -Path $Root -Recommended -Force -Confirm:$false -PassThru).IsRecommended | Should -BeTrue
        }
        finally { $process | Stop-Process -Force }
    }

    It 'gives ConfigLocked when another writer holds the file past -LockTimeoutSec' {
        New-IeaTestInstallation -Path $Root | Out-Null
        Set-IeaServerConfig -Path $Root -ProxyPort 1 -Confirm:$false
        $lockFile = Get-ChildItem "$Root/ImpactEmploi.PS" -Filter *.lock | Select-Object -First 1
        $held = [IO.File]::Open($lockFile.FullName, 'Open', 'ReadWrite', 'None')
        try {
            $thrown = { Set-IeaServerConfig -Path $Root -Recommended -LockTimeoutSec 1 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigLocked,*' -PassThru
            $thrown.CategoryInfo.Category | Should -Be 'ResourceBusy'
        }
        finally { $held.Dispose() }
        (Set-IeaServerConfig -Path $Root -Recommended -Confirm:$false -PassThru).IsRecommended | Should -BeTrue
    }

    It 'writes one audit event per changed setting, with old and new values, user and machine' {
        New-IeaTestInstallation -Path $Root | Out-Null
        $logs = Join-Path $Root 'logs'
        $result = Invoke-IeaChildPwsh -Environment @{ IEA_PS_LOG_DIR = $logs } -Command "Import-Module '$(Get-IeaTestManifest)'; Set-IeaServerConfig -Path '$Root' -Recommended -Confirm:`$false"
        $result.ExitCode | Should -Be 0
        $events = @(Get-Content (Get-ChildItem $logs -Filter 'impactemploi-*.log').FullName | ConvertFrom-Json | Where-Object Operation -EQ 'Set-IeaServerConfig')
        $events.Count | Should -Be 3
        ($events | Where-Object Setting -EQ 'ConnectionMode').OldValue | Should -Be 'Normal'
        ($events | Where-Object Setting -EQ 'ConnectionMode').NewValue | Should -Be 'Securise'
        $events[0].Machine | Should -Be ([Environment]::MachineName)
        $events[0].User | Should -BeLike "*$([Environment]::UserName)"
        $events[0].Path | Should -Be ([IO.Path]::GetFullPath($Ini))
    }

    It 'falls back to this account''s own folder with one warning when the log folder cannot be written' {
        # A folder under a regular file cannot be created, not even by root.
        New-IeaTestInstallation -Path $Root | Out-Null
        Set-Content "$Root/not-a-folder" 'x'
        $unwritable = "$Root/not-a-folder/logs"
        $command = "Import-Module '$(Get-IeaTestManifest)'; Set-IeaServerConfig -Path '$Root' -Recommended -Confirm:`$false -WarningVariable w -WarningAction SilentlyContinue; `$w.Count; `$w"
        $result = Invoke-IeaChildPwsh -Environment @{ IEA_PS_LOG_DIR = $unwritable; XDG_STATE_HOME = "$Root/state" } -Command $command
        $result.ExitCode | Should -Be 0
        $lines = $result.StdOut.Trim() -split "`r?`n"
        $lines[0] | Should -Be '1'
        $lines[1] | Should -BeLike "*$unwritable*$Root/state*"
        (Get-IeaServerConfig -Path $Root).IsRecommended | Should -BeTrue
        Get-Content (Get-ChildItem "$Root/state/impactemploi-ps/logs" -Filter 'impactemploi-*.log').FullName -Tail 3 |
            Should -Match ([regex]::Escape($Root))
    }

    It 'never loses an update when two processes write the same file 50 times each' {
        New-IeaTestInstallation -Path $Root | Out-Null
        $module = Get-IeaTestManifest
        $writer = {
            param($Module, $Root, $Setting)
            Import-Module $Module
            foreach ($i in 1..50) {
                $arguments = @{ Path = $Root; Confirm = $false; LockTimeoutSec = 60 }
                if ($Setting -eq 'ProxyPort') { $arguments.ProxyPort = $i } else { $arguments.ProxyHost = "host$i" }
                Set-IeaServerConfig @arguments -Force
            }
        }
        $jobs = 'ProxyPort', 'ProxyHost' | ForEach-Object { Start-Job -ScriptBlock $writer -ArgumentList $module, $Root, $_ }
        $jobs | Wait-Job -Timeout 300 | Out-Null
        $jobs | Receive-Job -ErrorAction Stop | Out-Null
        $jobs | ForEach-Object { $_.State | Should -Be 'Completed' }
        $config = Get-IeaServerConfig -Path $Root
        $config.ProxyPort | Should -Be 50
        $config.ProxyHost | Should -Be 'host50'
        (Get-Lines $Ini)[0] | Should -Be '; Impact emploi association - paramètres'
    }
}

Describe 'Another layout' {
    It 'is followed by every configuration cmdlet (other file, sections, keys and words)' {
        $root = Join-Path ([IO.Path]::GetTempPath()) ("iea-layout-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path "$root/inst" | Out-Null
        try {
            $layout = (Get-Content -Raw (Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1')).
                Replace("'ImpactEmploi.ini'", "'iea.conf'").Replace("Section = 'Connexion'", "Section = 'Reseau'").
                Replace("Key = 'Mode'", "Key = 'Securite'").Replace("Secure = 'Securise', 'Sécurisé'", "Secure = 'HTTPS'").
                Replace("Key = 'ServeurAuthentification'", "Key = 'Auth'")
            Set-Content -Path "$root/other.psd1" -Value $layout -Encoding utf8
            $ini = "[Application]`r`nVersion=3.00.80`r`n[Reseau]`r`nType=Direct`r`nSecurite=Normal`r`nAuth=http://impact-emploi.urssaf.fr`r`n[Assistance]`r`nActif=0`r`n"
            [IO.File]::WriteAllText("$root/inst/iea.conf", $ini, [Text.Encoding]::GetEncoding(1252))

            $before = Get-IeaServerConfig -Path "$root/inst" -LayoutPath "$root/other.psd1"
            $before.Version | Should -Be '3.00.80'
            $before.AuthenticationServer | Should -Be 'http://impact-emploi.urssaf.fr'
            Set-IeaServerConfig -Path "$root/inst" -LayoutPath "$root/other.psd1" -Recommended -Confirm:$false
            $text = [IO.File]::ReadAllText("$root/inst/iea.conf")
            $text | Should -Match "Securite=HTTPS`r`n"
            $text | Should -Match "Auth=https://impact-emploi.urssaf.fr`r`n"
            $text | Should -Match "\[Reseau\][^\[]*ServeurMiseAJour=https://impact-emploi.urssaf.fr/updates"
            (Get-IeaServerConfig -Path "$root/inst" -LayoutPath "$root/other.psd1").IsRecommended | Should -BeTrue
            @(Get-IeaServerConfigBackup -Path "$root/inst" -LayoutPath "$root/other.psd1").Count | Should -Be 1
            Restore-IeaServerConfig -Path "$root/inst" -LayoutPath "$root/other.psd1" -Confirm:$false
            [IO.File]::ReadAllText("$root/inst/iea.conf") | Should -Be $ini
        }
        finally { Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue }
    }
}
