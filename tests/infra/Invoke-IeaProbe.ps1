#Requires -Version 7.0
<#
.SYNOPSIS
    Runs the probe engine (ImpactEmploi.Core) in a separate process and writes the results as JSON.
.DESCRIPTION
    For tests that need a process of their own: another SSL_CERT_FILE, or a network namespace
    with nothing but loopback (unshare -n). Output: one JSON object
    { Interfaces: [non-loopback interface names], Results: [IeaServerTestResult...] }.
.EXAMPLE
    dotnet pwsh tests/infra/Invoke-IeaProbe.ps1 -AssemblyDir tests/ImpactEmploi.Core.Tests/bin/Release/net10.0 -Uri https://127.0.0.1:8443/
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $AssemblyDir,
    [Parameter(Mandatory)] [string[]] $Uri,
    [ValidateSet('Direct', 'Proxy', 'SystemProxy')] [string] $ConnectionType = 'Direct',
    [double] $TimeoutSec = 5,
    [int] $RetryCount = 0
)
$ErrorActionPreference = 'Stop'
$Uri = @($Uri | ForEach-Object { $_ -split ',' } | Where-Object { $_ })  # -File passes 'a,b' as one string
# Dependencies first: PowerShell does not look for them next to ImpactEmploi.Core.dll.
foreach ($name in 'Microsoft.Bcl.AsyncInterfaces', 'Microsoft.Bcl.TimeProvider', 'Polly.Core', 'ImpactEmploi.Core') {
    $dll = Join-Path $AssemblyDir "$name.dll"
    if (Test-Path -LiteralPath $dll) { Add-Type -LiteralPath $dll }
}
$settings = [ImpactEmploi.Probing.ProbeSettings]::new()
$settings.ConnectionType = $ConnectionType
$settings.Budget = [timespan]::FromSeconds($TimeoutSec)
$settings.RetryCount = $RetryCount
$targets = [System.Collections.Generic.List[ImpactEmploi.Probing.ProbeTarget]]::new()
foreach ($u in $Uri) { $targets.Add([ImpactEmploi.Probing.ProbeTarget]::new('Custom', [uri] $u)) }
$results = [ImpactEmploi.Probing.ServerProbe]::new().ProbeAsync($targets, $settings, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
$interfaces = @([System.Net.NetworkInformation.NetworkInterface]::GetAllNetworkInterfaces() |
    Where-Object NetworkInterfaceType -ne 'Loopback' | ForEach-Object Name)
[pscustomobject]@{ Interfaces = $interfaces; Results = @($results) } | ConvertTo-Json -Depth 4 -Compress -EnumsAsStrings
