#Requires -Version 7.0
<#
.SYNOPSIS
    The benchmarks: start-up, peak memory, probe time, fleet scale and Core micro-benchmarks, each
    against the baseline a user would otherwise have, measured in the same run. Writes docs/benchmarks.md.
.DESCRIPTION
    Run by build.ps1 -Task Bench (which builds the module and the BenchmarkDotNet project first). Every figure
    is a median with its spread over repeated runs; every ratio is against a baseline measured alternately with
    it, in the same run. Talks to 127.0.0.1 only: local nginx servers and a silent TCP listener for the probes,
    demo installations in out/bench for the rest (their addresses are 127.0.0.1 too). No official host is contacted.

    Each section runs in fresh child processes of this PowerShell (this script again, with -Worker), so that the
    module is imported as a user's script imports it and one section cannot warm another.
.EXAMPLE
    dotnet pwsh -NoProfile -File build.ps1 -Task Bench
.EXAMPLE
    # One section, printed only (no report written):
    dotnet pwsh -NoProfile -File tools/Bench.ps1 -ModuleManifest out/ImpactEmploi.PS/0.1.0/ImpactEmploi.PS.psd1 -Section Fleet
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [string] $RepoRoot = (Split-Path -Parent $PSScriptRoot),
    [string] $WorkFolder,
    # The report; without it the figures are printed only.
    [string] $OutputPath,
    # The built tests/Benchmarks (ImpactEmploi.Benchmarks.dll); without it the micro-benchmarks are skipped.
    [string] $MicroBenchmarkAssembly,
    [ValidateSet('Startup', 'Probe', 'Fleet', 'Discovery', 'Micro', 'Stores')] [string[]] $Section = @('Startup', 'Probe', 'Fleet', 'Discovery', 'Micro', 'Stores'),
    [int] $StartupRuns = 15,
    [int] $MemoryRuns = 11,
    [int] $ProbeRuns = 5,
    # Rounds of the all-answer case: milliseconds each, so many more rounds than the silent case for a stable median.
    [int] $ProbeAnsweringRuns = 30,
    [int] $ProbeTimeoutSec = 3,
    [int[]] $FleetSizes = @(1, 10, 100, 1000),
    [int] $FleetRuns = 9,
    [int] $DiscoveryRuns = 7,
    # The command written into the report as the one that reproduces it.
    [string] $ReproduceCommand = 'dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Bench',
    # Internal: run one section's measurements in this (fresh) process and write them as JSON.
    [int] $StoreInstallations = 200,
    [int] $StoreRuns = 9,
    [ValidateSet('', 'Probe', 'Fleet', 'Discovery', 'Stores')] [string] $Worker = '',
    [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath
if (-not $WorkFolder) { $WorkFolder = Join-Path $RepoRoot 'out/bench' }

# --- helpers ---------------------------------------------------------------------------------------------

function Get-Stats([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    $at = {
        param([double] $p)
        $rank = $p * ($n - 1)
        $low = [math]::Floor($rank)
        $high = [math]::Ceiling($rank)
        $sorted[$low] + ($sorted[$high] - $sorted[$low]) * ($rank - $low)
    }
    [pscustomobject]@{ N = $n; Median = & $at 0.5; P25 = & $at 0.25; P75 = & $at 0.75; Min = $sorted[0]; Max = $sorted[$n - 1] }
}

function Format-Stats($Stats, [string] $Unit = 'ms', [string] $Format = 'N0') {
    '{0} {1} (IQR {2}–{3}, range {4}–{5}, n={6})' -f $Stats.Median.ToString($Format), $Unit, $Stats.P25.ToString($Format),
    $Stats.P75.ToString($Format), $Stats.Min.ToString($Format), $Stats.Max.ToString($Format), $Stats.N
}

function Get-Load {
    if (Test-Path /proc/loadavg) { return ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' }
    'n/a'
}

# The PowerShell that runs this script, as a command line: dotnet + pwsh.dll for the dotnet tool, else the host.
function Get-PwshCommandLine {
    $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    @($exe)
}

# Starts a fresh pwsh -NoProfile -NonInteractive and waits for it: exit code, output, wall time from start to exit.
function Invoke-Child {
    param([string[]] $Arguments, [hashtable] $Environment = @{})
    $line = @(Get-PwshCommandLine)
    $info = [Diagnostics.ProcessStartInfo]::new($line[0])
    foreach ($a in @($line | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $Arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string] $Environment[$name] }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($info)
    $process.StandardInput.Close()
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $process.WaitForExit()
    $watch.Stop()
    $result = [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result; Ms = $watch.Elapsed.TotalMilliseconds }
    $process.Dispose()
    if ($result.ExitCode -ne 0 -or $result.StdErr.Trim()) {
        throw "Child pwsh $($Arguments -join ' ') failed (exit $($result.ExitCode)): $($result.StdErr)$($result.StdOut)"
    }
    $result
}

function Invoke-Worker([string] $Name, [hashtable] $Environment = @{}, [string[]] $Extra = @()) {
    $json = Join-Path $WorkFolder "$Name.json"
    Remove-Item -LiteralPath $json -ErrorAction Ignore
    $arguments = @('-File', $PSCommandPath, '-Worker', $Name, '-ModuleManifest', $ModuleManifest, '-RepoRoot', $RepoRoot,
        '-WorkFolder', $WorkFolder, '-ResultPath', $json) + $Extra
    $child = Invoke-Child -Arguments $arguments -Environment $Environment
    if ($child.StdOut.Trim()) { Write-Verbose $child.StdOut }
    Get-Content -Raw -LiteralPath $json | ConvertFrom-Json
}

function Format-Names([string[]] $Names) { ($Names | ForEach-Object { '`' + $_ + '`' }) -join ', ' }

function Quote([string] $Text) { "'" + $Text.Replace("'", "''") + "'" }

function New-DemoIni([string] $Base, [string] $Mode) {
    "; Impact emploi association - paramètres`r`n[Application]`r`nVersion=3.00.72`r`n[Connexion]`r`nType=Direct`r`nProxyAdresse=`r`nProxyPort=0`r`nProxySecurise=0`r`n" +
    "Mode=$Mode`r`nServeurAuthentification=$Base/`r`nServeurMiseAJour=$Base/missing/updates`r`nAuthentificationNetEntreprises=$Base/authentifier/1.0/`r`n" +
    "[Assistance]`r`nActif=0`r`nMotDePasseDuJour=`r`n[Etat]`r`nDerniereAuthentification=2019-03-19T09:30:00`r`nResultat=OK`r`n"
}

function Write-DemoInstallation([string] $Folder, [string] $Content) {
    New-Item -ItemType Directory -Force -Path $Folder | Out-Null
    [IO.File]::WriteAllBytes((Join-Path $Folder 'ImpactEmploi.ini'), [Text.Encoding]::GetEncoding(1252).GetBytes($Content))
}

# --- workers (each in a fresh process) --------------------------------------------------------------------

# Test-IeaServers against three local HTTPS servers, and against three that never answer, against three
# sequential Invoke-WebRequest with the same timeout.
function Invoke-ProbeWorker {
    Import-Module (Join-Path $RepoRoot 'tests/infra/TestServers.psm1')
    $pki = $env:IEA_BENCH_PKI
    $servers = @()
    $silent = @()
    try {
        $servers = @(1..3 | ForEach-Object { Start-IeaTestNginx -PkiPath $pki })
        # Servers that accept the connection (the kernel completes it: listen backlog) and never say a word.
        $silent = @(1..3 | ForEach-Object { $l = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $l.Start(); $l })
        $silentUrls = @($silent | ForEach-Object { "https://127.0.0.1:$($_.LocalEndpoint.Port)/" })
        $cases = [ordered]@{
            NoneAnswer = $silentUrls
            AllAnswer = @($servers[0].Url, $servers[1].Url, $servers[2].Url)
        }
        Import-Module $ModuleManifest
        $timeout = $ProbeTimeoutSec

        # What an admin writes by hand: one request after the other, same per-request timeout, no retry.
        $byHand = {
            param([string[]] $Urls)
            foreach ($url in $Urls) {
                try {
                    $response = Invoke-WebRequest -Uri $url -TimeoutSec $timeout -SkipCertificateCheck:$false -UseBasicParsing
                    [pscustomobject]@{ Uri = $url; Reachable = $true; Answer = "HTTP $($response.StatusCode)" }
                }
                catch {
                    [pscustomobject]@{ Uri = $url; Reachable = $false; Answer = $_.Exception.Message }
                }
            }
        }
        $variants = [ordered]@{
            ByHand  = { param($Urls) & $byHand $Urls }
            # The defaults but the timeout (-RetryCount 2): the timeout is the budget of each server's whole test.
            Default = { param($Urls) Test-IeaServers -Server $Urls -TimeoutSec $timeout -WarningAction SilentlyContinue }
            Retry0  = { param($Urls) Test-IeaServers -Server $Urls -TimeoutSec $timeout -RetryCount 0 -WarningAction SilentlyContinue }
        }
        $times = @{}
        $answers = @{}
        $runs = @{ NoneAnswer = $ProbeRuns; AllAnswer = $ProbeAnsweringRuns }
        $names = @($variants.Keys)
        for ($round = 0; $round -le [math]::Max($ProbeRuns, $ProbeAnsweringRuns); $round++) {
            # Round 0 warms up (JIT, TLS stack, file cache) and is not counted.
            # The variants' order rotates each round: none always runs first, right after the silent case's idle seconds.
            $order = @(0..($names.Count - 1) | ForEach-Object { $names[($_ + $round) % $names.Count] })
            foreach ($case in $cases.Keys) {
                if ($round -gt $runs[$case]) { continue }
                foreach ($variant in $order) {
                    $key = "$case/$variant"
                    $watch = [Diagnostics.Stopwatch]::StartNew()
                    $result = @(& $variants[$variant] $cases[$case])
                    $ms = $watch.Elapsed.TotalMilliseconds
                    foreach ($l in $silent) { while ($l.Pending()) { $l.AcceptTcpClient().Dispose() } }
                    if ($round -eq 0) { continue }
                    if (-not $times.ContainsKey($key)) { $times[$key] = [Collections.Generic.List[double]]::new() }
                    $times[$key].Add($ms)
                    $answers[$key] = @($result | ForEach-Object {
                            if (-not $_.PSObject.Properties['Failure']) { $_ }
                            else {
                                [pscustomobject]@{ Uri = $_.Uri; Reachable = $_.Reachable
                                    Answer = "$($_.Failure) at $($_.Phase) ($($_.Side))$(if ($_.StatusCode) { " HTTP $($_.StatusCode)" }), $($_.Attempts) attempt(s), $($_.ElapsedMs) ms: $($_.Message)" }
                            }
                        })
                }
            }
        }
        [pscustomobject]@{
            TimeoutSec = $timeout; SilentUrls = $silentUrls; Cases = $cases
            Times = $times; Answers = $answers
        } | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $ResultPath
    }
    finally {
        foreach ($l in $silent) { $l.Stop() }
        $servers | Stop-IeaTestServer
    }
}

# Get-IeaConnectionStatus -Offline and a no-op Set-IeaServerConfig -Recommended over many installations, in one process.
function Invoke-FleetWorker {
    # An array does not cross -File: the parent hands the sizes over in the environment.
    $FleetSizes = @($env:IEA_BENCH_FLEET_SIZES -split ',' | ForEach-Object { [int] $_ })
    $root = Join-Path $WorkFolder 'fleet'
    New-Item -ItemType Directory -Force -Path $root | Out-Null
    $layout = Join-Path $root 'layout.psd1'
    $base = 'https://127.0.0.1:9'
    # The default layout with the fiche's addresses on 127.0.0.1 (as New-IeaTestLayout does), so that these
    # installations are "as the fiche says" and a no-op Set has nothing to change.
    $default = Get-Content -Raw (Join-Path (Split-Path $ModuleManifest) 'Layouts/Default.psd1')
    $text = $default.Replace("'https://impact-emploi.urssaf.fr/updates'", "'$base/missing/updates'").
    Replace("'https://impact-emploi.urssaf.fr'", "'$base/'").
    Replace("'https://services.net-entreprises.fr/authentifier/1.0/'", "'$base/authentifier/1.0/'").
    Replace("OfficialHosts = 'impact-emploi.urssaf.fr', 'services.net-entreprises.fr'", "OfficialHosts = '127.0.0.1'")
    if ($text -eq $default) { throw 'The default layout changed: update the fleet benchmark.' }
    Set-Content -LiteralPath $layout -Value $text -Encoding utf8
    $content = New-DemoIni $base 'Securise'
    $max = ($FleetSizes | Measure-Object -Maximum).Maximum
    $paths = foreach ($i in 1..$max) {
        $folder = Join-Path $root ('inst{0:D4}' -f $i)
        Write-DemoInstallation $folder $content
        $folder
    }

    Import-Module $ModuleManifest
    $check = Get-IeaServerConfig -Path $paths[0] -LayoutPath $layout
    if (-not $check.IsRecommended) { throw "The fleet installations are not as the fiche says: $($check.Deviations -join '; ')" }
    $files = @($paths | ForEach-Object { Join-Path $_ 'ImpactEmploi.ini' })
    $snapshot = { @($files | ForEach-Object { $i = [IO.FileInfo]::new($_); '{0}|{1}|{2}' -f $i.FullName, $i.LastWriteTimeUtc.Ticks, $i.Length }) }
    $before = & $snapshot

    $commands = [ordered]@{
        Status = { param($p) $null = Get-IeaConnectionStatus -Path $p -Offline -LayoutPath $layout }
        SetNoOp = { param($p) $null = Set-IeaServerConfig -Path $p -Recommended -LayoutPath $layout -Confirm:$false }
    }
    # Warm-up: the layout cache, and enough calls and installations that tiered JIT has optimised the hot paths
    # (a terminal server's scheduled task runs long enough for that; a first call's cost is section 1's subject).
    foreach ($command in $commands.Values) {
        for ($w = 0; $w -lt 30; $w++) { & $command $paths[0..9] }
        & $command $paths
        & $command $paths
    }

    # Each sample covers at least 2,000 installations (several calls for the small sizes), so the CPU clock's
    # granularity (10 ms on Linux) stays under 1% of a sample.
    $samples = [Collections.Generic.List[object]]::new()
    $current = [Diagnostics.Process]::GetCurrentProcess()
    for ($run = 1; $run -le $FleetRuns; $run++) {
        foreach ($size in $FleetSizes) {
            $subset = $paths[0..($size - 1)]
            $calls = [math]::Max(1, [math]::Ceiling(2000 / $size))
            foreach ($name in $commands.Keys) {
                $current.Refresh()
                $cpu = $current.TotalProcessorTime
                $watch = [Diagnostics.Stopwatch]::StartNew()
                for ($c = 0; $c -lt $calls; $c++) { & $commands[$name] $subset }
                $wall = $watch.Elapsed.TotalMilliseconds
                $current.Refresh()
                $cpuMs = ($current.TotalProcessorTime - $cpu).TotalMilliseconds
                $samples.Add([pscustomobject]@{ Command = $name; Size = $size; Calls = $calls
                        CpuMsPerCall = $cpuMs / $calls; WallMsPerCall = $wall / $calls
                        CpuMsPerInstallation = $cpuMs / ($calls * $size); WallMsPerInstallation = $wall / ($calls * $size) })
            }
        }
    }

    $after = & $snapshot
    $changed = @(Compare-Object $before $after).Count
    $backups = @(Get-ChildItem -LiteralPath $root -Recurse -Directory -Filter 'ImpactEmploi.PS').Count
    $logs = @(Get-ChildItem -LiteralPath $env:IEA_PS_LOG_DIR -File -ErrorAction Ignore).Count
    [pscustomobject]@{
        Samples = $samples; FilesChanged = $changed; BackupFolders = $backups; AuditLogFiles = $logs; Installations = $max
    } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $ResultPath
}

# Find-IeaSetting on a generated installation of 2,000 files / about 200 MB, mostly not text, against the search an
# admin would type (Get-ChildItem -Recurse -File | Select-String urssaf), alternately, in one process.
function Invoke-DiscoveryWorker {
    $root = Join-Path $WorkFolder 'discovery/Impact Emploi'
    Remove-Item -LiteralPath (Split-Path $root) -Recurse -Force -ErrorAction Ignore
    $random = [Random]::new(15)
    $folders = @(foreach ($i in 0..39) { Join-Path $root ('{0}/sub{1:D2}/part{2}' -f @('bin', 'lib', 'data', 'help', 'modeles')[$i % 5], $i, ($i % 3)) })
    $folders | ForEach-Object { New-Item -ItemType Directory -Force -Path $_ | Out-Null }
    $bytes = 0L
    $buffer = [byte[]]::new(150KB)
    # 1,000 random binary files (150 KB): half with a binary extension (skipped unread), half with an unknown one (sniffed).
    for ($i = 0; $i -lt 1000; $i++) {
        $random.NextBytes($buffer)
        $ext = @('.dll', '.exe', '.blob', '.pak2')[$i % 4]
        [IO.File]::WriteAllBytes((Join-Path $folders[$i % 40] ("file$i$ext")), $buffer); $bytes += $buffer.Length
    }
    # 900 sparse files (56 KB of zeros, unknown extension): sniffed and found binary.
    for ($i = 0; $i -lt 900; $i++) {
        $stream = [IO.File]::Create((Join-Path $folders[$i % 40] ("cache$i.idx")))
        $stream.SetLength(56KB); $stream.Dispose(); $bytes += 56KB
    }
    # 100 text files: the settings, XML, .properties, JSON and logs that mention nothing of the fiche.
    $ini = New-DemoIni 'http://impact-emploi.urssaf.fr' 'Normal'
    [IO.File]::WriteAllText((Join-Path $root 'ImpactEmploi.ini'), $ini); $bytes += $ini.Length
    for ($i = 1; $i -lt 100; $i++) {
        $folder = $folders[$i % 40]
        $text = switch ($i % 4) {
            0 { "<?xml version=`"1.0`"?>`r`n<configuration><appSettings>" + (-join (1..50 | ForEach-Object { "<add key=`"Option$_`" value=`"$_`"/>" })) + '</appSettings></configuration>'; $name = "config$i.xml" }
            1 { -join (1..200 | ForEach-Object { "module.option$_=valeur $_`n" }); $name = "module$i.properties" }
            2 { '{ "items": [' + ((1..200 | ForEach-Object { "{ `"id`": $_, `"label`": `"Libellé $_`" }" }) -join ', ') + '] }'; $name = "data$i.json" }
            default { -join (1..300 | ForEach-Object { "2026-11-30 12:00:$('{0:D2}' -f ($_ % 60)) INFO traitement $_ terminé`r`n" }); $name = "journal$i.log" }
        }
        [IO.File]::WriteAllText((Join-Path $folder $name), $text); $bytes += $text.Length
    }
    $files = @(Get-ChildItem -LiteralPath $root -Recurse -File).Count

    Import-Module $ModuleManifest
    $variants = [ordered]@{
        FindIeaSetting = { @(Find-IeaSetting -LiteralPath $root -NoRegistry) }
        Baseline       = { @(Get-ChildItem -LiteralPath $root -Recurse -File | Select-String -Pattern 'urssaf') }
    }
    $times = @{}; $counts = @{}
    for ($round = 0; $round -le $DiscoveryRuns; $round++) {
        # Round 0 warms up (JIT, file cache) and is not counted.
        foreach ($name in $variants.Keys) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $result = & $variants[$name]
            $ms = $watch.Elapsed.TotalMilliseconds
            if ($round -eq 0) { continue }
            if (-not $times.ContainsKey($name)) { $times[$name] = [Collections.Generic.List[double]]::new() }
            $times[$name].Add($ms); $counts[$name] = $result.Count
        }
    }
    $found = @(Find-IeaSetting -LiteralPath $root -NoRegistry | ForEach-Object { "$($_.Setting) $($_.Entry)" })
    [pscustomobject]@{ Files = $files; Bytes = $bytes; Times = $times; Counts = $counts; Found = $found } |
        ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $ResultPath
    Remove-Item -LiteralPath (Split-Path $root) -Recurse -Force -ErrorAction Ignore
}

