# Find-IeaSetting, New-IeaLayout and Test-IeaLayout on synthetic installations the default layout cannot read,
# and the end-to-end path: a drafted layout drives Get-, Set- and Restore-IeaServerConfig with only the changed
# values differing byte for byte.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    $script:Cp1252 = [Text.Encoding]::GetEncoding(1252)
    function Get-Bytes([string] $Path) { [BitConverter]::ToString([IO.File]::ReadAllBytes($Path)) }

    # Settings the way another build of IEA could keep them: other file, sections, keys and yes/no words.
    function Get-OtherIni {
        param([string] $Mode = 'Normal')
        @(
            '; Impact emploi association - paramètres du poste'
            '[Logiciel]'
            'NumeroVersion=3.00.72'
            '[AccesReseau]'
            'TypeDeConnexion=Direct'
            'HoteProxy='
            'PortProxy=0'
            'ProxySecurise=non'
            "ModeDeConnexion=$Mode   ; Normal | Etendu | Sécurisé"
            'UrlAuthentification=http://impact-emploi.urssaf.fr'
            'UrlMiseAJour=http://impact-emploi.urssaf.fr/updates'
            'UrlNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/'
            '[Depannage]'
            'ModeAssistance=non'
            '[Fenetre]'
            'Etat=Normal'
            ''
        ) -join "`r`n"
    }

    function New-OtherInstallation([string] $Path, [string] $Text = (Get-OtherIni)) {
        New-Item -ItemType Directory -Force -Path $Path | Out-Null
        [IO.File]::WriteAllBytes((Join-Path $Path 'iea.ini'), $Cp1252.GetBytes($Text))
        New-Item -ItemType Directory -Force -Path (Join-Path $Path 'bin') | Out-Null
        $noise = [byte[]]::new(65536); (New-Object Random 15).NextBytes($noise); $noise[0] = 0
        [IO.File]::WriteAllBytes((Join-Path $Path 'bin/ImpactEmploi.exe'), $noise)
        Get-Item $Path
    }

    # Lines that differ between two texts of the same length in lines.
    function Get-ChangedLines([string] $Before, [string] $After) {
        $a = $Before -split "`r?`n"; $b = $After -split "`r?`n"
        if ($a.Count -ne $b.Count) { return @('line count changed: ' + $a.Count + ' -> ' + $b.Count) }
        @(for ($i = 0; $i -lt $a.Count; $i++) { if ($a[$i] -cne $b[$i]) { $b[$i] } })
    }
}

