BeforeDiscovery {
    $script:NoServers = -not $env:IEA_TEST_PKI -or -not (Get-Command nginx, /usr/sbin/nginx -ErrorAction Ignore)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $env:IEA_REPO_ROOT 'tests/infra/TestServers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    function Read-Ini([string] $Folder) { [Text.Encoding]::GetEncoding(1252).GetString([IO.File]::ReadAllBytes("$Folder/ImpactEmploi.ini")) }
}

Describe 'Repair-IeaConnection' -Skip:$NoServers {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-repair-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $Root | Out-Null
        $script:Nginx = Start-IeaTestNginx -PkiPath $env:IEA_TEST_PKI
        $script:Base = $Nginx.Url.TrimEnd('/')
        # The fiche, as this layout states it, names the local test server (see New-IeaTestLayout).
        $script:Layout = New-IeaTestLayout -Path (Join-Path $Root 'local.psd1') -BaseUrl $Base
        $script:Fixed = @{ Mode = 'Securise'; Authentication = "$Base/"; Update = "$Base/missing/updates"; NetEntreprises = "$Base/authentifier/1.0/" }
        function New-Fixture([hashtable] $Ini = @{}) {
            $folder = Join-Path $Root ([guid]::NewGuid().ToString('N'))
            $settings = @{ Authentication = "http://127.0.0.1:$($Nginx.Port)/"; Update = "http://127.0.0.1:$($Nginx.Port)/missing/updates"; NetEntreprises = "$Base/authentifier/1.0/" }
            foreach ($key in $Ini.Keys) { $settings[$key] = $Ini[$key] }
            New-IeaTestInstallation -Path $folder -Content (Get-IeaTestIni @settings) | Out-Null
            $folder
        }
    }
    AfterAll {
        $Nginx | Stop-IeaTestServer
        Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    }

    It 'applies the fiche, tests the servers and ends connected (case 1), in that order' {
        $folder = New-Fixture
        $report = Repair-IeaConnection -Path $folder -LayoutPath $Layout -Confirm:$false
        $report.PSObject.TypeNames[0] | Should -Be 'ImpactEmploi.IeaRepairReport'
        $report.Before.State | Should -Be 'ConfigurationOutdated'
        $report.After.State | Should -Be 'Connected'
        $report.Case | Should -Be 1
        $report.Repaired | Should -BeTrue
        $report.SupportRequest | Should -BeNullOrEmpty
        $report.Actions.Count | Should -Be 2
        $report.Actions[0] | Should -BeLike "*ConnectionMode: Normal -> Securise*"
        $report.Actions[1] | Should -BeLike '*3 of 3*'
        Read-Ini $folder | Should -Be (Get-IeaTestIni @Fixed)
    }

    It 'is idempotent: a second run writes nothing and says nothing was needed' {
        $folder = New-Fixture
        Repair-IeaConnection -Path $folder -LayoutPath $Layout -Confirm:$false | Out-Null
        $bytes = [IO.File]::ReadAllBytes("$folder/ImpactEmploi.ini")
        $written = (Get-Item "$folder/ImpactEmploi.ini").LastWriteTimeUtc
        $backups = @(Get-IeaServerConfigBackup -Path $folder).Count
        $report = Repair-IeaConnection -Path $folder -LayoutPath $Layout -Confirm:$false
        [IO.File]::ReadAllBytes("$folder/ImpactEmploi.ini") | Should -Be $bytes
        (Get-Item "$folder/ImpactEmploi.ini").LastWriteTimeUtc | Should -Be $written
        @(Get-IeaServerConfigBackup -Path $folder).Count | Should -Be $backups
        $report.Actions[0] | Should -BeLike '*Nothing needed*'
        $report.Case | Should -Be 1
    }

    It '-WhatIf changes nothing and says what would be done' {
        $folder = New-Fixture @{ Assistance = 1 }
        $before = Read-Ini $folder
        $report = Repair-IeaConnection -Path $folder -LayoutPath $Layout -DailyPassword (ConvertTo-SecureString 'x1' -AsPlainText -Force) -WhatIf
        Read-Ini $folder | Should -Be $before
        "$folder/ImpactEmploi.PS" | Should -Not -Exist
        $report.Actions[0] | Should -BeLike 'Would change: *AssistanceMode*'
        $report.Actions[1] | Should -BeLike 'Would change: *ConnectionMode*'
        $report.Actions[-1] | Should -BeLike '*Would then test*'
        $report.Case | Should -Be 0
    }

    It 'stops in assistance mode without the password, with the next step' {
        $folder = New-Fixture @{ Assistance = 1 }
        $thrown = { Repair-IeaConnection -Path $folder -LayoutPath $Layout -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'AssistanceModeActive,*' -PassThru
        $thrown.ErrorDetails.RecommendedAction | Should -BeLike '*Disable-IeaAssistanceMode -DailyPassword*Repair-IeaConnection*'
    }

    It 'leaves assistance mode with the password of the day, then repairs' {
        $folder = New-Fixture @{ Assistance = 1 }
        $report = Repair-IeaConnection -Path $folder -LayoutPath $Layout -DailyPassword (ConvertTo-SecureString 'Jour1' -AsPlainText -Force) -Confirm:$false
        $report.Before.State | Should -Be 'AssistanceMode'
        $report.After.State | Should -Be 'Connected'
        $report.Actions[0] | Should -BeLike '*AssistanceMode: 1 -> 0*'
        $report.Actions[0] | Should -Not -Match 'Jour1'
        Read-Ini $folder | Should -Be ((Get-IeaTestIni @Fixed).Replace('MotDePasseDuJour=', 'MotDePasseDuJour=Jour1'))
    }

    It 'reports case 2 with a support request, and switches assistance mode on with -EnableAssistanceModeOnFailure' {
        $layout = New-IeaTestLayout -Path (Join-Path $Root 'closed.psd1') -BaseUrl $Base -UnreachableNetEntreprises
        $folder = New-Fixture
        $report = Repair-IeaConnection -Path $folder -LayoutPath $layout -RetryCount 0 -EnableAssistanceModeOnFailure -Organisation 'Les Amis de l''Été' -Confirm:$false
        $report.Case | Should -Be 2
        $report.Repaired | Should -BeFalse
        $report.NextStep | Should -BeLike '*Restart-IeaAuthentication*'
        $report.SupportRequest.To | Should -Be 'impact-emploi-association@urssaf.fr'
        $report.SupportRequest.Subject | Should -BeExactly 'Serveur de connexion 3.00.72'
        $report.SupportRequest.Body | Should -BeLike "*Les Amis de l'Été*INJOIGNABLE : le serveur a refusé la connexion*"
        $report.After.State | Should -Be 'AssistanceMode'
        $report.Actions[-1] | Should -BeLike '*AssistanceMode: 0 -> 1*'
        Read-Ini $folder | Should -Match 'Actif=1'
    }

    It 'keeps the report and the support request when assistance mode cannot be switched on' -Skip:(-not $IsLinux) {
        $layout = New-IeaTestLayout -Path (Join-Path $Root 'closed3.psd1') -BaseUrl $Base -UnreachableNetEntreprises
        $folder = New-Fixture @{ Mode = 'Securise'; Authentication = "$Base/"; Update = "$Base/missing/updates"; NetEntreprises = (Get-IeaClosedAddress) }
        Copy-Item /bin/sleep "$folder/ImpactEmploi.exe"
        $iea = Start-Process "$folder/ImpactEmploi.exe" -ArgumentList 300 -PassThru
        try {
            Start-Sleep -Milliseconds 200
            $report = Repair-IeaConnection -Path $folder -LayoutPath $layout -RetryCount 0 -EnableAssistanceModeOnFailure -Confirm:$false
            $report.Case | Should -Be 2
            $report.SupportRequest.Subject | Should -BeExactly 'Serveur de connexion 3.00.72'
            $report.Actions[-1] | Should -BeLike '*could not be switched on (ApplicationRunning)*'
            Read-Ini $folder | Should -Match 'Actif=0'
        }
        finally { $iea | Stop-Process -Force }
    }

    It 'reports case 3 when the servers answer but IEA recorded <Result>' -ForEach @(@{ Result = 'AutorisationRefusee' }, @{ Result = 'LicenceNonReconnue' }) {
        $report = Repair-IeaConnection -Path (New-Fixture @{ Result = $Result }) -LayoutPath $Layout -Confirm:$false
        $report.Case | Should -Be 3
        $report.SupportRequest.Subject | Should -BeExactly 'Serveur de connexion 3.00.72'
        $report.After.ServerTests.Reachable | Should -Be @($true, $true, $true)
    }

    It 'restarts the authentication once when a server fails and the connection program runs, then tests again' -Skip:(-not $IsLinux) {
        $layout = New-IeaTestLayout -Path (Join-Path $Root 'closed2.psd1') -BaseUrl $Base -UnreachableNetEntreprises
        $folder = New-Fixture @{ Mode = 'Securise'; Authentication = "$Base/"; Update = "$Base/missing/updates"; NetEntreprises = (Get-IeaClosedAddress) }
        Copy-Item /bin/sleep "$folder/ServeurConnexion.exe"
        $tray = Start-Process "$folder/ServeurConnexion.exe" -ArgumentList 300 -PassThru
        try {
            Start-Sleep -Milliseconds 200
            $report = Repair-IeaConnection -Path $folder -LayoutPath $layout -RetryCount 0 -Confirm:$false
            $tray.WaitForExit(5000) | Should -BeTrue
            $report.Actions | Should -Contain 'Authentication retried (connection program restarted)'
            @($report.Actions | Where-Object { $_ -like 'Servers tested*' }).Count | Should -Be 2
            $report.Case | Should -Be 2
        }
        finally { $tray | Stop-Process -Force -ErrorAction SilentlyContinue }
    }
}