# Get-IeaConnectionStatus -Offline through an INI, an XML, a .properties and a JSON layout: the same settings, the same
# number of installations per format, alternating formats within each run.
function Invoke-StoresWorker {
    $root = Join-Path $WorkFolder 'stores'
    New-Item -ItemType Directory -Force -Path $root | Out-Null
    $default = Get-Content -Raw (Join-Path (Split-Path $ModuleManifest) 'Layouts/Default.psd1')
    $names = 'Version', 'ConnectionType', 'ProxyHost', 'ProxyPort', 'ProxySecure', 'ConnectionMode', 'AuthenticationServer', 'UpdateServer',
        'NetEntreprisesServer', 'AssistanceMode', 'DailyPassword', 'LastAuthentication', 'LastAuthenticationResult'
    $keys = 'Version', 'Type', 'ProxyAdresse', 'ProxyPort', 'ProxySecurise', 'Mode', 'ServeurAuthentification', 'ServeurMiseAJour',
        'AuthentificationNetEntreprises', 'Actif', 'MotDePasseDuJour', 'DerniereAuthentification', 'Resultat'
    $words = @{ ConnectionType = "Values = @{ Direct = 'Direct'; Proxy = 'Proxy'; SystemProxy = 'Navigateur' }"; ProxySecure = "Values = @{ True = '1'; False = '0' }"
        ConnectionMode = "Values = @{ Normal = 'Normal'; Extended = 'Etendu'; Secure = 'Securise', 'Sécurisé' }"; AssistanceMode = "Values = @{ True = '1'; False = '0' }"
        LastAuthenticationResult = "Values = @{ OK = 'OK'; ConnectionFailed = 'EchecConnexion'; AuthorizationDenied = 'AutorisationRefusee'; LicenseNotRecognized = 'LicenceNonReconnue' }" }
    $values = @('3.00.72', 'Direct', '', '0', '0', 'Normal', 'http://impact-emploi.urssaf.fr', 'http://impact-emploi.urssaf.fr/updates',
        'https://services.net-entreprises.fr/authentifier/1.0/', '0', '', '2019-03-19T09:30:00', 'OK')
    $formats = [ordered]@{
        Ini = @{ File = 'ImpactEmploi.ini'; Header = $null; Location = $null
            Content = { "; Impact emploi association - param`u{e8}tres`r`n[Application]`r`nVersion=$($values[0])`r`n[Connexion]`r`n" +
                (@(1..8 | ForEach-Object { "$($keys[$_])=$($values[$_])`r`n" }) -join '') + "[Assistance]`r`nActif=0`r`nMotDePasseDuJour=`r`n" +
                "[Etat]`r`nDerniereAuthentification=$($values[11])`r`nResultat=$($values[12])`r`n" } }
        Xml = @{ File = 'ImpactEmploi.exe.config'; Header = "    FileName = 'ImpactEmploi.exe.config'`n    Format = 'Xml'`n"
            Location = { param($i) "XPath = `"/configuration/appSettings/add[@key='$($keys[$i])']/@value`"" }
            Content = { "<?xml version=`"1.0`" encoding=`"utf-8`"?>`r`n<!-- Impact emploi association -->`r`n<configuration>`r`n  <appSettings>`r`n" +
                (@(0..12 | ForEach-Object { "    <add key=`"$($keys[$_])`" value=`"$($values[$_])`" />`r`n" }) -join '') + "  </appSettings>`r`n</configuration>`r`n" } }
        Properties = @{ File = 'ImpactEmploi.properties'; Header = "    FileName = 'ImpactEmploi.properties'`n    Format = 'Properties'`n"
            Location = { param($i) "Key = 'connexion.$($keys[$i])'" }
            Content = { "# Impact emploi association - param\u00e8tres`r`n" + (@(0..12 | ForEach-Object { "connexion.$($keys[$_])=$($values[$_].Replace(':', '\:'))`r`n" }) -join '') } }
        Json = @{ File = 'ImpactEmploi.json'; Header = "    FileName = 'ImpactEmploi.json'`n    Format = 'Json'`n"
            Location = { param($i) "JsonPath = 'connexion.$($keys[$i])'" }
            Content = { "{`r`n  // Impact emploi association`r`n  `"connexion`": {`r`n" + (@(0..12 | ForEach-Object { "    `"$($keys[$_])`": `"$($values[$_])`"" }) -join ",`r`n") + "`r`n  }`r`n}`r`n" } }
    }
    $paths = @{}
    $layouts = @{}
    foreach ($format in $formats.Keys) {
        $spec = $formats[$format]
        $layout = Join-Path $root "$format.psd1"
        if ($spec.Header) {
            $settings = @(0..12 | ForEach-Object {
                    $name = $names[$_]
                    $extra = if ($words[$name]) { '; ' + $words[$name] } else { '' }
                    "        $name = @{ $(& $spec.Location $_)$extra }"
                }) -join "`n"
            $text = $default -replace "(?m)^    FileName = 'ImpactEmploi\.ini'\r?\n", $spec.Header -replace "(?m)^    Encoding = 'windows-1252'\r?\n", '' -replace
                '(?s)    Settings = @\{.*?\n    \}\r?\n', "    Settings = @{`n$settings`n    }`n"
            if ($text -notmatch "Format = '$format'") { throw 'The default layout changed: update the stores benchmark.' }
        }
        else { $text = $default }
        Set-Content -LiteralPath $layout -Value $text -Encoding utf8
        $layouts[$format] = $layout
        $bytes = [Text.Encoding]::GetEncoding($(if ($format -eq 'Ini') { 1252 } elseif ($format -eq 'Properties') { 28591 } else { 65001 })).GetBytes((& $spec.Content))
        $paths[$format] = @(foreach ($i in 1..$StoreInstallations) {
                $folder = Join-Path $root ('{0}{1:D4}' -f $format, $i)
                New-Item -ItemType Directory -Force -Path $folder | Out-Null
                [IO.File]::WriteAllBytes((Join-Path $folder $spec.File), $bytes)
                $folder
            })
    }

    Import-Module $ModuleManifest
    foreach ($format in $formats.Keys) {
        $config = Get-IeaServerConfig -Path $paths[$format][0] -LayoutPath $layouts[$format]
        if ($config.AuthenticationServer -ne 'http://impact-emploi.urssaf.fr' -or $config.ConnectionMode -ne 'Normal' -or $config.Version -ne '3.00.72') {
            throw "The $format layout does not read its installations: $($config | Out-String)"
        }
        for ($w = 0; $w -lt 5; $w++) { $null = Get-IeaConnectionStatus -Path $paths[$format] -Offline -LayoutPath $layouts[$format] }
    }

    $samples = [Collections.Generic.List[object]]::new()
    $current = [Diagnostics.Process]::GetCurrentProcess()
    for ($run = 1; $run -le $StoreRuns; $run++) {
        foreach ($format in $formats.Keys) {
            $current.Refresh()
            $cpu = $current.TotalProcessorTime
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $null = Get-IeaConnectionStatus -Path $paths[$format] -Offline -LayoutPath $layouts[$format]
            $wall = $watch.Elapsed.TotalMilliseconds
            $current.Refresh()
            $samples.Add([pscustomobject]@{ Format = $format
                    CpuMsPerInstallation = ($current.TotalProcessorTime - $cpu).TotalMilliseconds / $StoreInstallations
                    WallMsPerInstallation = $wall / $StoreInstallations })
        }
    }

    [pscustomobject]@{ Samples = $samples; Installations = $StoreInstallations } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $ResultPath
}

switch ($Worker) {
    'Probe' { Invoke-ProbeWorker; return }
    'Fleet' { Invoke-FleetWorker; return }
    'Discovery' { Invoke-DiscoveryWorker; return }
    'Stores' { Invoke-StoresWorker; return }
}

# --- sections (in the parent) -----------------------------------------------------------------------------

New-Item -ItemType Directory -Force -Path $WorkFolder | Out-Null
$report = [Collections.Generic.List[string]]::new()
$summary = [Collections.Generic.List[object]]::new()
function Add-Goal([string] $What, [string] $Figure, [string] $Goal, [object] $Met) {
    $word = if ($null -eq $Met) { '—' } elseif ($Met) { 'yes' } else { '**no**' }
    $summary.Add([pscustomobject]@{ What = $What; Figure = $Figure; Goal = $Goal; Met = $word })
}

function Invoke-StartupSection {
    Write-Host '==> Start-up and memory' -ForegroundColor Cyan
    $load = Get-Load
    $installation = Join-Path $WorkFolder 'startup/inst'
    Write-DemoInstallation $installation (New-DemoIni 'https://127.0.0.1:9' 'Normal')
    $case = "Import-Module $(Quote $ModuleManifest); Get-IeaConnectionStatus -Path $(Quote $installation) -Offline | Out-Null"
    $variants = [ordered]@{
        Bare      = 'exit'
        InBox     = 'Get-Date | Out-Null'
        Import    = "Import-Module $(Quote $ModuleManifest)"
        Module    = $case
    }
    $times = @{}
    foreach ($name in $variants.Keys) { $times[$name] = [Collections.Generic.List[double]]::new() }
    $pairRatios = [Collections.Generic.List[double]]::new()
    for ($run = -1; $run -lt $StartupRuns; $run++) {
        # Alternating, one of each per round; round -1 warms the file cache and is not counted.
        $round = @{}
        foreach ($name in $variants.Keys) { $round[$name] = (Invoke-Child -Arguments @('-Command', $variants[$name])).Ms }
        if ($run -lt 0) { continue }
        foreach ($name in $variants.Keys) { $times[$name].Add($round[$name]) }
        $pairRatios.Add($round.Module / $round.Bare)
    }

    $peak = '[Console]::Out.Write([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64)'
    $memory = @{ Bare = [Collections.Generic.List[double]]::new(); Module = [Collections.Generic.List[double]]::new() }
    for ($run = 0; $run -lt $MemoryRuns; $run++) {
        $memory.Bare.Add([double] (Invoke-Child -Arguments @('-Command', $peak)).StdOut / 1MB)
        $memory.Module.Add([double] (Invoke-Child -Arguments @('-Command', "$case; $peak")).StdOut / 1MB)
    }
    # Where the time goes inside one fresh process, cold as the case itself (the command line is the whole script):
    # import, first call, second call, and the assemblies each step loads.
    $breakdownCommand = '$n = { [AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name } }; $a0 = @(& $n); ' +
        '$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module ' + (Quote $ModuleManifest) + '; $t1 = $w.Elapsed.TotalMilliseconds; $a1 = @(& $n); ' +
        '$w.Restart(); Get-IeaConnectionStatus -Path ' + (Quote $installation) + ' -Offline | Out-Null; $t2 = $w.Elapsed.TotalMilliseconds; $a2 = @(& $n); ' +
        '$w.Restart(); Get-IeaConnectionStatus -Path ' + (Quote $installation) + ' -Offline | Out-Null; $t3 = $w.Elapsed.TotalMilliseconds; ' +
        '[pscustomobject]@{ ImportMs = $t1; FirstCallMs = $t2; SecondCallMs = $t3; ' +
        'LoadedByImport = @($a1 | Where-Object { $a0 -notcontains $_ } | Sort-Object -Unique); ' +
        'LoadedByFirstCall = @($a2 | Where-Object { $a1 -notcontains $_ } | Sort-Object -Unique); ' +
        # What the private context's preload of Polly and Serilog costs: the same four files loaded again, into a throwaway context.
        'PreloadMs = $(' + "`$d = $(Quote (Join-Path (Split-Path $ModuleManifest) 'dependencies')); " +
        '$c = [Runtime.Loader.AssemblyLoadContext]::new("bench", $true); ' +
        '$files = [IO.Path]::Combine($d, "Polly.Core.dll"), [IO.Path]::Combine($d, "Serilog.dll"), [IO.Path]::Combine($d, "Serilog.Sinks.File.dll"), [IO.Path]::Combine($d, "Serilog.Formatting.Compact.dll"); ' +
        '$w.Restart(); foreach ($f in $files) { $null = $c.LoadFromAssemblyPath($f) }; ' +
        '$w.Elapsed.TotalMilliseconds) } | ConvertTo-Json -Compress'
    $breakdowns = @(1..5 | ForEach-Object { (Invoke-Child -Arguments @('-Command', $breakdownCommand)).StdOut | ConvertFrom-Json })
    $loadAfter = Get-Load

    $s = @{}
    foreach ($name in $variants.Keys) { $s[$name] = Get-Stats $times[$name] }
    $ratio = $s.Module.Median / $s.Bare.Median
    $pair = Get-Stats $pairRatios
    $mBare = Get-Stats $memory.Bare
    $mModule = Get-Stats $memory.Module
    $extra = $mModule.Median - $mBare.Median
    $import = Get-Stats @($breakdowns.ImportMs)
    $first = Get-Stats @($breakdowns.FirstCallMs)
    $second = Get-Stats @($breakdowns.SecondCallMs)
    $byImport = @($breakdowns[0].LoadedByImport)
    $byCall = @($breakdowns[0].LoadedByFirstCall)
    $preload = Get-Stats @($breakdowns.PreloadMs)
    $heavy = @('Polly.Core', 'Serilog', 'Serilog.Sinks.File', 'Serilog.Formatting.Compact', 'System.Net.Http')
    $heavyOnImport = @($byImport | Where-Object { $heavy -contains $_ })
    $heavyLoaded = @($byImport + $byCall | Where-Object { $heavy -contains $_ })

    Add-Goal 'Start-up (import + Get-IeaConnectionStatus -Offline) vs bare pwsh' ('{0:N2}×' -f $ratio) '≤ 1.10×' ($ratio -le 1.10)
    Add-Goal 'Start-up vs a pwsh that runs one in-box command (`Get-Date \| Out-Null`)' ('{0:N2}×' -f ($s.Module.Median / $s.InBox.Median)) 'context: PowerShell''s own floor' $null
    Add-Goal 'Peak working set, start-up case vs bare pwsh' ('+{0:N1} MiB' -f $extra) '≤ +15 MiB' ($extra -le 15)
    Add-Goal 'Polly, Serilog, HttpClient off the import path' $(if ($heavyOnImport) { 'loaded: ' + ($heavyOnImport -join ', ') } else { 'none loaded by Import-Module' }) 'none loaded' (-not $heavyOnImport)
    Add-Goal 'Polly, Serilog, HttpClient on the first offline call' $(if ($heavyLoaded) { ('preloaded as files: {0} ({1:N1} ms)' -f ($heavyLoaded -join ', '), $preload.Median) } else { 'none loaded' }) 'context: kept for isolation (see 1)' $null

    $report.Add('## 1. Start-up and 2. memory')
    $report.Add('')
    $report.Add("Fresh ``pwsh -NoProfile -NonInteractive -Command <command>`` processes, timed from start to exit by the parent; $StartupRuns rounds, " +
        'the four commands one after the other in each round (so a change of load hits all of them alike), after one warm-up round. ' +
        "The installation is a demo one (its addresses are 127.0.0.1; ``-Offline`` contacts nothing). Load average before/after: $load / $loadAfter.")
    $report.Add('')
    $report.Add('| command | wall time | vs bare |')
    $report.Add('|---|---|---|')
    $labels = @{ Bare = 'bare: `exit`'; InBox = 'any in-box command: `Get-Date \| Out-Null`'; Import = 'import only: `Import-Module <manifest>`'
        Module = '**the case**: `Import-Module <manifest>; Get-IeaConnectionStatus -Path <inst> -Offline \| Out-Null`' }
    foreach ($name in $variants.Keys) {
        $report.Add("| $($labels[$name]) | $(Format-Stats $s[$name]) | $('{0:N2}×' -f ($s[$name].Median / $s.Bare.Median)) |")
    }
    $report.Add('')
    $report.Add(('Ratio of the medians: **{0:N2}×** (goal ≤ 1.10×). Median of the per-round ratios: {1:N2}× (range {2:N2}–{3:N2}). ' -f $ratio, $pair.Median, $pair.Min, $pair.Max) +
        ('The module adds {0:N0} ms to a bare start; PowerShell itself adds {1:N0} ms to run any in-box command at all.' -f ($s.Module.Median - $s.Bare.Median), ($s.InBox.Median - $s.Bare.Median)))
    $report.Add('')
    $report.Add("Where the time goes, inside one fresh process whose whole command line is the measurement (Stopwatch; 5 processes): ``Import-Module`` $(Format-Stats $import); " +
        "first ``Get-IeaConnectionStatus -Offline`` $(Format-Stats $first); second call $(Format-Stats $second 'ms' 'N1').")
    $report.Add('')
    $report.Add("Assemblies loaded by the import: $(Format-Names $byImport). By the first call: $(Format-Names $byCall). " +
        $(if ($heavyLoaded) { "Of Polly, Serilog and HttpClient, loaded on this path: $($heavyLoaded -join ', ')." } else { 'Polly, Serilog and System.Net.Http are not loaded on this path.' }) +
        " Loading the same four files into a throwaway load context costs $(Format-Stats $preload 'ms' 'N1').")
    $report.Add('')
    $report.Add("Peak working set (``PeakWorkingSet64`` printed by the child at its end; $MemoryRuns processes each): bare $(Format-Stats $mBare 'MiB' 'N1'); " +
        "start-up case $(Format-Stats $mModule 'MiB' 'N1'). Difference of the medians: **+$('{0:N1}' -f $extra) MiB** (goal ≤ +15 MiB); of the maxima: +$('{0:N1}' -f ($mModule.Max - $mBare.Max)) MiB. " +
        'The peak of either process moves by about 10 MiB from one run to the next (one more GC region committed or not), hence 11 runs each.')
    $report.Add('')
}

function Find-Pki {
    foreach ($candidate in @($env:IEA_TEST_PKI, (Join-Path $RepoRoot 'out/test-pki'))) {
        if ($candidate -and (Test-Path (Join-Path $candidate 'bundle.crt')) -and (Test-Path (Join-Path $candidate 'valid.crt'))) { return $candidate }
    }
    $pki = Join-Path $WorkFolder 'pki'
    Invoke-Child -Arguments @('-File', (Join-Path $RepoRoot 'tests/infra/New-TestPki.ps1'), '-Path', $pki) | Out-Null
    $pki
}

function Invoke-ProbeSection {
    Write-Host '==> Probe time' -ForegroundColor Cyan
    if (-not (Get-Command nginx -ErrorAction Ignore) -and -not (Test-Path /usr/sbin/nginx)) {
        $report.Add('## 3. Probe time'); $report.Add(''); $report.Add('Skipped: nginx is not installed (tests/infra/install-deps.sh installs it).'); $report.Add('')
        Add-Goal 'Probe time' 'not measured (no nginx)' '' $false
        return
    }
    $load = Get-Load
    $pki = Find-Pki
    $r = Invoke-Worker 'Probe' -Environment @{ SSL_CERT_FILE = (Join-Path $pki 'bundle.crt'); IEA_BENCH_PKI = $pki; IEA_PS_LOG_DIR = (Join-Path $WorkFolder 'probe-logs') } `
        -Extra @('-ProbeRuns', $ProbeRuns, '-ProbeAnsweringRuns', $ProbeAnsweringRuns, '-ProbeTimeoutSec', $ProbeTimeoutSec)
    $loadAfter = Get-Load
    $t = $r.TimeoutSec
    $stats = @{}
    foreach ($p in $r.Times.PSObject.Properties) { $stats[$p.Name] = Get-Stats @($p.Value) }

    $report.Add('## 3. Probe time')
    $report.Add('')
    $report.Add("Three nginx servers with certificates of the test PKI (trusted through ``SSL_CERT_FILE``), and three silent servers: TCP listeners on 127.0.0.1 " +
        "whose connections the kernel accepts and that never say a word (no TLS handshake). Timeout **$t s** for everyone (the default " +
        "``-TimeoutSec`` is 10; $t s keeps the benchmark short, and every time below scales with it). By hand: three sequential " +
        "``Invoke-WebRequest -TimeoutSec $t -SkipCertificateCheck:`$false``, no retry. Module: ``Test-IeaServers -Server <three URLs> -TimeoutSec $t`` with the " +
        "default ``-RetryCount`` (2: at most one retry, for a server's own 5xx or a cut in mid-answer, within the budget), and with ``-RetryCount 0``. " +
        "All in one process, alternating, after a warm-up round: $ProbeRuns rounds with three silent servers, $ProbeAnsweringRuns with three answering ones " +
        "(milliseconds each: more rounds for a stable median); the three variants' order rotates from one round to the next. Load average before/after: $load / $loadAfter.")
    $report.Add('')
    $report.Add('| servers | by hand (sequential) | Test-IeaServers (defaults) | ratio | Test-IeaServers -RetryCount 0 | ratio |')
    $report.Add('|---|---|---|---|---|---|')
    foreach ($case in 'NoneAnswer', 'AllAnswer') {
        $hand = $stats["$case/ByHand"]; $d = $stats["$case/Default"]; $r0 = $stats["$case/Retry0"]
        $label = if ($case -eq 'NoneAnswer') { 'three never answer' } else { 'all three answer' }
        $report.Add("| $label | $(Format-Stats $hand) | $(Format-Stats $d) | $('{0:N2}×' -f ($d.Median / $hand.Median)) | $(Format-Stats $r0) | $('{0:N2}×' -f ($r0.Median / $hand.Median)) |")
    }
    $report.Add('')
    $noneRatio = $stats['NoneAnswer/Default'].Median / $stats['NoneAnswer/ByHand'].Median
    $allRatio = $stats['AllAnswer/Default'].Median / $stats['AllAnswer/ByHand'].Median
    Add-Goal 'Probe, three servers never answer (defaults) vs by hand' ('{0:N2}×' -f $noneRatio) '≤ 0.40×' ($noneRatio -le 0.40)
    Add-Goal 'Probe, all three answer (defaults) vs by hand' ('{0:N2}×' -f $allRatio) '≤ 0.50×' ($allRatio -le 0.50)

    $report.Add('Answers of the last round, three silent servers:')
    $report.Add('')
    $report.Add('| who | server | reachable | answer |')
    $report.Add('|---|---|---|---|')
    foreach ($variant in 'ByHand', 'Default', 'Retry0') {
        foreach ($a in @($r.Answers."NoneAnswer/$variant")) {
            $report.Add("| $variant | ``$($a.Uri)`` | $($a.Reachable) | $(($a.Answer -replace '\|', '/' -replace '\s+', ' ').Trim()) |")
        }
    }
    $report.Add('')
}

function Invoke-FleetSection {
    Write-Host '==> Fleet scale' -ForegroundColor Cyan
    $load = Get-Load
    $logs = Join-Path $WorkFolder 'fleet-logs'
    Remove-Item -LiteralPath $logs, (Join-Path $WorkFolder 'fleet') -Recurse -Force -ErrorAction Ignore
    $r = Invoke-Worker 'Fleet' -Environment @{ IEA_PS_LOG_DIR = $logs; IEA_PS_STATE_DIR = (Join-Path $WorkFolder 'fleet-state'); IEA_BENCH_FLEET_SIZES = ($FleetSizes -join ',') } `
        -Extra @('-FleetRuns', $FleetRuns)
    $loadAfter = Get-Load
    $samples = @($r.Samples)
    $report.Add('## 4. Fleet scale on one PC')
    $report.Add('')
    $report.Add("One process imports the module and runs each command over the first $(($FleetSizes | Select-Object -SkipLast 1) -join ', ') and $('{0:N0}' -f $r.Installations) demo installations$(if ($FleetSizes -contains 1) { ' (1: what one Intune run pays per call)' }) (``-Path`` list; " +
        "a layout whose fiche names 127.0.0.1, the installations already as it says). CPU is the process's ``TotalProcessorTime`` delta (all threads), " +
        "wall is a Stopwatch; each sample covers at least 2,000 installations (2,000 calls over 1, 200 over 10, 20 over 100, 2 over 1,000) so the 10 ms CPU clock " +
        "does not blur it; the warm-up (30 calls over 10 and 2 over all, per command) lets tiered JIT optimise the hot paths first; $FleetRuns samples per size and command, alternating. Load average before/after: $load / $loadAfter.")
    $report.Add('')
    $report.Add('| command | installations | CPU per installation | wall per installation | wall per call |')
    $report.Add('|---|---|---|---|---|')
    $perCall = @{}
    foreach ($command in 'Status', 'SetNoOp') {
        foreach ($size in $FleetSizes) {
            $these = @($samples | Where-Object { $_.Command -eq $command -and $_.Size -eq $size })
            $cpu = Get-Stats @($these.CpuMsPerInstallation)
            $wall = Get-Stats @($these.WallMsPerInstallation)
            $call = Get-Stats @($these.WallMsPerCall)
            $perCall["$command/$size"] = @{ Cpu = Get-Stats @($these.CpuMsPerCall); Wall = $call; CpuPer = $cpu }
            $name = if ($command -eq 'Status') { '`Get-IeaConnectionStatus -Offline`' } else { '`Set-IeaServerConfig -Recommended` (no-op)' }
            $report.Add("| $name | $size | $(Format-Stats $cpu 'ms' 'N3') | $(Format-Stats $wall 'ms' 'N3') | $(Format-Stats $call 'ms' 'N2') |")
        }
    }
    $report.Add('')
    $big = ($FleetSizes | Measure-Object -Maximum).Maximum
    # Linearity on wall time per call: this work runs on the pipeline thread, and the wall clock is steady here, while the
    # process CPU clock also counts background threads (GC, tiered JIT) in bursts that land in one sample or another
    # (see the CPU IQRs). The CPU ratios are given too, of the medians and of the minima (the work without those bursts).
    $linear = @{}; $linearCpu = @{}; $linearCpuMin = @{}
    foreach ($command in 'Status', 'SetNoOp') {
        $linear[$command] = $perCall["$command/$big"].Wall.Median / $perCall["$command/100"].Wall.Median
        $linearCpu[$command] = $perCall["$command/$big"].Cpu.Median / $perCall["$command/100"].Cpu.Median
        $linearCpuMin[$command] = $perCall["$command/$big"].Cpu.Min / $perCall["$command/100"].Cpu.Min
    }
    $statusCpu = $perCall["Status/$big"].CpuPer.Median
    $setCpu = $perCall["SetNoOp/$big"].CpuPer.Median
    $setWall = (Get-Stats @($samples | Where-Object { $_.Command -eq 'SetNoOp' -and $_.Size -eq $big } | ForEach-Object WallMsPerInstallation)).Median
    $noWrite = $r.FilesChanged -eq 0 -and $r.BackupFolders -eq 0 -and $r.AuditLogFiles -eq 0
    $report.Add(("Linearity, $('{0:N0}' -f $big) vs 100 installations per call: wall time status {0:N1}×, no-op Set {1:N1}× (goal ≤ 11×); " -f $linear.Status, $linear.SetNoOp) +
        ("CPU, ratio of the medians {0:N1}× and {1:N1}×, of the minima {2:N1}× and {3:N1}× (the process CPU clock also counts background GC and JIT threads, in bursts that land in one sample or another: see the CPU IQRs; the wall clock of this single-threaded work is steady). " -f $linearCpu.Status, $linearCpu.SetNoOp, $linearCpuMin.Status, $linearCpuMin.SetNoOp) +
        "No-op Set over $($r.Installations) installations, $($FleetRuns * ($FleetSizes.Count)) calls or more: settings files whose time or length changed: **$($r.FilesChanged)**; " +
        "backup folders made: **$($r.BackupFolders)**; audit-log files written: **$($r.AuditLogFiles)**.")
    $report.Add('')
    Add-Goal "Fleet: cost of $('{0:N0}' -f $big) vs 100 installations, wall per call (status / no-op Set; CPU in 4)" ('{0:N1}× / {1:N1}×' -f $linear.Status, $linear.SetNoOp) '≤ 11×' ($linear.Status -le 11 -and $linear.SetNoOp -le 11)
    Add-Goal 'Fleet: CPU per installation, Get-IeaConnectionStatus -Offline' ('{0:N3} ms' -f $statusCpu) '< 2 ms' ($statusCpu -lt 2)
    Add-Goal 'Fleet: no-op Set-IeaServerConfig -Recommended per installation (CPU / wall)' ('{0:N3} ms / {1:N3} ms' -f $setCpu, $setWall) '< 3 ms' ($setCpu -lt 3 -and $setWall -lt 3)
    Add-Goal 'Fleet: no-op Set writes nothing' $(if ($noWrite) { 'nothing written' } else { "$($r.FilesChanged) files, $($r.BackupFolders) backups, $($r.AuditLogFiles) logs" }) 'no write' $noWrite
}

function Invoke-DiscoverySection {
    Write-Host '==> Find-IeaSetting on 2,000 files' -ForegroundColor Cyan
    $load = Get-Load
    $r = Invoke-Worker 'Discovery' -Environment @{ IEA_PS_LOG_DIR = (Join-Path $WorkFolder 'discovery-logs') } `
        -Extra @('-DiscoveryRuns', [string] $DiscoveryRuns)
    $find = Get-Stats ([double[]] $r.Times.FindIeaSetting)
    $base = Get-Stats ([double[]] $r.Times.Baseline)
    $report.Add('## 5. Find-IeaSetting')
    $report.Add('')
    $report.Add(("A generated installation of {0:N0} files, {1:N0} MB: 1,000 random binary files of 150 KB (half .dll/.exe, half of unknown " -f $r.Files, ($r.Bytes / 1MB)) +
        'extensions), 900 sparse files of 56 KB, 100 text files (the settings file, XML, .properties, JSON, logs) in 40 folders. ' +
        "One process, $DiscoveryRuns rounds after a warm-up round, the two commands alternating (file cache warm for both). Load average before/after: $load / $(Get-Load).")
    $report.Add('')
    $report.Add('| command | wall time | results | vs baseline |')
    $report.Add('|---|---|---|---|')
    $report.Add("| ``Find-IeaSetting -LiteralPath <folder> -NoRegistry`` | $(Format-Stats $find) | $($r.Counts.FindIeaSetting) candidates | $('{0:N2}×' -f ($find.Median / $base.Median)) |")
    $report.Add("| baseline: ``Get-ChildItem -Recurse -File \| Select-String urssaf`` | $(Format-Stats $base) | $($r.Counts.Baseline) lines | 1.00× |")
    $report.Add('')
    $report.Add('Candidates found: ' + (($r.Found | ForEach-Object { '`' + $_ + '`' }) -join ', ') + '.')
    $report.Add('')
    Add-Goal 'Find-IeaSetting, 2,000 files / 200 MB mostly not text' (Format-Stats $find) '< 1 s' ($find.Median -lt 1000)
}

function Invoke-MicroSection {
    Write-Host '==> Core micro-benchmarks (BenchmarkDotNet)' -ForegroundColor Cyan
    $report.Add('## 6. Core micro-benchmarks')
    $report.Add('')
    if (-not $MicroBenchmarkAssembly) {
        $report.Add('Skipped: no -MicroBenchmarkAssembly given.'); $report.Add('')
        return
    }
    $load = Get-Load
    $artifacts = Join-Path $WorkFolder 'bdn'
    Remove-Item -LiteralPath $artifacts -Recurse -Force -ErrorAction Ignore
    & dotnet $MicroBenchmarkAssembly --filter '*' --artifacts $artifacts | Out-File (Join-Path $WorkFolder 'bdn.log')
    if ($LASTEXITCODE -ne 0) { throw "The micro-benchmarks failed (exit code $LASTEXITCODE): see $(Join-Path $WorkFolder 'bdn.log')." }
    $loadAfter = Get-Load
    $table = Get-ChildItem -LiteralPath (Join-Path $artifacts 'results') -Filter '*-report-github.md' | Select-Object -First 1
    $report.Add("tests/Benchmarks (BenchmarkDotNet, ``[MemoryDiagnoser]``, a short in-process job: 3 warm-up and 10 measured iterations). " +
        'A typical settings file: 18 lines, Windows-1252, CRLF, the values of before the fiche (so the reader finds 4 deviations). ' +
        "Command: ``dotnet tests/Benchmarks/bin/Release/net10.0/ImpactEmploi.Benchmarks.dll --filter * --artifacts out/bench/bdn``. Load average before/after: $load / $loadAfter.")
    $report.Add('')
    foreach ($line in Get-Content -LiteralPath $table.FullName) { $report.Add($line) }
    $report.Add('')
}

function Invoke-StoresSection {
    Write-Host '==> Settings stores' -ForegroundColor Cyan
    $load = Get-Load
    $r = Invoke-Worker 'Stores' -Environment @{ IEA_PS_LOG_DIR = (Join-Path $WorkFolder 'stores-logs'); IEA_PS_STATE_DIR = (Join-Path $WorkFolder 'stores-state') } `
        -Extra @('-StoreInstallations', $StoreInstallations, '-StoreRuns', $StoreRuns)
    $loadAfter = Get-Load
    $samples = @($r.Samples)
    $report.Add('## 7. Settings stores: INI, XML, .properties, JSON')
    $report.Add('')
    $report.Add("One process imports the module and runs ``Get-IeaConnectionStatus -Offline`` over $($r.Installations) demo installations per format, " +
        'each through its own layout (the default one for INI; hand-written ones for the others, placing the same 13 settings: an XML `appSettings` ' +
        'file, a .properties file, a JSON object), the same values in each. Five warm-up calls per format, then ' +
        "$StoreRuns runs, the formats alternating within each run. Load average before/after: $load / $loadAfter.")
    $report.Add('')
    $report.Add('| format | CPU per installation | wall per installation | wall vs INI |')
    $report.Add('|---|---|---|---|')
    $ini = (Get-Stats @($samples | Where-Object Format -eq 'Ini' | ForEach-Object WallMsPerInstallation)).Median
    $ratios = @{}
    foreach ($format in 'Ini', 'Xml', 'Properties', 'Json') {
        $these = @($samples | Where-Object Format -eq $format)
        $cpu = Get-Stats @($these.CpuMsPerInstallation)
        $wall = Get-Stats @($these.WallMsPerInstallation)
        $ratios[$format] = $wall.Median / $ini
        $report.Add("| $format | $(Format-Stats $cpu 'ms' 'N3') | $(Format-Stats $wall 'ms' 'N3') | $('{0:N2}×' -f $ratios[$format]) |")
    }
    $report.Add('')
    Add-Goal 'Stores: offline status through an XML / a .properties layout vs INI, wall per installation' ('{0:N2}× / {1:N2}×' -f $ratios.Xml, $ratios.Properties) '≤ 2×' ($ratios.Xml -le 2 -and $ratios.Properties -le 2)
}

$started = Get-Date
$loadAtStart = Get-Load
foreach ($name in 'Startup', 'Probe', 'Fleet', 'Discovery', 'Micro', 'Stores') {
    if ($Section -contains $name) { & "Invoke-$($name)Section" }
}

# --- the report ------------------------------------------------------------------------------------------

$commit = (& git -C $RepoRoot rev-parse --short HEAD 2>$null)
if ($commit -and (& git -C $RepoRoot status --porcelain --untracked-files=no 2>$null)) { $commit += ' (with uncommitted changes)' }
$cpuModel = if (Test-Path /proc/cpuinfo) { ((Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.*)$' | Select-Object -First 1).Matches[0].Groups[1].Value) } else { $env:PROCESSOR_IDENTIFIER }
$memory = if (Test-Path /proc/meminfo) { '{0:N1} GiB' -f ([double] ((Select-String -Path /proc/meminfo -Pattern '^MemTotal:\s*(\d+)').Matches[0].Groups[1].Value) / 1MB) } else { 'n/a' }
$moduleVersion = (Import-PowerShellDataFile -LiteralPath $ModuleManifest).ModuleVersion
$header = @(
    '# Benchmarks'
    ''
    'Written by `build.ps1 -Task Bench` (tools/Bench.ps1), against the project''s performance goals. Every figure is a median with its spread (IQR: 25th–75th '
    'percentile; range: min–max; n runs) and every ratio is against a baseline measured in the same run, alternating with it. No timed assertion'
    'lives in the test suite: these figures are measured here only.'
    ''
    '| | |'
    '|---|---|'
    "| date | $($started.ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC, $([math]::Round(((Get-Date) - $started).TotalMinutes, 1)) min |"
    "| machine | $cpuModel, $([Environment]::ProcessorCount) logical cores, $memory RAM; $([Runtime.InteropServices.RuntimeInformation]::OSDescription) |"
    "| load average (1, 5, 15 min) | $loadAtStart at the start, $(Get-Load) at the end, per section below; the benchmark keeps about one core busy itself, so ~1 is its own floor (and the build just before it lifts the first section's) |"
    "| versions | PowerShell $($PSVersionTable.PSVersion), $([Runtime.InteropServices.RuntimeInformation]::FrameworkDescription), ImpactEmploi.PS $moduleVersion (commit $commit), BenchmarkDotNet 0.15.8 |"
    "| command | ``$ReproduceCommand`` |"
    ''
    '## Goals'
    ''
    '| what | measured | goal | met |'
    '|---|---|---|---|'
)
# Only what this run measured: interpretations and one-off comparisons belong in the commit or review that makes them.
$lines = @($header) + @($summary | ForEach-Object { "| $($_.What) | $($_.Figure) | $($_.Goal) | $($_.Met) |" }) + @('') + @($report)
if ($OutputPath) {
    [IO.File]::WriteAllText($OutputPath, ($lines -join "`n") + "`n", [Text.UTF8Encoding]::new($false))
    Write-Host "    $OutputPath"
}
else {
    $lines | Write-Host
}