Describe 'Find-IeaSetting' {
    BeforeEach { $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-find-" + [guid]::NewGuid().ToString('N')) }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'finds every setting of an installation the default layout cannot read, with where and why' {
        New-OtherInstallation "$Root/Paie" | Out-Null
        { Get-IeaServerConfig -Path "$Root/Paie" -ErrorAction Stop } | Should -Throw -ErrorId 'InstallationNotFound,*'

        $found = @(Find-IeaSetting -Path "$Root/Paie" -NoRegistry)

        $found[0].PSObject.TypeNames[0] | Should -Be 'ImpactEmploi.Discovery.IeaSettingCandidate'
        $mode = $found | Where-Object Setting -EQ 'ConnectionMode'
        ($mode.Section, $mode.Key, $mode.Value, [string] $mode.Confidence, [string] $mode.Format) | Should -Be @('AccesReseau', 'ModeDeConnexion', 'Normal', 'High', 'Ini')
        ($found | Where-Object Setting -EQ 'UpdateServer').Key | Should -Be 'UrlMiseAJour'
        ($found | Where-Object Setting -EQ 'AssistanceMode').Section | Should -Be 'Depannage'
        $found.Location | Sort-Object -Unique | Should -Be ([IO.Path]::GetFullPath("$Root/Paie/iea.ini"))
        $found | Where-Object Key -EQ 'Etat' | Should -BeNullOrEmpty
        $found.Reason | Should -Not -Contain ''
    }

    It 'takes folders from the pipeline and -LiteralPath, and reports a missing folder without stopping' {
        New-OtherInstallation "$Root/A[1]" | Out-Null
        $literal = @(Find-IeaSetting -LiteralPath "$Root/A[1]" -NoRegistry)
        $literal.Count | Should -BeGreaterOrEqual 10
        New-OtherInstallation "$Root/B" | Out-Null
        $piped = @([pscustomobject]@{ Path = "$Root/missing" }, [pscustomobject]@{ Path = "$Root/B" } |
                Find-IeaSetting -NoRegistry -ErrorVariable failures -ErrorAction SilentlyContinue)
        $piped.Count | Should -Be $literal.Count
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InstallationNotFound,*'
    }

    It 'searches no deeper than -MaxDepth, and warns when it finds nothing' {
        New-Item -ItemType Directory -Force -Path "$Root/Deep/a/b" | Out-Null
        [IO.File]::WriteAllText("$Root/Deep/a/b/iea.ini", "[Connexion]`r`nServeurAuthentification=https://impact-emploi.urssaf.fr`r`n")

        $shallow = @(Find-IeaSetting -Path "$Root/Deep" -MaxDepth 1 -NoRegistry -WarningVariable warnings -WarningAction SilentlyContinue)
        $shallow | Should -BeNullOrEmpty
        $warnings[0].Message | Should -Match ([regex]::Escape([IO.Path]::GetFullPath("$Root/Deep")))

        $deep = @(Find-IeaSetting -Path "$Root/Deep" -MaxDepth 2 -NoRegistry -WarningVariable none)
        $deep.Setting | Should -Be 'AuthenticationServer'
        $deep.RelativePath | Should -Be ([IO.Path]::Combine('a', 'b', 'iea.ini'))
        $none | Should -BeNullOrEmpty
    }

    It 'shows candidates as a table grouped by file, also after serialisation' {
        New-OtherInstallation "$Root/Paie" | Out-Null
        $found = Find-IeaSetting -Path "$Root/Paie" -NoRegistry
        $text = $found | Out-String -Width 200
        $text | Should -Match 'Location: .*iea\.ini'
        $text | Should -Match 'Setting\s+Confidence\s+Format\s+Entry\s+Value'
        $text | Should -Match 'ConnectionMode\s+High\s+Ini\s+\[AccesReseau\] ModeDeConnexion\s+Normal'
        $copy = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize(@($found)))
        $copy[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.Discovery.IeaSettingCandidate'
        $copy | Out-String -Width 200 | Should -Match 'ConnectionMode\s+High\s+Ini'
    }
}

