BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-json-" + [guid]::NewGuid().ToString('N'))
    New-IeaTestInstallation -Path "$Root/A" -Content (Get-IeaTestIni) | Out-Null

    # The same objects as another PC would send them back (remoting, Export-Clixml).
    function ConvertTo-Remote($Object) {
        [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($Object, 3))
    }
}
AfterAll {
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'ConvertTo-Json writes the words, not numbers' {
    It 'writes a status''s State, Icon and FicheCase as words, local or deserialized' {
        $status = Get-IeaConnectionStatus -Path "$Root/A" -Offline
        foreach ($object in $status, (ConvertTo-Remote $status)) {
            $json = $object | ConvertTo-Json -Depth 4
            $json | Should -Match '"State": "ConfigurationOutdated"'
            $json | Should -Match '"Icon": "BlueBallRedHeart"'
            $json | Should -Match '"FicheCase": "None"'
            $json | Should -Match '"Case": 0'
        }
    }

    It 'writes a server test''s Role, Failure, Phase, Side and Answer as words, local or deserialized' {
        $result = Test-IeaServers -Server (Get-IeaClosedAddress) -TimeoutSec 5 -RetryCount 1
        foreach ($object in $result, (ConvertTo-Remote $result)) {
            $json = $object | ConvertTo-Json -Depth 4
            $json | Should -Match '"Role": "Custom"'
            $json | Should -Match '"Failure": "ConnectionRefused"'
            $json | Should -Match '"Phase": "Connect"'
            $json | Should -Match '"Side": "[A-Za-z]+"'
            $json | Should -Match '"Answer": "[A-Za-z]+"'
        }
    }

    It 'writes a server configuration''s ConnectionType and ConnectionMode as words, local or deserialized' {
        $config = Get-IeaServerConfig -Path "$Root/A"
        foreach ($object in $config, (ConvertTo-Remote $config)) {
            $json = $object | ConvertTo-Json -Depth 4
            $json | Should -Match '"ConnectionMode": "Normal"'
            $json | Should -Match '"ConnectionType": "[A-Za-z]+"'
        }
    }

    It 'keeps the words comparable in scripts: $_.State -eq ''ConfigurationOutdated''' {
        $status = Get-IeaConnectionStatus -Path "$Root/A" -Offline
        $status.State | Should -BeOfType [string]
        @($status, (ConvertTo-Remote $status) | Where-Object { $_.State -eq 'ConfigurationOutdated' }).Count | Should -Be 2
    }
}
