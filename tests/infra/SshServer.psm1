#Requires -Version 7.3
<#
    A throwaway OpenSSH server for the PowerShell remoting tests: its own config, host key, client key,
    authorized_keys and pid file in one temp folder; 127.0.0.1 only, on a port chosen at run time; PowerShell
    (this very PowerShell: the dotnet local tool or a real pwsh) as the `powershell` subsystem, through a small
    shell wrapper that gives the remote sessions their own HOME (so Install-PSResource -Scope CurrentUser, the
    PSResourceGet repository list and the module's logs all land in the temp folder, never in the real account).
    Nothing outside the folder changes, except /run/sshd (sshd's privilege separation directory), created only
    when missing and removed again by Stop.

    $reason = Get-IeaSshSkipReason                 # $null when sshd, ssh and ssh-keygen are all there
    $sshd = Start-IeaTestSshd -Path /tmp/x/sshd -Environment @{ HOME = '/tmp/x/home' }
    New-PSSession @($sshd.Connection)              # HostName, Port, UserName, KeyFilePath, Options (no prompt)
    $sshd.Log()                                     # sshd's own log (-e), for failure messages
    $sshd.Stop()                                    # kills sshd, removes the folder
#>
Set-StrictMode -Version Latest

$script:Sshd = '/usr/sbin/sshd'

function Get-IeaSshSkipReason {
    if (-not ($IsLinux -or $IsMacOS)) { return 'the SSH remoting tests run on Linux only (a /bin/sh subsystem wrapper)' }
    if (-not (Test-Path $script:Sshd)) { return "$script:Sshd is missing (tests/infra/install-deps.sh installs openssh-server)" }
    foreach ($tool in 'ssh', 'ssh-keygen') {
        if (-not (Get-Command $tool -CommandType Application -ErrorAction Ignore)) { return "$tool is missing (openssh-client)" }
    }
    $null
}

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

# sshd is ready when it sends its banner (a bare TCP connect could reach it before it reads its keys).
function Wait-SshBanner([int] $Port, [System.Diagnostics.Process] $Process, [int] $TimeoutSec = 15) {
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline -and -not $Process.HasExited) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try {
            $client.Connect([System.Net.IPAddress]::Loopback, $Port)
            $client.ReceiveTimeout = 2000
            $reader = [System.IO.StreamReader]::new($client.GetStream())
            if ([string] $reader.ReadLine() -like 'SSH-2.0-*') { return $true }
        }
        catch [System.Net.Sockets.SocketException], [System.IO.IOException] { Start-Sleep -Milliseconds 50 }
        finally { $client.Dispose() }
    }
    $false
}

function Invoke-Tool([string] $FilePath, [string[]] $Arguments) {
    $output = & $FilePath @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($Arguments -join ' ')' failed ($LASTEXITCODE): $output" }
}

function ConvertTo-ShellWord([string] $Text) { "'" + $Text.Replace("'", "'\''") + "'" }

<#
.SYNOPSIS
    Starts sshd on 127.0.0.1 with PowerShell as its `powershell` subsystem; returns Port, Connection
    (parameters for New-PSSession/Invoke-Command), Directory, Process, LogPath, Log() and Stop().
.PARAMETER Environment
    Variables the subsystem's PowerShell gets (HOME, XDG_DATA_HOME, ...): sshd gives it a clean environment.
