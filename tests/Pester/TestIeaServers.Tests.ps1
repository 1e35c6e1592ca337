BeforeDiscovery {
    # Real servers need the test PKI (made by build.ps1) and Debian's nginx and tinyproxy.
    $script:NoServers = -not $env:IEA_TEST_PKI -or -not (Get-Command nginx, /usr/sbin/nginx -ErrorAction Ignore) -or
        -not (Get-Command tinyproxy, /usr/bin/tinyproxy, /usr/sbin/tinyproxy -ErrorAction Ignore)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $env:IEA_REPO_ROOT 'tests/infra/TestServers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    # The dialog's order of the servers (Role is a word: sorting on it directly would be alphabetical).
    $script:RoleOrder = [Collections.Generic.List[string]] @('Authentication', 'Update', 'NetEntreprises', 'Custom')

    # An installation whose three addresses are test servers, written as a user would: -AllowCustomServer.
    function New-TestedInstallation([string] $Path, [string] $Authentication, [string] $Update, [string] $NetEntreprises, [hashtable] $Proxy) {
        New-IeaTestInstallation -Path $Path | Out-Null
        $settings = @{ Path = $Path; ConnectionMode = 'Secure'; AuthenticationServer = $Authentication; UpdateServer = $Update
            NetEntreprisesServer = $NetEntreprises; AllowCustomServer = $true; Confirm = $false }
        if ($Proxy) { $settings += $Proxy }
        Set-IeaServerConfig @settings
    }

    function Get-FreePort {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $port
    }
}

Describe 'Test-IeaServers -Quiet when nothing could be tested' {
    It 'answers False, never True, for <Case>' -ForEach @(
        @{ Case = 'a wildcard that matches nothing'; Setup = { param($root) New-Item -ItemType Directory $root | Out-Null; "$root/nothing*" } }
        @{ Case = 'a settings file that cannot be read'; Setup = { param($root) New-Item -ItemType Directory $root | Out-Null; [IO.File]::WriteAllBytes("$root/ImpactEmploi.ini", [byte[]](0, 1, 2)); $root } }
    ) {
        $root = Join-Path ([IO.Path]::GetTempPath()) ("iea-quiet-" + [guid]::NewGuid().ToString('N'))
        try {
            $path = & $Setup $root
            Test-IeaServers -Path $path -Quiet -ErrorAction SilentlyContinue | Should -BeExactly $false
        }
        finally { Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue }
    }
}