Describe 'New-IeaLayout and Test-IeaLayout' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-draft-" + [guid]::NewGuid().ToString('N'))
        New-OtherInstallation "$Root/Paie" | Out-Null
        $script:Layout = "$Root/layout.psd1"
    }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'drives Get-, Set- (-Recommended) and Restore-IeaServerConfig through the written layout, only the changed values differing' {
        $ini = "$Root/Paie/iea.ini"
        $original = Get-Bytes $ini

        $draft = New-IeaLayout -Path "$Root/Paie" -OutFile $Layout -NoRegistry
        $draft.Written | Should -BeTrue
        $draft.FileName | Should -Be 'iea.ini'
        [string] $draft.Format | Should -Be 'Ini'
        $draft.NotFound | Should -Be @('DailyPassword', 'LastAuthentication', 'LastAuthenticationResult')
        [IO.File]::ReadAllBytes($Layout)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        Get-Content -Raw $Layout | Should -Match '(?m)^\s+# NOT FOUND by Find-IeaSetting'

        $test = Test-IeaLayout -LayoutPath $Layout -Path "$Root/Paie"
        ($test.Passed, $test.FileFound) | Should -Be @($true, $true)
        $test.NotParsed | Should -BeNullOrEmpty

        $config = Get-IeaServerConfig -Path "$Root/Paie" -LayoutPath $Layout
        $config.ConfigPath | Should -Be ([IO.Path]::GetFullPath($ini))
        ($config.Version, [string] $config.ConnectionMode, $config.AuthenticationServer, $config.AssistanceMode, $config.ProxySecure) |
            Should -Be @('3.00.72', 'Normal', 'http://impact-emploi.urssaf.fr', $false, $false)
        $config.Deviations.Count | Should -Be 3

        Set-IeaServerConfig -Path "$Root/Paie" -LayoutPath $Layout -Recommended -Confirm:$false
        $expected = (Get-OtherIni -Mode 'Securise').Replace('=http://impact-emploi', '=https://impact-emploi')
        Get-Bytes $ini | Should -BeExactly ([BitConverter]::ToString($Cp1252.GetBytes($expected)))
        (Get-IeaServerConfig -Path "$Root/Paie" -LayoutPath $Layout).IsRecommended | Should -BeTrue

        Restore-IeaServerConfig -Path "$Root/Paie" -LayoutPath $Layout -Confirm:$false
        Get-Bytes $ini | Should -BeExactly $original
    }

    It 'writes nothing with -WhatIf, never replaces a file without -Force, and replaces it with -Force' {
        $draft = New-IeaLayout -Path "$Root/Paie" -OutFile $Layout -NoRegistry -WhatIf
        $draft.Written | Should -BeFalse
        $draft.Text | Should -Match "FileName = 'iea.ini'"
        $Layout | Should -Not -Exist

        Set-Content -Path $Layout -Value '# mine' -Encoding utf8
        { New-IeaLayout -Path "$Root/Paie" -OutFile $Layout -NoRegistry -ErrorAction Stop } | Should -Throw -ErrorId 'LayoutNotWritten,*'
        Get-Content -Raw $Layout | Should -Be "# mine$([Environment]::NewLine)"

        (New-IeaLayout -Path "$Root/Paie" -OutFile $Layout -NoRegistry -Force).Written | Should -BeTrue
        Get-Content -Raw $Layout | Should -Match 'ModeDeConnexion'
        @(Get-ChildItem -Force $Root -File).Name | Should -Be @('layout.psd1')
    }

    It 'says, per installation, what does not fit: a missing file, a missing key, a word it does not know' {
        New-IeaLayout -Path "$Root/Paie" -OutFile $Layout -NoRegistry | Out-Null
        New-OtherInstallation "$Root/Turbo" -Text (Get-OtherIni -Mode 'Turbo') | Out-Null
        New-OtherInstallation "$Root/NoMode" -Text ((Get-OtherIni) -replace 'ModeDeConnexion=[^\r]*\r\n', '') | Out-Null
        New-Item -ItemType Directory "$Root/Empty" | Out-Null

        $results = @(Test-IeaLayout -LayoutPath $Layout -Path "$Root/Paie", "$Root/Turbo", "$Root/NoMode", "$Root/Empty")

        $results.Count | Should -Be 4
        $results.Passed | Should -Be @($true, $false, $false, $false)
        $results[1].NotParsed | Should -Be @('ConnectionMode')
        $results[1].Differences -join "`n" | Should -Match 'Turbo'
        $results[2].Missing | Should -Contain 'ConnectionMode'
        $results[3].FileFound | Should -BeFalse
        $results[3].Differences[0] | Should -Match ([regex]::Escape('iea.ini'))
        $results | Out-String -Width 200 | Should -Match 'ComputerName\s+Passed\s+File\s+Missing\s+NotParsed\s+Path'
    }

    It 'drafts from candidates given on the pipeline, reviewed and deserialised, and refuses candidates of two installations' {
        $found = Find-IeaSetting -Path "$Root/Paie" -NoRegistry
        $remote = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize(@($found)))
        $remote[0].Setting | Should -BeOfType [string]
        ($remote | Where-Object Setting -EQ 'ConnectionMode').Setting | Should -Be 'ConnectionMode'

        # The reviewer drops the proxy host: the draft marks it not found and places it where the base layout does.
        $draft = $remote | Where-Object Setting -NE 'ProxyHost' | New-IeaLayout -OutFile $Layout
        $draft.Written | Should -BeTrue
        $draft.NotFound | Should -Contain 'ProxyHost'
        Get-Content -Raw $Layout | Should -Match "ProxyHost = @\{ Section = 'Connexion'; Key = 'ProxyAdresse' \}"
        (Get-IeaServerConfig -Path "$Root/Paie" -LayoutPath $Layout).ConnectionMode | Should -Be 'Normal'

        New-OtherInstallation "$Root/Other" | Out-Null
        $two = @($found) + @(Find-IeaSetting -Path "$Root/Other" -NoRegistry)
        { $two | New-IeaLayout -OutFile "$Root/two.psd1" -ErrorAction Stop } | Should -Throw -ErrorId 'LayoutNotWritten,*'
        "$Root/two.psd1" | Should -Not -Exist
    }

    It 'returns results that keep their words and view through serialisation' {
        New-IeaLayout -Path "$Root/Paie" -OutFile $Layout -NoRegistry | Out-Null
        $result = Test-IeaLayout -LayoutPath $Layout -Path "$Root/Paie"
        $copy = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($result))
        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.Discovery.IeaLayoutTestResult'
        ($copy.Passed, $copy.FileFound) | Should -Be @($true, $true)
        @($copy.Missing) | Should -Be @('DailyPassword', 'LastAuthentication', 'LastAuthenticationResult')
        $copy | Out-String -Width 200 | Should -Match 'True\s+True\s+DailyPassword, LastAuth'
    }

    It 'drafts a <Format> layout (<File>) that drives Get-, Set- (-Recommended) and Restore-IeaServerConfig, only the changed values differing byte for byte' -ForEach @(
        @{ Format = 'Xml'; Mode = '"Normal"'; Url = '"http://impact-emploi'; File = 'conf/ImpactEmploi.config'; Text = "<?xml version=`"1.0`" encoding=`"utf-8`"?>`r`n<configuration>`r`n  <appSettings>`r`n    <add key=`"VersionApplication`" value=`"3.00.72`" />`r`n    <add key=`"TypeConnexion`" value=`"Direct`" />`r`n    <add key=`"ProxyHote`" value=`"`" />`r`n    <add key=`"ProxyPort`" value=`"0`" />`r`n    <add key=`"ProxySecurise`" value=`"false`" />`r`n    <add key=`"ModeConnexion`" value=`"Normal`" />`r`n    <add key=`"ServeurAuthentification`" value=`"http://impact-emploi.urssaf.fr`" />`r`n    <add key=`"ServeurMiseAJour`" value=`"http://impact-emploi.urssaf.fr/updates`" />`r`n    <add key=`"ServeurNetEntreprises`" value=`"https://services.net-entreprises.fr/authentifier/1.0/`" />`r`n    <add key=`"AssistanceActive`" value=`"false`" />`r`n  </appSettings>`r`n</configuration>`r`n" }
        @{ Format = 'Properties'; Mode = '=Normal'; Url = '=http://impact-emploi'; File = 'iea.properties'; Text = "# Impact emploi association`nversion.application=3.00.72`nconnexion.type=Direct`nconnexion.proxy.hote=`nconnexion.proxy.port=0`nconnexion.proxy.securise=false`nconnexion.mode=Normal`nconnexion.serveur.authentification=http://impact-emploi.urssaf.fr`nconnexion.serveur.miseajour=http://impact-emploi.urssaf.fr/updates`nconnexion.serveur.netentreprises=https://services.net-entreprises.fr/authentifier/1.0/`nassistance.actif=false`n" }
        @{ Format = 'Json'; Mode = '"Normal"'; Url = '"http://impact-emploi'; File = 'data/iea.json'; Text = "{`r`n  `"application`": { `"version`": `"3.00.72`" },`r`n  `"connexion`": {`r`n    `"type`": `"Direct`",`r`n    `"proxy`": { `"hote`": `"`", `"port`": 0, `"securise`": false },`r`n    `"mode`": `"Normal`",`r`n    `"serveurs`": {`r`n      `"authentification`": `"http://impact-emploi.urssaf.fr`",`r`n      `"miseAJour`": `"http://impact-emploi.urssaf.fr/updates`",`r`n      `"netEntreprises`": `"https://services.net-entreprises.fr/authentifier/1.0/`"`r`n    }`r`n  },`r`n  `"assistance`": { `"actif`": false }`r`n}`r`n" }
    ) {
        $folder = "$Root/$Format"
        $settings = "$folder/$File"
        New-Item -ItemType Directory -Force -Path (Split-Path $settings) | Out-Null
        $utf8 = [Text.UTF8Encoding]::new($false)
        [IO.File]::WriteAllBytes($settings, $utf8.GetBytes($Text))
        { Get-IeaServerConfig -Path $folder -ErrorAction Stop } | Should -Throw -ErrorId 'InstallationNotFound,*'

        $draft = New-IeaLayout -Path $folder -OutFile "$Root/$Format.psd1" -NoRegistry
        $draft.Written | Should -BeTrue
        [string] $draft.Format | Should -Be $Format
        ($draft.FileName -replace '\\', '/') | Should -Be $File
        $draft.NotFound | Should -Be @('DailyPassword', 'LastAuthentication', 'LastAuthenticationResult')
        $test = Test-IeaLayout -LayoutPath "$Root/$Format.psd1" -Path $folder
        ($test.Passed, $test.FileFound) | Should -Be @($true, $true)

        $config = Get-IeaServerConfig -Path $folder -LayoutPath "$Root/$Format.psd1"
        $config.ConfigPath | Should -Be ([IO.Path]::GetFullPath($settings))
        ($config.Version, [string] $config.ConnectionMode, $config.AuthenticationServer) | Should -Be @('3.00.72', 'Normal', 'http://impact-emploi.urssaf.fr')
        Set-IeaServerConfig -Path $folder -LayoutPath "$Root/$Format.psd1" -Recommended -Confirm:$false
        $expected = $Text.Replace($Mode, $Mode.Replace('Normal', 'Securise')).Replace($Url, $Url.Replace('http:', 'https:'))
        Get-Bytes $settings | Should -BeExactly ([BitConverter]::ToString($utf8.GetBytes($expected)))
        (Get-IeaServerConfig -Path $folder -LayoutPath "$Root/$Format.psd1").IsRecommended | Should -BeTrue

        Restore-IeaServerConfig -Path $folder -LayoutPath "$Root/$Format.psd1" -Confirm:$false
        Get-Bytes $settings | Should -BeExactly ([BitConverter]::ToString($utf8.GetBytes($Text)))
    }

    It 'drafts registry settings the layout parser loads, and Test-IeaLayout reads them through the registry store' {
        $found = @(Find-IeaSetting -Path "$Root/Paie" -NoRegistry | Where-Object Setting -NE 'ConnectionMode')
        $mode = [pscustomobject]@{
            Path = $found[0].Path; Location = 'HKLM:\SOFTWARE\WOW6432Node\URSSAF\Impact emploi'; Format = 'Registry'
            RegistryKey = 'HKLM:\SOFTWARE\URSSAF\Impact emploi'; ValueName = 'ModeConnexion'; View = 'Registry32'; ValueKind = 'String'
            Entry = 'ModeConnexion (Registry32)'; Value = 'Normal'; Setting = 'ConnectionMode'; Confidence = 'High'; Reason = 'a connection mode word'
        }

        $draft = @($found) + $mode | New-IeaLayout -OutFile $Layout
        $draft.Written | Should -BeTrue
        Get-Content -Raw $Layout | Should -Match ([regex]::Escape("ConnectionMode = @{ Store = 'Registry'; RegistryKey = 'HKLM:\SOFTWARE\URSSAF\Impact emploi'; ValueName = 'ModeConnexion'; View = 'Registry32'"))

        $test = Test-IeaLayout -LayoutPath $Layout -Path "$Root/Paie"
        $test.FileFound | Should -BeTrue
        if ($IsWindows) { return }
        # Off Windows there is no registry: the registry setting is missing, with the reason, and the file's settings are found.
        $test.Passed | Should -BeFalse
        $test.Missing | Should -Contain 'ConnectionMode'
        $test.Found | Should -Contain 'AuthenticationServer'
        ($test.Differences -join "`n") | Should -Match 'ModeConnexion'
    }
}