#>
function Start-IeaTestSshd {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [hashtable] $Environment = @{}
    )
    $reason = Get-IeaSshSkipReason
    if ($reason) { throw "Cannot start sshd: $reason." }
    New-Item -ItemType Directory -Force -Path $Path | Out-Null
    $Path = (Resolve-Path -LiteralPath $Path).ProviderPath

    $hostKey = Join-Path $Path 'ssh_host_ed25519_key'
    $clientKey = Join-Path $Path 'client_ed25519_key'
    Invoke-Tool ssh-keygen @('-q', '-t', 'ed25519', '-N', '', '-C', 'iea-test-host', '-f', $hostKey)
    Invoke-Tool ssh-keygen @('-q', '-t', 'ed25519', '-N', '', '-C', 'iea-test-client', '-f', $clientKey)
    $authorizedKeys = Join-Path $Path 'authorized_keys'
    Copy-Item "$clientKey.pub" $authorizedKeys

    # This PowerShell, as the subsystem: `dotnet pwsh.dll` for the local tool, else the pwsh executable.
    $exe = (Get-Process -Id $PID).Path
    $command = @($exe)
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $command += Join-Path $PSHOME 'pwsh.dll' }
    $command += '-sshs', '-NoLogo', '-NoProfile'
    $defaults = [ordered]@{ POWERSHELL_TELEMETRY_OPTOUT = '1'; POWERSHELL_UPDATECHECK = 'Off'; DOTNET_CLI_TELEMETRY_OPTOUT = '1' }
    foreach ($name in $Environment.Keys) { $defaults[$name] = [string] $Environment[$name] }
    $wrapper = Join-Path $Path 'pwsh-sshs.sh'
    $lines = @('#!/bin/sh') + @($defaults.Keys | ForEach-Object { "export $_=$(ConvertTo-ShellWord $defaults[$_])" }) +
        @('exec ' + (($command | ForEach-Object { ConvertTo-ShellWord $_ }) -join ' '))
    [IO.File]::WriteAllText($wrapper, ($lines -join "`n") + "`n")
    Invoke-Tool chmod @('700', $wrapper)

    # sshd refuses to start without its privilege separation directory; the package's service makes it at boot.
    $createdRunDir = $false
    if ($IsLinux -and -not (Test-Path /run/sshd)) {
        New-Item -ItemType Directory -Path /run/sshd | Out-Null
        $createdRunDir = $true
    }

    $logPath = Join-Path $Path 'sshd.log'
    $config = Join-Path $Path 'sshd_config'
    $userName = [Environment]::UserName
    try {
        for ($attempt = 1; $attempt -le 3; $attempt++) {
            $port = Get-FreePort
            @(
                'ListenAddress 127.0.0.1'
                "Port $port"
                "HostKey $hostKey"
                "PidFile $(Join-Path $Path 'sshd.pid')"
                "AuthorizedKeysFile $authorizedKeys"
                "AllowUsers $userName"
                'PermitRootLogin prohibit-password'
                'PubkeyAuthentication yes'
                'PasswordAuthentication no'
                'KbdInteractiveAuthentication no'
                'UsePAM no'
                'StrictModes no'
                'X11Forwarding no'
                'AllowTcpForwarding no'
                'PrintMotd no'
                'LogLevel VERBOSE'
                "Subsystem powershell $wrapper"
            ) | Set-Content -LiteralPath $config
            Invoke-Tool $script:Sshd @('-t', '-f', $config)

            $process = Start-Process -FilePath $script:Sshd -ArgumentList '-D', '-e', '-f', $config -PassThru `
                -RedirectStandardOutput (Join-Path $Path 'sshd.stdout.log') -RedirectStandardError $logPath
            if (Wait-SshBanner $port $process) {
                $server = [pscustomobject]@{
                    Port = $port
                    Directory = $Path
                    Process = $process
                    LogPath = $logPath
                    CreatedRunDirectory = $createdRunDir
                    Connection = @{
                        HostName = '127.0.0.1'
                        Port = $port
                        UserName = $userName
                        KeyFilePath = $clientKey
                        # No prompt and nothing written to the real ~/.ssh: a known_hosts file of our own.
                        Options = @{
                            StrictHostKeyChecking = 'no'
                            UserKnownHostsFile = (Join-Path $Path 'known_hosts')
                            GlobalKnownHostsFile = '/dev/null'
                            IdentitiesOnly = 'yes'
                            BatchMode = 'yes'
                            LogLevel = 'ERROR'
                        }
                    }
                }
                $server | Add-Member -MemberType ScriptMethod -Name Log -Value {
                    if (Test-Path -LiteralPath $this.LogPath) { Get-Content -Raw -LiteralPath $this.LogPath } else { '(no sshd log)' }
                }
                $server | Add-Member -MemberType ScriptMethod -Name Stop -Value {
                    if (-not $this.Process.HasExited) { $this.Process.Kill($true); $null = $this.Process.WaitForExit(5000) }
                    Remove-Item -LiteralPath $this.Directory -Recurse -Force -ErrorAction Ignore
                    if ($this.CreatedRunDirectory) { Remove-Item -LiteralPath /run/sshd -Force -ErrorAction Ignore }
                }
                return $server
            }
            if (-not $process.HasExited) { $process.Kill($true); $null = $process.WaitForExit(5000) }
            $log = if (Test-Path $logPath) { Get-Content -Raw $logPath } else { '' }
            if ($log -notmatch 'Address already in use') { throw "sshd did not start on 127.0.0.1:$port. Its log:`n$log" }
        }
        throw "sshd found no free port after 3 attempts. Its log:`n$(Get-Content -Raw $logPath -ErrorAction Ignore)"
    }
    catch {
        if ($createdRunDir) { Remove-Item -LiteralPath /run/sshd -Force -ErrorAction Ignore }
        throw
    }
}

function Stop-IeaTestSshd {
    param([Parameter(ValueFromPipeline)] $Server)
    process { if ($Server) { $Server.Stop() } }
}

Export-ModuleMember -Function Get-IeaSshSkipReason, Start-IeaTestSshd, Stop-IeaTestSshd
