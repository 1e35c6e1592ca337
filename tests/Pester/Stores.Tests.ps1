# End to end through hand-written layouts of the XML, .properties and JSON stores: read, repair as the fiche says
# (only the changed values' bytes differ), -WhatIf, no write when right, and restore.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force

    function Get-Bytes([string] $Path) { [BitConverter]::ToString([IO.File]::ReadAllBytes($Path)) }
    function Get-Backups([string] $Root) { @(Get-ChildItem -Path (Join-Path $Root 'ImpactEmploi.PS') -Filter '*.bak' -ErrorAction SilentlyContinue) }

    # The default layout with another file, format and Settings block (the words and the fiche stay).
    function New-StoreLayout([string] $Path, [string] $Header, [string] $Settings) {
        $default = Get-Content -Raw (Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1')
        $layout = $default -replace "(?m)^    FileName = 'ImpactEmploi\.ini'\r?\n", $Header -replace "(?m)^    Encoding = 'windows-1252'\r?\n", '' -replace
            '(?s)    Settings = @\{.*?\n    \}\r?\n', "    Settings = @{`n$Settings`n    }`n"
        if ($layout -notmatch 'Format') { throw 'The default layout changed: update New-StoreLayout.' }
        Set-Content -Path $Path -Value $layout -Encoding utf8
        $Path
    }

    $script:Words = @{
        Type     = "Values = @{ Direct = 'Direct'; Proxy = 'Proxy'; SystemProxy = 'Navigateur' }"
        Bool     = "Values = @{ True = '1'; False = '0' }"
        Mode     = "Values = @{ Normal = 'Normal'; Extended = 'Etendu'; Secure = 'Securise', 'Sécurisé' }"
        Result   = "Values = @{ OK = 'OK'; ConnectionFailed = 'EchecConnexion'; AuthorizationDenied = 'AutorisationRefusee'; LicenseNotRecognized = 'LicenceNonReconnue' }"
    }

    # One scenario, the same for every store: $Before and $After are the file's bytes before and after -Recommended.
    function Test-Store([string] $Root, [string] $Layout, [string] $FileName, [byte[]] $Before, [byte[]] $After) {
        New-Item -ItemType Directory -Force -Path $Root | Out-Null
        $file = Join-Path $Root $FileName
        [IO.File]::WriteAllBytes($file, $Before)

        $config = Get-IeaServerConfig -Path $Root -LayoutPath $Layout
        $config.ConfigPath | Should -Be ([IO.Path]::GetFullPath($file))
        $config.Version | Should -Be '3.00.72'
        $config.ConnectionMode | Should -Be 'Normal'
        $config.AuthenticationServer | Should -Be 'http://impact-emploi.urssaf.fr'
        $config.UpdateServer | Should -Be 'http://impact-emploi.urssaf.fr/updates'
        $config.Deviations.Count | Should -Be 3

        Set-IeaServerConfig -Path $Root -LayoutPath $Layout -Recommended -WhatIf
        Get-Bytes $file | Should -BeExactly ([BitConverter]::ToString($Before))
        Get-Backups $Root | Should -HaveCount 0

        $result = Set-IeaServerConfig -Path $Root -LayoutPath $Layout -Recommended -Confirm:$false -PassThru
        $result.IsRecommended | Should -BeTrue
        $result.ConnectionMode | Should -Be 'Secure'
        Get-Bytes $file | Should -BeExactly ([BitConverter]::ToString($After))
        Get-Backups $Root | Should -HaveCount 1

        Set-IeaServerConfig -Path $Root -LayoutPath $Layout -Recommended -Confirm:$false
        Get-Backups $Root | Should -HaveCount 1 -Because 'nothing is written when the settings are already right'

        Restore-IeaServerConfig -Path $Root -LayoutPath $Layout -Confirm:$false
        Get-Bytes $file | Should -BeExactly ([BitConverter]::ToString($Before))
        (Get-IeaServerConfig -Path $Root -LayoutPath $Layout).ConnectionMode | Should -Be 'Normal'
    }

    # A file without the connection mode and the update server: Get reports them missing, -WhatIf shows them added
    # ("" -> value, as for any value the file lacks), -Recommended adds them (backup first), Get then reads them.
    function Test-AddedValues([string] $Root, [string] $Layout, [string] $FileName, [byte[]] $Before, [byte[]] $After) {
        New-Item -ItemType Directory -Force -Path $Root | Out-Null
        $file = Join-Path $Root $FileName
        [IO.File]::WriteAllBytes($file, $Before)

        $config = Get-IeaServerConfig -Path $Root -LayoutPath $Layout -ErrorAction Stop
        $config.UpdateServer | Should -BeNullOrEmpty
        $config.ConnectionMode | Should -Be 'Normal' -Because "a missing mode is IEA's default, not an error"

        $transcript = Join-Path $Root 'whatif.txt'
        Start-Transcript -Path $transcript -Force | Out-Null
        try { Set-IeaServerConfig -Path $Root -LayoutPath $Layout -Recommended -WhatIf }
        finally { Stop-Transcript | Out-Null }
        (Get-Content -Raw $transcript) | Should -Match ([regex]::Escape('UpdateServer: "" -> https://impact-emploi.urssaf.fr/updates'))
        Remove-Item $transcript
        Get-Bytes $file | Should -BeExactly ([BitConverter]::ToString($Before))
        Get-Backups $Root | Should -HaveCount 0

        Set-IeaServerConfig -Path $Root -LayoutPath $Layout -Recommended -Confirm:$false -ErrorAction Stop
        Get-Bytes $file | Should -BeExactly ([BitConverter]::ToString($After))
        $backup = @(Get-IeaServerConfigBackup -Path $Root -LayoutPath $Layout)
        $backup | Should -HaveCount 1
        Get-Bytes $backup[0].BackupPath | Should -BeExactly ([BitConverter]::ToString($Before))

        $config = Get-IeaServerConfig -Path $Root -LayoutPath $Layout
        $config.ConnectionMode | Should -Be 'Secure'
        $config.UpdateServer | Should -Be 'https://impact-emploi.urssaf.fr/updates'
        $config.AuthenticationServer | Should -Be 'https://impact-emploi.urssaf.fr'
        $config.IsRecommended | Should -BeTrue
    }
}