Describe 'Test-IeaServers' -Skip:$NoServers {
    BeforeAll {
        $script:Nginx = Start-IeaTestNginx -PkiPath $env:IEA_TEST_PKI
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-probe-" + [guid]::NewGuid().ToString('N'))
    }
    AfterAll {
        $Nginx | Stop-IeaTestServer
        Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    }

    It 'tests the three addresses of the installation and says why one fails, whose side it is and what came back' {
        $base = $Nginx.Url.TrimEnd('/')
        New-TestedInstallation "$Root/A" "$base/" "$base/missing/updates" "$base/busy"
        # Results come as soon as each is known: sorted here into the dialog's order.
        $results = @(Get-IeaInstallation -Path "$Root/A" | Test-IeaServers -TimeoutSec 5 -RetryCount 1 | Sort-Object { $RoleOrder.IndexOf($_.Role) })
        $results.Count | Should -Be 3
        $results[0].PSObject.TypeNames[0] | Should -Be 'ImpactEmploi.IeaServerTestResult'
        $results.Role | Should -Be @('Authentication', 'Update', 'NetEntreprises')
        $results[0].Reachable | Should -BeTrue
        $results[0].StatusCode | Should -Be 200
        $results[0].CertificateExpires | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $results[1].Reachable | Should -BeTrue
        $results[1].StatusCode | Should -Be 404
        $results[2].Reachable | Should -BeFalse
        $results[2].Failure | Should -Be 'ServerError'
        $results[2].Attempts | Should -Be 2
        $results[2].Side | Should -Be 'Remote'
        $results[2].Phase | Should -Be 'Response'
        $results[2].Answer | Should -Be 'ServerError'
        $results[2].Message | Should -BeLike '*the server itself has a problem*'
        $results[0].Answer | Should -Be 'Expected'
        $results[0].Side | Should -Be 'None'
        $results[0].CertificateChainStatus | Should -Be 'Valid'
        $results[1].Answer | Should -Be 'ClientError'
        $results[1].Message | Should -BeLike '*404*check the path*'
        @(Get-Content $Nginx.LogPath | Where-Object { $_ -match 'GET /busy ' }).Count | Should -Be 2
    }

    It 'returns one Boolean with -Quiet' {
        $base = $Nginx.Url.TrimEnd('/')
        Test-IeaServers -Server "$base/" -Quiet | Should -BeExactly $true
        $closed = Get-FreePort
        Test-IeaServers -Server "$base/", "https://127.0.0.1:$closed/" -Quiet -RetryCount 0 | Should -BeExactly $false
    }

    It 'tells a closed port (ConnectionRefused) from a server that never answers (Timeout at TLS), and writes the quick ones first' {
        $silent = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $closed = Get-FreePort
            $silentUrl = "https://127.0.0.1:$($silent.LocalEndpoint.Port)/"
            $results = @(Test-IeaServers -Server $silentUrl, "https://127.0.0.1:$closed/", $Nginx.Url -TimeoutSec 2 -RetryCount 1)
            $results.Count | Should -Be 3
            $results[2].Uri | Should -Be $silentUrl  # the silent one is written last, the others did not wait for it
            $timeout = $results | Where-Object Uri -EQ $silentUrl
            $timeout.Failure | Should -Be 'Timeout'
            $timeout.Phase | Should -Be 'Tls'
            $timeout.Attempts | Should -Be 1
            ($results | Where-Object Uri -EQ "https://127.0.0.1:$closed/").Failure | Should -Be 'ConnectionRefused'
            ($results | Where-Object Uri -EQ $Nginx.Url).Reachable | Should -BeTrue
            $results.Role | Should -Be @('Custom', 'Custom', 'Custom')
        }
        finally { $silent.Stop() }
    }

    It 'reports a certificate that expires soon with a warning' {
        $soon = Start-IeaTestNginx -PkiPath $env:IEA_TEST_PKI -Certificate soon
        try {
            $result = Test-IeaServers -Server $soon.Url -WarningVariable warnings -WarningAction SilentlyContinue
            $result.Reachable | Should -BeTrue
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -BeLike "*127.0.0.1:$($soon.Port)*"
        }
        finally { $soon | Stop-IeaTestServer }
    }

    It 'refuses an expired certificate (Certificate) without retrying' {
        $expired = Start-IeaTestNginx -PkiPath $env:IEA_TEST_PKI -Certificate expired
        try {
            $result = Test-IeaServers -Server $expired.Url -RetryCount 2
            $result.Failure | Should -Be 'Certificate'
            $result.Attempts | Should -Be 1
        }
        finally { $expired | Stop-IeaTestServer }
    }

    It 'goes through the installation''s proxy, which asks for credentials' {
        $credential = [pscredential]::new('iea', (ConvertTo-SecureString 'Secret4Proxy' -AsPlainText -Force))
        $proxy = Start-IeaTestProxy -Credential $credential
        try {
            New-TestedInstallation "$Root/P" $Nginx.Url $Nginx.Url $Nginx.Url @{ ConnectionType = 'Proxy'; ProxyHost = '127.0.0.1'; ProxyPort = $proxy.Port }
            $denied = @(Test-IeaServers -Path "$Root/P" -RetryCount 0)
            $denied.Failure | Should -Be @('ProxyAuthenticationRequired', 'ProxyAuthenticationRequired', 'ProxyAuthenticationRequired')
            $denied[0].ViaProxy | Should -BeTrue
            $denied[0].ProxyUsed | Should -Be "127.0.0.1:$($proxy.Port)"
            $denied[0].Phase | Should -Be 'ProxyTunnel'
            $denied[0].Side | Should -Be 'Local'
            $denied[0].Message | Should -BeLike "*proxy 127.0.0.1:$($proxy.Port) requires authentication*"
            $denied[0].Message | Should -Not -Match 'Secret4Proxy'

            $allowed = @(Test-IeaServers -Path "$Root/P" -ProxyCredential $credential -RetryCount 0)
            $allowed.Reachable | Should -Be @($true, $true, $true)
            Get-Content $proxy.LogPath -Raw | Should -Match "CONNECT 127.0.0.1:$($Nginx.Port)"
        }
        finally { $proxy | Stop-IeaTestServer }
    }

    It 'uses the system proxy for "Navigateur" (HTTPS_PROXY on Linux, read once per process: a child process)' {
        $proxy = Start-IeaTestProxy
        try {
            New-IeaTestInstallation -Path "$Root/S" -Content ((Get-IeaTestIni -Mode Securise -Authentication $Nginx.Url -Update $Nginx.Url -NetEntreprises $Nginx.Url).Replace('Type=Direct', 'Type=Navigateur')) | Out-Null
            (Get-IeaServerConfig -Path "$Root/S").ConnectionType | Should -Be 'SystemProxy'
            $command = "Import-Module '$(Get-IeaTestManifest)'; Test-IeaServers -Path '$Root/S' -RetryCount 0 | ForEach-Object { '{0} {1}' -f `$_.Reachable, `$_.ViaProxy }"
            $result = Invoke-IeaChildPwsh -Command $command -Environment @{ HTTPS_PROXY = "http://127.0.0.1:$($proxy.Port)"; NO_PROXY = '' }
            $result.StdErr | Should -BeNullOrEmpty
            ($result.StdOut.Trim() -split "`r?`n") | Should -Be @('True True', 'True True', 'True True')
            Get-Content $proxy.LogPath -Raw | Should -Match "CONNECT 127.0.0.1:$($Nginx.Port)"
        }
        finally { $proxy | Stop-IeaTestServer }
    }

    It 'says Proxy when nothing listens on the proxy port' {
        New-TestedInstallation "$Root/Q" $Nginx.Url $Nginx.Url $Nginx.Url @{ ConnectionType = 'Proxy'; ProxyHost = '127.0.0.1'; ProxyPort = (Get-FreePort) }
        (Test-IeaServers -Path "$Root/Q" -RetryCount 0).Failure | Should -Be @('Proxy', 'Proxy', 'Proxy')
    }

    It 'reports an address that is not a web address without probing it' {
        New-IeaTestInstallation -Path "$Root/E" -Content (Get-IeaLegacyIni).Replace('ServeurMiseAJour=http://impact-emploi.urssaf.fr/updates', 'ServeurMiseAJour=') | Out-Null
        Set-IeaServerConfig -Path "$Root/E" -AuthenticationServer $Nginx.Url -NetEntreprisesServer $Nginx.Url -AllowCustomServer -Confirm:$false
        $results = @(Test-IeaServers -Path "$Root/E" | Sort-Object { $RoleOrder.IndexOf($_.Role) })
        $results[1].Reachable | Should -BeFalse
        $results[1].Failure | Should -Be 'Unknown'
        $results[1].Attempts | Should -Be 0
        $results[1].Message | Should -BeLike '*Set-IeaServerConfig -Recommended*'
        $results[0].Reachable | Should -BeTrue
    }

    It 'logs every test' {
        $logs = Join-Path $Root 'logs'
        $result = Invoke-IeaChildPwsh -Environment @{ IEA_PS_LOG_DIR = $logs } -Command "Import-Module '$(Get-IeaTestManifest)'; Test-IeaServers -Server '$($Nginx.Url)' | Out-Null"
        $result.ExitCode | Should -Be 0
        $events = @(Get-Content (Get-ChildItem $logs -Filter 'impactemploi-*.log').FullName | ConvertFrom-Json | Where-Object { $_.'@mt' -like 'Server test*' })
        $events.Count | Should -Be 1
        $events[0].Reachable | Should -BeTrue
        $events[0].Uri | Should -Be $Nginx.Url
        $events[0].Phase | Should -Be 'Response'
        $events[0].RemoteAddress | Should -Be "127.0.0.1:$($Nginx.Port)"
        $events[0].Proxy | Should -Be '-'
    }
}

