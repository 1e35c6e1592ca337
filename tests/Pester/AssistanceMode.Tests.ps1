BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    function Read-Ini([string] $Folder) { [Text.Encoding]::GetEncoding(1252).GetString([IO.File]::ReadAllBytes("$Folder/ImpactEmploi.ini")) }
}

Describe 'Enable-IeaAssistanceMode and Disable-IeaAssistanceMode' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-assist-" + [guid]::NewGuid().ToString('N'))
    }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'enables assistance mode (red scarab) through the safe write path, once' {
        New-IeaTestInstallation -Path $Root -Content (Get-IeaTestIni) | Out-Null
        $status = Enable-IeaAssistanceMode -Path $Root -Confirm:$false -PassThru
        $status.State | Should -Be 'AssistanceMode'
        $status.Icon | Should -Be 'RedScarab'
        Read-Ini $Root | Should -Be ((Get-IeaTestIni).Replace('Actif=0', 'Actif=1'))
        @(Get-IeaServerConfigBackup -Path $Root).Count | Should -Be 1
        Enable-IeaAssistanceMode -Path $Root -Confirm:$false
        @(Get-IeaServerConfigBackup -Path $Root).Count | Should -Be 1
    }

    It '-WhatIf changes nothing' {
        New-IeaTestInstallation -Path $Root -Content (Get-IeaTestIni) | Out-Null
        Enable-IeaAssistanceMode -Path $Root -WhatIf
        Read-Ini $Root | Should -Be (Get-IeaTestIni)
        "$Root/ImpactEmploi.PS" | Should -Not -Exist
    }

    It 'asks before enabling (ConfirmImpact High): undoing it needs URSSAF''s password of the day' {
        [Management.Automation.CommandMetadata]::new((Get-Command Enable-IeaAssistanceMode)).ConfirmImpact | Should -Be 'High'
        [Management.Automation.CommandMetadata]::new((Get-Command Disable-IeaAssistanceMode)).ConfirmImpact | Should -Be 'Medium'
    }

    It 'refuses at once in a session that cannot prompt (-NonInteractive), showing no prompt' {
        New-IeaTestInstallation -Path $Root -Content (Get-IeaTestIni -Assistance 1) | Out-Null
        $result = Invoke-IeaChildPwsh -Command "Import-Module '$(Get-IeaTestManifest)'; try { Disable-IeaAssistanceMode -Path '$Root' -Confirm:`$false } catch { `$_.FullyQualifiedErrorId }"
        $result.StdOut | Should -BeLike 'DailyPasswordRequired,*'
        $result.StdOut | Should -Not -BeLike '*DailyPassword:*'
        Read-Ini $Root | Should -Be (Get-IeaTestIni -Assistance 1)
    }

    It 'refuses to disable without the password of the day: DailyPasswordRequired' {
        New-IeaTestInstallation -Path $Root -Content (Get-IeaTestIni -Assistance 1) | Out-Null
        $thrown = { Disable-IeaAssistanceMode -Path $Root -Confirm:$false } | Should -Throw -ErrorId 'DailyPasswordRequired,*' -PassThru
        $thrown.ErrorDetails.RecommendedAction | Should -BeLike '*impact-emploi-association@urssaf.fr*'
        { Disable-IeaAssistanceMode -Path $Root -DailyPassword ([securestring]::new()) -Confirm:$false } | Should -Throw -ErrorId 'DailyPasswordRequired,*'
        Read-Ini $Root | Should -Be (Get-IeaTestIni -Assistance 1)
    }

    It 'disables it, leaving the password where the layout says IEA reads it, and does nothing when already off' {
        New-IeaTestInstallation -Path $Root -Content (Get-IeaTestIni -Assistance 1) | Out-Null
        $password = ConvertTo-SecureString 'Jour-2711' -AsPlainText -Force
        $status = Disable-IeaAssistanceMode -Path $Root -DailyPassword $password -Confirm:$false -PassThru
        $status.State | Should -Be 'ConfigurationOutdated'
        Read-Ini $Root | Should -Be ((Get-IeaTestIni).Replace('MotDePasseDuJour=', 'MotDePasseDuJour=Jour-2711'))
        $bytes = [IO.File]::ReadAllBytes("$Root/ImpactEmploi.ini")
        Disable-IeaAssistanceMode -Path $Root -DailyPassword (ConvertTo-SecureString 'Autre' -AsPlainText -Force) -Confirm:$false
        [IO.File]::ReadAllBytes("$Root/ImpactEmploi.ini") | Should -Be $bytes
    }

    It 'never shows the password of the day: not in output, verbose, warnings, the log, the audit or a transcript' {
        New-IeaTestInstallation -Path $Root -Content (Get-IeaTestIni -Assistance 1) | Out-Null
        $secret = 'S3cr3t-du-jour-' + (Get-Random)
        $logs = Join-Path $Root 'logs'
        $transcript = Join-Path $Root 'transcript.txt'
        $command = @"
Start-Transcript -Path '$transcript' | Out-Null
Import-Module '$(Get-IeaTestManifest)'
`$VerbosePreference = 'Continue'; `$DebugPreference = 'Continue'
`$status = Disable-IeaAssistanceMode -Path '$Root' -DailyPassword (ConvertTo-SecureString '$secret' -AsPlainText -Force) -Confirm:`$false -PassThru *>&1
`$status | Format-List * | Out-String -Width 300
`$status | ConvertTo-Json -Depth 5
Stop-Transcript | Out-Null
"@.Replace("'$secret'", "`$env:IEA_TEST_SECRET")
        $result = Invoke-IeaChildPwsh -Command $command -Environment @{ IEA_PS_LOG_DIR = $logs; IEA_TEST_SECRET = $secret }
        $result.ExitCode | Should -Be 0
        (Read-Ini $Root) | Should -Match ([regex]::Escape("MotDePasseDuJour=$secret"))
        $result.StdOut | Should -Not -BeNullOrEmpty
        $result.StdOut | Should -Not -Match $secret
        $result.StdErr | Should -Not -Match $secret
        Get-Content -Raw $transcript | Should -Not -Match $secret
        $log = Get-Content -Raw (Get-ChildItem $logs -Filter '*.log').FullName
        $log | Should -Match '"Setting":"DailyPassword"'
        $log | Should -Not -Match $secret
    }
}
