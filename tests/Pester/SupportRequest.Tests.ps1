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
        $request.Body | Should -BeLike '*Asso*Marie*01 02 03 04 05*marie@asso.example*ConfigurationOutdated*'
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

        $again = $status | New-IeaSupportRequest -OutFile "$Root/again.eml" -WarningVariable warnings -WarningAction SilentlyContinue
        $again | Should -BeNullOrEmpty
        "$Root/again.eml" | Should -Not -Exist
        "$($warnings[0])" | Should -BeLike "*Serveur de connexion 3.00.74*$Root*request.eml*"

        $status | New-IeaSupportRequest -OutFile "$Root/again.eml" -Force | Out-Null
        "$Root/again.eml" | Should -Exist
    }

    It 'takes statuses that came back from another PC through remoting' {
        $status = Get-IeaConnectionStatus -Path "$Root/inst" -Offline
        $remote = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($status, 2))
        $remote.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaConnectionStatus'
        $remote | Add-Member -NotePropertyName PSComputerName -NotePropertyValue 'SECRETARIAT-01'
        $request = $remote | New-IeaSupportRequest -Organisation 'Asso'
        $request.Subject | Should -BeExactly 'Serveur de connexion 3.00.74'
        $request.Body | Should -BeLike '*SECRETARIAT-01*ConfigurationOutdated*'
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
}