Describe 'Test-IeaServers never throws for settings' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-settings-" + [guid]::NewGuid().ToString('N'))
        $closed = Get-FreePort
        $ini = (Get-IeaTestIni -Mode Securise -Authentication "https://127.0.0.1:$closed/" -Update "https://127.0.0.1:$closed/u" -NetEntreprises "https://127.0.0.1:$closed/n")
        New-IeaTestInstallation -Path "$Root/1-NoHost" -Content $ini.Replace('Type=Direct', 'Type=Proxy').Replace('ProxyPort=0', 'ProxyPort=3128') | Out-Null
        New-IeaTestInstallation -Path "$Root/2-NoPort" -Content $ini.Replace('Type=Direct', 'Type=Proxy').Replace('ProxyAdresse=', 'ProxyAdresse=proxy.example.test') | Out-Null
        New-IeaTestInstallation -Path "$Root/3-Direct" -Content $ini | Out-Null
    }
    AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'an unusable proxy setting is a ProxySetting result per server with the command to run, and the next installation is still tested' {
        $results = @(Test-IeaServers -Path "$Root/*" -TimeoutSec 3 -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $results.Count | Should -Be 9
        $settings = @($results | Where-Object Failure -EQ 'ProxySetting')
        $settings.Count | Should -Be 6
        $settings | ForEach-Object {
            $_.Phase | Should -Be 'Settings'
            $_.Side | Should -Be 'Local'
            $_.Message | Should -BeLike '*Set-IeaServerConfig -ConnectionType Proxy -ProxyHost*'
        }
        @($results | Where-Object Failure -EQ 'ConnectionRefused').Count | Should -Be 3
    }

    It 'Get-IeaConnectionStatus does not throw for an unusable proxy setting either' {
        $status = Get-IeaConnectionStatus -Path "$Root/1-NoHost" -TimeoutSec 3 -ErrorVariable errors
        $errors.Count | Should -Be 0
        @($status.ServerTests | Sort-Object { $RoleOrder.IndexOf($_.Role) }).Failure | Should -Be @('ProxySetting', 'ProxySetting', 'ProxySetting')
        $status.Case | Should -Not -Be 2
    }

    It 'speaks French under fr-FR, with the technical detail labelled' {
        $command = "[Globalization.CultureInfo]::CurrentUICulture = 'fr-FR'; Import-Module '$(Get-IeaTestManifest)'; " +
            "Test-IeaServers -Path '$Root/2-NoPort' | Select-Object -First 1 | ForEach-Object { `$_.Failure.ToString() + '|' + `$_.Message }"
        $result = Invoke-IeaChildPwsh -Command $command
        $result.StdErr | Should -BeNullOrEmpty
        $failure, $message = $result.StdOut.Trim() -split '\|', 2
        $failure | Should -Be 'ProxySetting'
        $message | Should -BeLike "*l'adresse ou le port du proxy manque*Set-IeaServerConfig*"
    }

    It '-Quiet answers False when a server is not reachable and True only when all are' {
        Test-IeaServers -Path "$Root/2-NoPort" -Quiet | Should -BeExactly $false
    }
}
