#Requires -Version 7.0
<#
    Test servers for the Pester tests of the cmdlets: a real nginx (HTTPS, a certificate of the test PKI
    made by New-TestPki.ps1) and a real tinyproxy (with or without basic auth), on 127.0.0.1 only, on ports
    chosen at run time, each in its own temp folder. Same config templates as the xunit fixtures.

    $web   = Start-IeaTestNginx -PkiPath /tmp/iea-pki -Certificate valid   # / 200, /missing 404, /forbidden 403, /busy 503
    $proxy = Start-IeaTestProxy -Credential $cred                          # omit -Credential: no auth
    ...  $web.Port, $web.Url, $web.LogPath (access log), $proxy.LogPath
    $web, $proxy | Stop-IeaTestServer                                      # or $web.Stop()
#>
Set-StrictMode -Version Latest

$script:Templates = $PSScriptRoot

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Wait-Port([int] $Port, [System.Diagnostics.Process] $Process, [int] $TimeoutSec = 10) {
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline -and -not $Process.HasExited) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect([System.Net.IPAddress]::Loopback, $Port); return $true }
        catch [System.Net.Sockets.SocketException] { Start-Sleep -Milliseconds 50 }
        finally { $client.Dispose() }
    }
    $false
}

function Expand-Template([string] $Name, [hashtable] $Values) {
    $text = Get-Content -Raw -LiteralPath (Join-Path $script:Templates $Name)
    foreach ($k in $Values.Keys) { $text = $text.Replace("{{$k}}", [string] $Values[$k]) }
    $text
}

function Find-Tool([string] $Name) {
    $cmd = Get-Command $Name -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($cmd) { return $cmd.Source }
    foreach ($d in '/usr/sbin', '/usr/bin') { if (Test-Path "$d/$Name") { return "$d/$Name" } }
    throw "$Name is not installed: run tests/infra/install-deps.sh"
}

# Starts the process (output kept in $Dir/stdout.log), waits for its port; retries on another port if taken.
function Start-Server([string] $Kind, [string] $Dir, [scriptblock] $Configure, [string] $LogPath) {
    for ($attempt = 1; $attempt -le 3; $attempt++) {
        $port = Get-FreePort
        $exe, $arguments = & $Configure $port
        $process = Start-Process -FilePath $exe -ArgumentList $arguments -PassThru `
            -RedirectStandardOutput (Join-Path $Dir 'stdout.log') -RedirectStandardError (Join-Path $Dir 'stderr.log')
        if (Wait-Port $port $process) {
            $server = [pscustomobject]@{ Kind = $Kind; Port = $port; LogPath = $LogPath; Directory = $Dir; Process = $process }
            $server | Add-Member -MemberType ScriptMethod -Name Stop -Value {
                if (-not $this.Process.HasExited) { $this.Process.Kill($true); $null = $this.Process.WaitForExit(5000) }
                Remove-Item -LiteralPath $this.Directory -Recurse -Force -ErrorAction Ignore
            }
            return $server
        }
        if (-not $process.HasExited) { $process.Kill($true) }
    }
    $details = Get-Content -Raw -ErrorAction Ignore (Join-Path $Dir 'stderr.log'), (Join-Path $Dir 'error.log'), $LogPath
    Remove-Item -LiteralPath $Dir -Recurse -Force -ErrorAction Ignore
    throw "$Kind did not start: $details"
}

function Start-IeaTestNginx {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $PkiPath,
        [ValidateSet('valid', 'soon', 'expired', 'wronghost')] [string] $Certificate = 'valid'
    )
    $nginx = Find-Tool 'nginx'
    $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "iea-nginx-$([guid]::NewGuid().ToString('N'))")).FullName
    $null = New-Item -ItemType Directory -Path (Join-Path $dir 'tmp')
    $pki = (Resolve-Path -LiteralPath $PkiPath).ProviderPath
    $server = Start-Server 'nginx' $dir {
        param($port)
        $conf = Join-Path $dir 'nginx.conf'
        Set-Content -LiteralPath $conf -Value (Expand-Template 'nginx.conf.template' @{
            PREFIX = $dir; PORT = $port; CERT = Join-Path $pki "$Certificate.crt"; KEY = Join-Path $pki "$Certificate.key" })
        $nginx, @('-p', $dir, '-c', $conf, '-e', (Join-Path $dir 'error.log'))
    } (Join-Path $dir 'access.log')
    $server | Add-Member -NotePropertyName Url -NotePropertyValue "https://127.0.0.1:$($server.Port)/"
    $server | Add-Member -NotePropertyName ErrorLogPath -NotePropertyValue (Join-Path $dir 'error.log')
    $server
}

function Start-IeaTestProxy {
    [CmdletBinding()]
    param([pscredential] $Credential)
    $tinyproxy = Find-Tool 'tinyproxy'
    $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "iea-tinyproxy-$([guid]::NewGuid().ToString('N'))")).FullName
    $log = Join-Path $dir 'tinyproxy.log'
    $auth = if ($Credential) { "BasicAuth $($Credential.UserName) $($Credential.GetNetworkCredential().Password)" } else { '' }
    Start-Server 'tinyproxy' $dir {
        param($port)
        $conf = Join-Path $dir 'tinyproxy.conf'
        Set-Content -LiteralPath $conf -Value (Expand-Template 'tinyproxy.conf.template' @{
            PORT = $port; LOG = $log; PID = (Join-Path $dir 'tinyproxy.pid'); AUTH = $auth })
        $tinyproxy, @('-d', '-c', $conf)
    } $log
}

function Stop-IeaTestServer {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [psobject[]] $Server)
    process { foreach ($s in $Server) { $s.Stop() } }
}

Export-ModuleMember -Function Start-IeaTestNginx, Start-IeaTestProxy, Stop-IeaTestServer