Describe 'A .properties layout' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('iea-props-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $Root | Out-Null
        $script:Layout = New-StoreLayout (Join-Path $Root 'properties.psd1') "    FileName = 'conf.properties'`n    Format = 'Properties'`n" @"
        Version                  = @{ Key = 'application.version' }
        ConnectionType           = @{ Key = 'connexion.type'; $($Words.Type) }
        ProxyHost                = @{ Key = 'connexion.proxy.adresse' }
        ProxyPort                = @{ Key = 'connexion.proxy.port' }
        ProxySecure              = @{ Key = 'connexion.proxy.securise'; $($Words.Bool) }
        ConnectionMode           = @{ Key = 'connexion.mode'; $($Words.Mode) }
        AuthenticationServer     = @{ Key = 'connexion.serveur.authentification' }
        UpdateServer             = @{ Key = 'connexion.serveur.miseajour' }
        NetEntreprisesServer     = @{ Key = 'connexion.serveur.netentreprises' }
        AssistanceMode           = @{ Key = 'assistance.actif'; $($Words.Bool) }
        DailyPassword            = @{ Key = 'assistance.motdepasse' }
        LastAuthentication       = @{ Key = 'etat.derniere' }
        LastAuthenticationResult = @{ Key = 'etat.resultat'; $($Words.Result) }
"@
    }
    AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'reads, repairs only the three values (ISO-8859-1, CRLF, escapes, a continuation kept elsewhere) and restores' {
        $latin1 = [Text.Encoding]::Latin1
        $before = "#Impact emploi association - paramètres`r`n! écrit par l'application`r`napplication.version = 3.00.72`r`n" +
            "application.utilisateur=H\u00e9l\u00e8ne Lefèvre, \`r`n    Service paie`r`nconnexion.type=Direct`r`nconnexion.mode : Normal`r`n" +
            "connexion.serveur.authentification=http\://impact-emploi.urssaf.fr`r`nconnexion.serveur.miseajour=http\://impact-emploi.urssaf.fr\`r`n    /updates`r`n" +
            "connexion.serveur.netentreprises=https\://services.net-entreprises.fr/authentifier/1.0/`r`nassistance.actif=0`r`netat.resultat=OK`r`n"
        $after = $before.Replace('connexion.mode : Normal', 'connexion.mode : Securise').
            Replace('authentification=http\://impact-emploi.urssaf.fr', 'authentification=https://impact-emploi.urssaf.fr').
            Replace("miseajour=http\://impact-emploi.urssaf.fr\`r`n    /updates", 'miseajour=https://impact-emploi.urssaf.fr/updates')
        $after | Should -Not -Be $before
        Test-Store -Root "$Root/IEA" -Layout $Layout -FileName 'conf.properties' -Before $latin1.GetBytes($before) -After $latin1.GetBytes($after)
    }

    It 'adds the keys the file lacks at its end and reads them back' {
        $latin1 = [Text.Encoding]::Latin1
        $before = "# paramètres`r`napplication.version=3.00.72`r`nconnexion.type=Direct`r`n" +
            "connexion.serveur.authentification=http\://impact-emploi.urssaf.fr`r`n" +
            "connexion.serveur.netentreprises=https\://services.net-entreprises.fr/authentifier/1.0/`r`n"
        $after = $before.Replace('authentification=http\://', 'authentification=https://') +
            "connexion.serveur.miseajour=https://impact-emploi.urssaf.fr/updates`r`nconnexion.mode=Securise`r`n"
        Test-AddedValues -Root "$Root/Added" -Layout $Layout -FileName 'conf.properties' -Before $latin1.GetBytes($before) -After $latin1.GetBytes($after)
    }

    It 'reports ConfigUnreadable for a damaged file' {
        New-Item -ItemType Directory -Force "$Root/Bad" | Out-Null
        [IO.File]::WriteAllText("$Root/Bad/conf.properties", "connexion.mode=\u00G1`n")
        { Get-IeaServerConfig -Path "$Root/Bad" -LayoutPath $Layout -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigUnreadable,*'
    }
}

