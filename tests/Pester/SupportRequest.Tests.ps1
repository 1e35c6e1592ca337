BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
}

Describe 'New-IeaSupportRequest' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-support-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path "$Root/inst" -Content (Get-IeaTestIni -Version '3.00.74') | Out-Null
        $script:SavedState = $env:IEA_PS_STATE_DIR
        $env:IEA_PS_STATE_DIR = "$Root/state"
    }
    AfterEach {
        $env:IEA_PS_STATE_DIR = $SavedState
        Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    }

    It 'addresses support with the subject the fiche asks for, and the contact details in the body' {
        $request = Get-IeaConnectionStatus -Path "$Root/inst" -Offline | New-IeaSupportRequest -Organisation 'Asso' -ContactName 'Marie' -Phone '01 02 03 04 05' -Email 'marie@asso.example'
        $request.PSObject.TypeNames[0] | Should -Be 'ImpactEmploi.IeaSupportRequest'
        $request.To | Should -Be 'impact-emploi-association@urssaf.fr'
        $request.Subject | Should -BeExactly 'Serveur de connexion 3.00.74'
        $request.Body | Should -BeLike '*Asso*Marie*01 02 03 04 05*marie@asso.example*paramètres de connexion différents de ceux de la fiche*'
        $request.OutFile | Should -BeNullOrEmpty
        "$Root/state" | Should -Not -Exist
    }

    It 'writes an .eml draft (UTF-8, encoded accents, X-Unsent) and refuses the same request again within 7 days' {
        $status = Get-IeaConnectionStatus -Path "$Root/inst" -Offline
        $request = $status | New-IeaSupportRequest -Organisation 'Les Amis de l''Été' -OutFile "$Root/request.eml"
        $request.OutFile | Should -Be "$Root/request.eml"
        $text = [IO.File]::ReadAllText("$Root/request.eml")
        $text | Should -Match "(?m)^X-Unsent: 1`r$"
        $text | Should -Match "(?m)^To: impact-emploi-association@urssaf.fr`r$"
        $text | Should -Match "(?m)^Subject: Serveur de connexion 3.00.74`r$"
        $text | Should -Match "(?m)^Content-Type: text/plain; charset=utf-8`r$"
        $encoded = ($text -split "`r`n`r`n", 2)[1] -replace '\s', ''
        $body = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($encoded))
        $body | Should -BeLike "*Les Amis de l'Été*"

        $again = $status | New-IeaSupportRequest -Organisation 'Asso' -OutFile "$Root/again.eml" -WarningVariable warnings -WarningAction SilentlyContinue
        $again | Should -BeNullOrEmpty
        "$Root/again.eml" | Should -Not -Exist
        "$($warnings[0])" | Should -BeLike "*Serveur de connexion 3.00.74*$Root*request.eml*"

        $status | New-IeaSupportRequest -OutFile "$Root/again.eml" -Force | Out-Null
        "$Root/again.eml" | Should -Exist
    }

    It 'takes statuses that came back from another PC through remoting, naming the PC as the fleet report does' {
        $status = Get-IeaConnectionStatus -Path "$Root/inst" -Offline
        $status.ComputerName = 'PC-ACCUEIL'
        $remote = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($status, 2))
        $remote.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaConnectionStatus'
        # Invoke-Command -ComputerName 10.0.0.5 adds the address it used; the PC's own name wins in both cmdlets.
        $remote | Add-Member -NotePropertyName PSComputerName -NotePropertyValue '10.0.0.5'
        $request = $remote | New-IeaSupportRequest -Organisation 'Asso'
        $request.Subject | Should -BeExactly 'Serveur de connexion 3.00.74'
        $request.Body | Should -BeLike '*Poste : PC-ACCUEIL*paramètres de connexion différents*'
        $request.Body | Should -Not -BeLike '*10.0.0.5*'
        $remote | Export-IeaFleetReport -Path "$Root/fleet.html" -CsvPath "$Root/fleet.csv"
        (Import-Csv "$Root/fleet.csv" -Delimiter ([cultureinfo]::CurrentCulture.NumberFormat.NumberDecimalSeparator -eq ',' ? ';' : ','))[0].PSObject.Properties.Value[0] | Should -Be 'PC-ACCUEIL'
        Get-Content -Raw "$Root/fleet.html" | Should -Not -BeLike '*10.0.0.5*'

        $remote | Add-Member -NotePropertyName ComputerName -NotePropertyValue '' -Force
        ($remote | New-IeaSupportRequest -Organisation 'Asso').Body | Should -BeLike '*Poste : 10.0.0.5*'
    }

    It 'says SupportRequestNotWritten when the .eml cannot be written' {
        $status = Get-IeaConnectionStatus -Path "$Root/inst" -Offline
        $thrown = { $status | New-IeaSupportRequest -OutFile "$Root/no/such/folder/request.eml" } | Should -Throw -ErrorId 'SupportRequestNotWritten,*' -PassThru
        $thrown.CategoryInfo.Category | Should -Be 'WriteError'
    }

    It 'names the file itself when -OutFile is a folder, and honours -WhatIf' {
        New-Item -ItemType Directory "$Root/drafts" | Out-Null
        $status = Get-IeaConnectionStatus -Path "$Root/inst" -Offline
        $status | New-IeaSupportRequest -OutFile "$Root/drafts" -WhatIf
        @(Get-ChildItem "$Root/drafts").Count | Should -Be 0
        $request = $status | New-IeaSupportRequest -OutFile "$Root/drafts"
        $request.OutFile | Should -Be (Join-Path "$Root/drafts" "$([Environment]::MachineName)-inst.eml")
    }

    It 'diagnoses this PC''s installations itself when given none, like every other cmdlet, and warns when no contact is given' {
        $env:IEA_HOME = "$Root/inst"
        try {
            $request = New-IeaSupportRequest -Offline -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally { Remove-Item Env:IEA_HOME }
        $request.Subject | Should -BeExactly 'Serveur de connexion 3.00.74'
        $request.Path | Should -Be (Get-Item "$Root/inst").FullName
        "$warnings" | Should -BeLike '*no contact details*-ContactName*'
        $request.Body | Should -BeLike '*Organisme : (non renseigné)*'
    }

    It 'diagnoses installations given by -Path or piped from Get-IeaInstallation' {
        (New-IeaSupportRequest -Path "$Root/inst" -Offline -Organisation 'Asso').Subject | Should -BeExactly 'Serveur de connexion 3.00.74'
        (Get-IeaInstallation -Path "$Root/inst" | New-IeaSupportRequest -Offline -Organisation 'Asso').Path | Should -Be (Get-Item "$Root/inst").FullName
    }

    It 'refuses what is not a status with NotAConnectionStatus: <Name>' -ForEach @(
        @{ Name = 'a hashtable'; Make = { @{ State = 'Disconnected'; Case = 2; Path = 'C:\ImpactEmploi' } } }
        @{ Name = 'a string'; Make = { 'PC-ACCUEIL' } }
        @{ Name = 'a server config'; Make = { Get-IeaServerConfig -Path "$Root/inst" } }
        @{ Name = 'a status whose Case is not a number'; Make = { [pscustomobject]@{ State = 'Disconnected'; Case = 'two'; ComputerName = 'PC' } } }
    ) {
        $item = & $Make
        $request = $item | New-IeaSupportRequest -Organisation 'Asso' -ErrorVariable failures -ErrorAction SilentlyContinue
        $request | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NotAConnectionStatus,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'writes the .eml in French under an English display language, as a real mail parser reads it' -Skip:(-not (Get-Command python3 -ErrorAction Ignore)) {
        # Skipped without python3: the test reads the draft with Python's own e-mail parser.
        $saved = [Globalization.CultureInfo]::CurrentUICulture
        [Globalization.CultureInfo]::CurrentUICulture = 'en-US'
        try {
            Get-IeaConnectionStatus -Path "$Root/inst" -Offline |
                New-IeaSupportRequest -Organisation 'Les Amis de l''Été' -ContactName 'Hélène Dupré' -Email 'helene@amis.example' -OutFile "$Root/request.eml" | Out-Null
        }
        finally { [Globalization.CultureInfo]::CurrentUICulture = $saved }
        $parser = 'import email, email.policy, json, sys; m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default); ' +
            'print(json.dumps({"to": str(m["To"]), "subject": str(m["Subject"]), "type": m.get_content_type(), "body": m.get_content()}))'
        $mail = python3 -c $parser "$Root/request.eml" | ConvertFrom-Json
        $mail.to | Should -BeExactly 'impact-emploi-association@urssaf.fr'
        $mail.subject | Should -BeExactly 'Serveur de connexion 3.00.74'
        $mail.type | Should -Be 'text/plain'
        $body = $mail.body -replace "`r`n", "`n"
        $body | Should -BeLike "Bonjour,*Organisme : Les Amis de l'Été*État : paramètres de connexion différents de ceux de la fiche*"
        $body | Should -BeLike "*Nous vous remercions par avance de votre aide.`n`nCordialement,`nHélène Dupré`nLes Amis de l'Été`n"
        $body | Should -Not -Match 'ConfigurationOutdated|Organisation:|State:|Thank'
    }

    It 'prepares no mail when the fault is on this PC''s side, and names the local fix' {
        # The fiche's settings (as this layout states them), reached through a proxy where nothing listens: a local fault.
        $layout = New-IeaTestLayout -Path "$Root/layout.psd1" -BaseUrl 'https://127.0.0.1:9'
        $closed = [Uri] (Get-IeaClosedAddress)
        $ini = (Get-IeaTestIni -Mode 'Securise' -Authentication 'https://127.0.0.1:9/' -Update 'https://127.0.0.1:9/missing/updates' -NetEntreprises 'https://127.0.0.1:9/authentifier/1.0/' -Version '3.00.74').
            Replace('Type=Direct', 'Type=Proxy').Replace('ProxyAdresse=', "ProxyAdresse=127.0.0.1").Replace('ProxyPort=0', "ProxyPort=$($closed.Port)")
        New-IeaTestInstallation -Path "$Root/proxied" -Content $ini | Out-Null
        $status = Get-IeaConnectionStatus -Path "$Root/proxied" -LayoutPath $layout -TimeoutSec 5 -RetryCount 0
        # A local fault is never the fiche's case 2 (a mail to URSSAF): state Disconnected, case 0, the local fix next.
        $status.State | Should -Be 'Disconnected'
        $status.Case | Should -Be 0
        @($status.ServerTests.Failure | Sort-Object -Unique) | Should -Be @('Proxy')
        @($status.ServerTests.Side | Sort-Object -Unique) | Should -Be @('Local')

        $request = $status | New-IeaSupportRequest -Organisation 'Asso' -OutFile "$Root/local.eml" -WarningVariable warnings -WarningAction SilentlyContinue
        $request | Should -BeNullOrEmpty
        "$Root/local.eml" | Should -Not -Exist
        "$warnings" | Should -BeLike "*proxied*no request to support is prepared*$($status.ServerTests[0].Message)*"
    }
}

Describe 'Repair-IeaConnection | New-IeaSupportRequest' -Skip:(-not $env:IEA_TEST_PKI -or -not (Get-Command nginx, /usr/sbin/nginx -ErrorAction Ignore)) {
    BeforeAll {
        Import-Module (Join-Path $env:IEA_REPO_ROOT 'tests/infra/TestServers.psm1') -Force
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-support-repair-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $Root | Out-Null
        $script:Nginx = Start-IeaTestNginx -PkiPath $env:IEA_TEST_PKI
        $script:Layout = New-IeaTestLayout -Path (Join-Path $Root 'local.psd1') -BaseUrl $Nginx.Url.TrimEnd('/') -UnreachableNetEntreprises
        $script:SavedState = $env:IEA_PS_STATE_DIR
        $env:IEA_PS_STATE_DIR = "$Root/state"
    }
    AfterAll {
        $env:IEA_PS_STATE_DIR = $SavedState
        $Nginx | Stop-IeaTestServer
        Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    }

    It 'writes the diagnosis after the repair: its real server tests, its version, the fiche''s case 2' {
        New-IeaTestInstallation -Path "$Root/inst" -Content (Get-IeaTestIni -Version '3.00.74') | Out-Null
        $report = Repair-IeaConnection -Path "$Root/inst" -LayoutPath $Layout -Confirm:$false -TimeoutSec 5 -RetryCount 0
        $report.After.Case | Should -Be 2
        $request = $report | New-IeaSupportRequest -Organisation 'Asso' -ContactName 'Marie'
        $request.Subject | Should -BeExactly 'Serveur de connexion 3.00.74'
        $request.Body | Should -BeLike '*État : serveurs injoignables, cas 2 de la fiche*'
        $request.Body | Should -BeLike "*Serveur d'authentification $($Nginx.Url.TrimEnd('/'))/ : joignable*"
        $request.Body | Should -BeLike "*Authentification Net-Entreprises https://127.0.0.1:*/authentifier/1.0/ : INJOIGNABLE : le serveur a refusé la connexion*"
        $request.Body | Should -Not -BeLike '*Serveurs non testés*'
        $request.Body | Should -Not -BeLike '*3.00.XX*'
    }
}
