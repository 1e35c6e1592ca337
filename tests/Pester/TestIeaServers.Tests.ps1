BeforeDiscovery {
    # Real servers need the test PKI (made by build.ps1) and Debian's nginx and tinyproxy.
    $script:NoServers = -not $env:IEA_TEST_PKI -or -not (Get-Command nginx, /usr/sbin/nginx -ErrorAction Ignore) -or
        -not (Get-Command tinyproxy, /usr/bin/tinyproxy, /usr/sbin/tinyproxy -ErrorAction Ignore)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $env:IEA_REPO_ROOT 'tests/infra/TestServers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force

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

    It 'tests the three addresses of the installation, in the dialog''s order, and says why one fails' {
        $base = $Nginx.Url.TrimEnd('/')
        New-TestedInstallation "$Root/A" "$base/" "$base/missing/updates" "$base/busy"
        $results = @(Get-IeaInstallation -Path "$Root/A" | Test-IeaServers -TimeoutSec 5 -RetryCount 1)
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
        $results[2].Message | Should -Not -BeNullOrEmpty
        @(Get-Content $Nginx.LogPath | Where-Object { $_ -match 'GET /busy ' }).Count | Should -Be 2
    }

    It 'returns one Boolean with -Quiet' {
        $base = $Nginx.Url.TrimEnd('/')
        Test-IeaServers -Server "$base/" -Quiet | Should -BeExactly $true
        $closed = Get-FreePort
        Test-IeaServers -Server "$base/", "https://127.0.0.1:$closed/" -Quiet -RetryCount 0 | Should -BeExactly $false
    }

    It 'tells a closed port (ConnectionRefused) from a server that never answers (Timeout)' {
        $silent = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $closed = Get-FreePort
            $results = Test-IeaServers -Server "https://127.0.0.1:$($silent.LocalEndpoint.Port)/", "https://127.0.0.1:$closed/", $Nginx.Url -TimeoutSec 2 -RetryCount 1
            $results.Failure | Should -Be @('Timeout', 'ConnectionRefused', 'None')
            $results.Role | Should -Be @('Custom', 'Custom', 'Custom')
            $results[2].Reachable | Should -BeTrue
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
        $results = @(Test-IeaServers -Path "$Root/E")
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
    }
}