Describe 'An XML layout' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('iea-xml-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $Root | Out-Null
        function A([string] $Key) { "XPath = `"/configuration/appSettings/add[@key='$Key']/@value`"" }
        $script:Layout = New-StoreLayout (Join-Path $Root 'xml.psd1') "    FileName = 'ImpactEmploi.exe.config'`n    Format = 'Xml'`n    XmlNamespaces = @{ iea = 'urn:urssaf:impact-emploi' }`n" @"
        Version                  = @{ XPath = '/configuration/iea:application/iea:version' }
        ConnectionType           = @{ $(A 'Type'); $($Words.Type) }
        ProxyHost                = @{ $(A 'ProxyAdresse') }
        ProxyPort                = @{ $(A 'ProxyPort') }
        ProxySecure              = @{ $(A 'ProxySecurise'); $($Words.Bool) }
        ConnectionMode           = @{ $(A 'Mode'); $($Words.Mode) }
        AuthenticationServer     = @{ $(A 'ServeurAuthentification') }
        UpdateServer             = @{ $(A 'ServeurMiseAJour') }
        NetEntreprisesServer     = @{ $(A 'AuthentificationNetEntreprises') }
        AssistanceMode           = @{ $(A 'AssistanceActive'); $($Words.Bool) }
        DailyPassword            = @{ $(A 'MotDePasseDuJour') }
        LastAuthentication       = @{ XPath = '/configuration/iea:application/iea:etat/@derniere' }
        LastAuthenticationResult = @{ XPath = '/configuration/iea:application/iea:etat'; $($Words.Result) }
"@
    }
    AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'reads, repairs only the three values (UTF-8 BOM, CRLF, comments, namespaces, entities) and restores' {
        $utf8 = [Text.UTF8Encoding]::new($true)
        $before = "<?xml version=`"1.0`" encoding=`"utf-8`"?>`r`n<!-- Impact emploi association : paramètres -->`r`n" +
            "<configuration xmlns:iea=`"urn:urssaf:impact-emploi`">`r`n  <iea:application>`r`n    <iea:version>3.00.72</iea:version>`r`n" +
            "    <iea:etat derniere=`"2019-03-19T09:30:00`">OK</iea:etat>`r`n  </iea:application>`r`n  <appSettings>`r`n" +
            "    <add key=`"Type`" value=`"Direct`" />`r`n    <!-- Normal | Etendu | Sécurisé -->`r`n    <add key=`"Mode`"   value='Normal'/>`r`n" +
            "    <add key=`"ServeurAuthentification`" value=`"http://impact-emploi.urssaf.fr`" />`r`n" +
            "    <add value=`"http://impact-emploi.urssaf.fr/updates`" key=`"ServeurMiseAJour`" />`r`n" +
            "    <add key=`"AuthentificationNetEntreprises`" value=`"https://services.net-entreprises.fr/authentifier/1.0/`" />`r`n" +
            "    <add key=`"AssistanceActive`" value=`"0`" />`r`n  </appSettings>`r`n</configuration>`r`n"
        $after = $before.Replace("value='Normal'/>", "value='Securise'/>").Replace('value="http://', 'value="https://')
        Test-Store -Root "$Root/IEA" -Layout $Layout -FileName 'ImpactEmploi.exe.config' -Before ($utf8.GetPreamble() + $utf8.GetBytes($before)) -After ($utf8.GetPreamble() + $utf8.GetBytes($after))
    }

    It 'adds the elements the file lacks beside their siblings, and a missing parent, and reads them back' {
        $utf8 = [Text.UTF8Encoding]::new($false)
        $before = "<?xml version=`"1.0`" encoding=`"utf-8`"?>`r`n<configuration xmlns:iea=`"urn:urssaf:impact-emploi`">`r`n" +
            "  <iea:application>`r`n    <iea:version>3.00.72</iea:version>`r`n  </iea:application>`r`n  <appSettings>`r`n" +
            "    <add key=`"Type`" value=`"Direct`" />`r`n" +
            "    <add key=`"ServeurAuthentification`" value=`"http://impact-emploi.urssaf.fr`" />`r`n" +
            "    <add key=`"AuthentificationNetEntreprises`" value=`"https://services.net-entreprises.fr/authentifier/1.0/`" />`r`n" +
            "  </appSettings>`r`n</configuration>`r`n"
        $after = $before.Replace('value="http://', 'value="https://').Replace("/1.0/`" />`r`n  </appSettings>",
            "/1.0/`" />`r`n    <add key=`"ServeurMiseAJour`" value=`"https://impact-emploi.urssaf.fr/updates`" />`r`n" +
            "    <add key=`"Mode`" value=`"Securise`" />`r`n  </appSettings>")
        $after | Should -Not -Be $before
        Test-AddedValues -Root "$Root/Added" -Layout $Layout -FileName 'ImpactEmploi.exe.config' -Before $utf8.GetBytes($before) -After $utf8.GetBytes($after)

        $noSettings = "<configuration>`n  <startup />`n</configuration>`n"
        $filled = "<configuration>`n  <startup />`n  <appSettings>`n" +
            "    <add key=`"ServeurAuthentification`" value=`"https://impact-emploi.urssaf.fr`" />`n" +
            "    <add key=`"ServeurMiseAJour`" value=`"https://impact-emploi.urssaf.fr/updates`" />`n" +
            "    <add key=`"AuthentificationNetEntreprises`" value=`"https://services.net-entreprises.fr/authentifier/1.0/`" />`n" +
            "    <add key=`"Mode`" value=`"Securise`" />`n  </appSettings>`n</configuration>`n"
        New-Item -ItemType Directory -Force "$Root/Empty" | Out-Null
        [IO.File]::WriteAllText("$Root/Empty/ImpactEmploi.exe.config", $noSettings)
        Set-IeaServerConfig -Path "$Root/Empty" -LayoutPath $Layout -Recommended -Confirm:$false -ErrorAction Stop
        [IO.File]::ReadAllText("$Root/Empty/ImpactEmploi.exe.config") | Should -BeExactly $filled
        (Get-IeaServerConfig -Path "$Root/Empty" -LayoutPath $Layout).IsRecommended | Should -BeTrue
        Get-Backups "$Root/Empty" | Should -HaveCount 1
    }

    It 'refuses to guess between two places, with InvalidSettingValue and nothing written' {
        New-Item -ItemType Directory -Force "$Root/Two" | Out-Null
        $two = "<configuration>`n  <appSettings />`n  <appSettings />`n</configuration>`n"
        [IO.File]::WriteAllText("$Root/Two/ImpactEmploi.exe.config", $two)
        { Set-IeaServerConfig -Path "$Root/Two" -LayoutPath $Layout -Recommended -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSettingValue,*' -ExpectedMessage '*ambigu*'
        [IO.File]::ReadAllText("$Root/Two/ImpactEmploi.exe.config") | Should -BeExactly $two
        Get-Backups "$Root/Two" | Should -HaveCount 0
    }

    It 'refuses a DTD (no external entity is ever read) as ConfigUnreadable' {
        New-Item -ItemType Directory -Force "$Root/Bad" | Out-Null
        [IO.File]::WriteAllText("$Root/Bad/ImpactEmploi.exe.config", "<!DOCTYPE c [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><configuration>&x;</configuration>")
        { Get-IeaServerConfig -Path "$Root/Bad" -LayoutPath $Layout -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigUnreadable,*'
    }
}

Describe 'A JSON layout' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('iea-json-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $Root | Out-Null
        $script:Layout = New-StoreLayout (Join-Path $Root 'json.psd1') "    FileName = 'settings.json'`n    Format = 'Json'`n" @"
        Version                  = @{ JsonPath = 'application.version' }
        ConnectionType           = @{ JsonPath = 'connexion.type'; $($Words.Type) }
        ProxyHost                = @{ JsonPath = 'connexion.proxy.adresse' }
        ProxyPort                = @{ JsonPath = 'connexion.proxy.port' }
        ProxySecure              = @{ JsonPath = 'connexion.proxy.securise'; Values = @{ True = 'true'; False = 'false' } }
        ConnectionMode           = @{ JsonPath = 'connexion.mode'; $($Words.Mode) }
        AuthenticationServer     = @{ JsonPath = 'connexion.serveurs[0].url' }
        UpdateServer             = @{ JsonPath = 'connexion.serveurs[1].url' }
        NetEntreprisesServer     = @{ JsonPath = 'connexion.netEntreprises' }
        AssistanceMode           = @{ JsonPath = 'assistance.actif'; Values = @{ True = 'true'; False = 'false' } }
        DailyPassword            = @{ JsonPath = 'assistance.motDePasse' }
        LastAuthentication       = @{ JsonPath = 'etat.derniere' }
        LastAuthenticationResult = @{ JsonPath = 'etat.resultat'; $($Words.Result) }
"@
    }
    AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'reads, repairs only the three values (LF, comments, an array, escapes, key order) and restores' {
        $utf8 = [Text.UTF8Encoding]::new($false)
        $before = "{`n  // paramètres de connexion`n  `"application`": { `"version`": `"3.00.72`" },`n  `"connexion`": {`n" +
            "    `"type`": `"Direct`", `"proxy`": { `"adresse`": null, `"port`": 0, `"securise`": false },`n" +
            "    `"mode`"  :  `"Normal`",`n    `"serveurs`": [ { `"url`": `"http:\/\/impact-emploi.urssaf.fr`" }, { `"url`": `"http://impact-emploi.urssaf.fr/updates`" } ],`n" +
            "    `"netEntreprises`": `"https://services.net-entreprises.fr/authentifier/1.0/`"`n  },`n" +
            "  `"assistance`": { `"actif`": false },`n  `"etat`": { `"resultat`": `"OK`" }`n}`n"
        $after = $before.Replace('"mode"  :  "Normal"', '"mode"  :  "Securise"').Replace('"http:\/\/impact-emploi.urssaf.fr"', '"https://impact-emploi.urssaf.fr"').
            Replace('"http://impact-emploi.urssaf.fr/updates"', '"https://impact-emploi.urssaf.fr/updates"')
        Test-Store -Root "$Root/IEA" -Layout $Layout -FileName 'settings.json' -Before $utf8.GetBytes($before) -After $utf8.GetBytes($after)
    }

    It 'adds the properties the file lacks after their siblings and reads them back' {
        $utf8 = [Text.UTF8Encoding]::new($true)
        $before = "{`r`n  `"application`": { `"version`": `"3.00.72`" },`r`n  `"connexion`": {`r`n    `"type`": `"Direct`",`r`n" +
            "    `"serveurs`": [ { `"url`": `"http://impact-emploi.urssaf.fr`" }, { `"nom`": `"miseajour`" } ],`r`n" +
            "    `"netEntreprises`": `"https://services.net-entreprises.fr/authentifier/1.0/`"`r`n  }`r`n}`r`n"
        $after = $before.Replace('{ "url": "http://impact-emploi.urssaf.fr" }', '{ "url": "https://impact-emploi.urssaf.fr" }').
            Replace('{ "nom": "miseajour" }', '{ "nom": "miseajour", "url": "https://impact-emploi.urssaf.fr/updates" }').
            Replace("/1.0/`"`r`n  }", "/1.0/`",`r`n    `"mode`": `"Securise`"`r`n  }")
        $after | Should -Not -Be $before
        Test-AddedValues -Root "$Root/Added" -Layout $Layout -FileName 'settings.json' -Before ($utf8.GetPreamble() + $utf8.GetBytes($before)) -After ($utf8.GetPreamble() + $utf8.GetBytes($after))
    }

    It 'refuses to add an array item, with InvalidSettingValue saying why and nothing written' {
        New-Item -ItemType Directory -Force "$Root/NoArray" | Out-Null
        $json = "{ `"connexion`": { `"mode`": `"Normal`" } }"
        [IO.File]::WriteAllText("$Root/NoArray/settings.json", $json)
        { Set-IeaServerConfig -Path "$Root/NoArray" -LayoutPath $Layout -Recommended -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSettingValue,*' -ExpectedMessage '*connexion.serveurs*`[0`]*'
        [IO.File]::ReadAllText("$Root/NoArray/settings.json") | Should -BeExactly $json
        Get-Backups "$Root/NoArray" | Should -HaveCount 0
    }

    It 'reports ConfigUnreadable for a damaged file' {
        New-Item -ItemType Directory -Force "$Root/Bad" | Out-Null
        [IO.File]::WriteAllText("$Root/Bad/settings.json", '{ "connexion": { "mode": "Normal", } }')
        { Get-IeaServerConfig -Path "$Root/Bad" -LayoutPath $Layout -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigUnreadable,*'
    }
}

Describe 'A layout with a registry value' -Tag Windows {
    It 'reads, repairs, backs up and restores the registry value beside the INI file' -Skip:(-not $IsWindows) {
        $root = Join-Path ([IO.Path]::GetTempPath()) ('iea-reg-' + [guid]::NewGuid().ToString('N'))
        $key = 'HKCU:\Software\ImpactEmploi.PS.Tests\' + [guid]::NewGuid().ToString('N')
        try {
            New-Item -Path $key -Force | Out-Null
            Set-ItemProperty -Path $key -Name 'Mode' -Value 'Normal' -Type String
            $default = Get-Content -Raw (Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1')
            $text = $default.Replace("ConnectionMode           = @{ Section = 'Connexion'; Key = 'Mode'",
                "ConnectionMode           = @{ Store = 'Registry'; RegistryKey = '$key'; ValueName = 'Mode'")
            $text | Should -Not -Be $default
            New-IeaTestInstallation -Path $root | Out-Null
            $layout = Join-Path $root 'registry.psd1'
            Set-Content -Path $layout -Value $text -Encoding utf8
            $ini = Join-Path $root 'ImpactEmploi.ini'
            $before = [IO.File]::ReadAllBytes($ini)

            (Get-IeaServerConfig -Path $root -LayoutPath $layout).ConnectionMode | Should -Be 'Normal'
            Set-IeaServerConfig -Path $root -LayoutPath $layout -Recommended -WhatIf
            (Get-ItemProperty -Path $key).Mode | Should -Be 'Normal'

            Set-IeaServerConfig -Path $root -LayoutPath $layout -Recommended -Confirm:$false
            (Get-ItemProperty -Path $key).Mode | Should -Be 'Securise'
            $expected = (Get-IeaLegacyIni).Replace('ServeurAuthentification=http://', 'ServeurAuthentification=https://').
                Replace('ServeurMiseAJour=http://', 'ServeurMiseAJour=https://')
            Get-Bytes $ini | Should -BeExactly ([BitConverter]::ToString([Text.Encoding]::GetEncoding(1252).GetBytes($expected)))
            @(Get-IeaServerConfigBackup -Path $root -LayoutPath $layout) | Should -HaveCount 1

            Restore-IeaServerConfig -Path $root -LayoutPath $layout -Confirm:$false
            (Get-ItemProperty -Path $key).Mode | Should -Be 'Normal'
            Get-Bytes $ini | Should -BeExactly ([BitConverter]::ToString($before))
        }
        finally {
            Remove-Item -Path $key -Recurse -Force -ErrorAction SilentlyContinue
            Remove-Item -Path $root -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
