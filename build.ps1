<#
.SYNOPSIS
    Builds, tests, packages and demonstrates ImpactEmploi.PS.
.DESCRIPTION
    Runs in Windows PowerShell 5.1 and PowerShell 7, with nothing installed beyond the .NET SDK: it restores
    what it needs itself (PowerShell 7.6.9 as a local dotnet tool, Pester from NuGet).
      Build    compiles and lays out out/ImpactEmploi.PS/<version>/ (the module as users install it)
      Test     Build, then the Format check (full runs), xunit and Pester against the built module; one closing
               line with the totals
      Format   dotnet format --verify-no-changes against .editorconfig (part of a full Test run)
      Package  Build, then a .nupkg in out/packages that Install-PSResource installs
      Demo     Build, then walks through the fiche on a demo installation in a temporary folder
      Bench    Build, then the benchmarks (tools/Bench.ps1, tests/Benchmarks): writes docs/benchmarks.md
      Clean    removes out/ and every bin/ and obj/
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Format', 'Package', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Test only: an xunit filter expression (dotnet test --filter), 'none' to skip xunit.
    [string] $XunitFilter,

    # Test only: Pester files or folders to run instead of tests/Pester, 'none' to skip Pester.
    [string[]] $PesterPath,

    # Test only: run the Pester files that mostly start child processes (Fleet, Remoting) in a second PowerShell
    # beside the others. Faster with idle cores; on a loaded machine it only adds contention, hence not the default.
    [switch] $PesterParallel
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$ModuleName = 'ImpactEmploi.PS'
$OutRoot = Join-Path $Root 'out'

# Every assembly the module ships. The build fails when one is missing or an unexpected one appears,
# so a new transitive dependency is always a decision, never an accident.
$ExpectedRootFiles = @('ImpactEmploi.PS.dll')
$ExpectedDependencies = @(
    'ImpactEmploi.Core.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'Microsoft.Bcl.TimeProvider.dll'
    'Polly.Core.dll'
    'Serilog.dll'
    'Serilog.Formatting.Compact.dll'
    'Serilog.Sinks.File.dll'
    'System.Buffers.dll'
    'System.ComponentModel.Annotations.dll'
    'System.Diagnostics.DiagnosticSource.dll'
    'System.Memory.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Text.Encoding.CodePages.dll'
    'System.Threading.Channels.dll'
    'System.Threading.Tasks.Extensions.dll'
    'fr/ImpactEmploi.Core.resources.dll'
)

function Write-Step([string] $Text) { Write-Host "==> $Text" -ForegroundColor Cyan }

function Invoke-Native {
    param([string] $FilePath, [string[]] $Arguments)
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    [xml] $props = Get-Content -Raw (Join-Path $Root 'Directory.Build.props')
    $version = $props.Project.PropertyGroup | ForEach-Object { $_.ModuleVersion } | Where-Object { $_ } | Select-Object -First 1
    if (-not $version) { throw 'ModuleVersion is missing from Directory.Build.props.' }
    return [string] $version
}

function Get-ModuleFolder { Join-Path (Join-Path $OutRoot $ModuleName) (Get-ModuleVersion) }

# The PowerShell 7 the tests run in: this process when it is PowerShell 7, else the local dotnet tool.
function Get-PwshCommand {
    if ($PSVersionTable.PSEdition -eq 'Core') {
        $exe = (Get-Process -Id $PID).Path
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
        return @($exe)
    }
    Push-Location $Root
    try { Invoke-Native dotnet @('tool', 'restore') | Out-Null } finally { Pop-Location }
    return @('dotnet', 'tool', 'run', 'pwsh', '--')
}

# Runs a child PowerShell with -NoProfile -NonInteractive and the given arguments, and returns its output;
# $LASTEXITCODE is the child's. PowerShell 7 (Get-PwshCommand), or with -SameEdition the edition running this
# script (Windows PowerShell runs the help builder under itself). -Offline: inside the tests' network namespace.
function Invoke-ChildPwsh {
    param([string[]] $Arguments, [switch] $SameEdition, [switch] $Offline)
    if ($SameEdition -and $PSVersionTable.PSEdition -ne 'Core') { $pwsh = @((Join-Path $PSHOME 'powershell.exe')) }
    else { $pwsh = @(Get-PwshCommand) }
    $line = @($pwsh) + @('-NoProfile', '-NonInteractive') + $Arguments
    if ($Offline) { $line = @($script:Offline) + $line }
    & $line[0] @($line | Select-Object -Skip 1)
}

function Invoke-Build {
    Write-Step "Build ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'ImpactEmploi.PS.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    $version = Get-ModuleVersion
    $moduleFolder = Get-ModuleFolder
    if (Test-Path $moduleFolder) { Remove-Item -Recurse -Force $moduleFolder }
    $dependencies = Join-Path $moduleFolder 'dependencies'
    New-Item -ItemType Directory -Force -Path $dependencies | Out-Null

    $psBin = Join-Path $Root "src/ImpactEmploi.PS/bin/$Configuration/netstandard2.0"
    $coreBin = Join-Path $Root "src/ImpactEmploi.Core/bin/$Configuration/netstandard2.0"
    Copy-Item (Join-Path $psBin 'ImpactEmploi.PS.dll') $moduleFolder
    Get-ChildItem $coreBin -Filter *.dll | Copy-Item -Destination $dependencies
    foreach ($culture in Get-ChildItem $coreBin -Directory) {
        $target = Join-Path $dependencies $culture.Name
        New-Item -ItemType Directory -Force -Path $target | Out-Null
        Get-ChildItem $culture.FullName -Filter *.resources.dll | Copy-Item -Destination $target
    }

    $module = Join-Path $Root 'module'
    Get-ChildItem $module -Exclude "$ModuleName.psd1" | Copy-Item -Destination $moduleFolder -Recurse
    $manifest = (Get-Content -Raw (Join-Path $module "$ModuleName.psd1")).Replace('{{ModuleVersion}}', $version)
    [IO.File]::WriteAllText((Join-Path $moduleFolder "$ModuleName.psd1"), $manifest, (New-Object Text.UTF8Encoding $true))

    Assert-ShippedAssemblies $moduleFolder
    Invoke-HelpBuild $moduleFolder
    Write-Host "    $moduleFolder"
}

# --- Help --------------------------------------------------------------------------------------------
# docs/help/<culture>/*.md -> <culture>/ImpactEmploi.PS.dll-Help.xml and about_*.help.txt in the module folder,
# by tools/HelpBuilder.psm1. It imports the built module to read the cmdlets' real parameters, so it runs in
# a child process of the same PowerShell: a binary module cannot be unloaded, and this one must stay free
# for the next build.
function Invoke-HelpBuild([string] $ModuleFolder) {
    Write-Step 'Help'
    $quote = { param([string] $Text) "'" + $Text.Replace("'", "''") + "'" }
    $script = "`$ErrorActionPreference = 'Stop'; Import-Module $(& $quote (Join-Path $Root 'tools/HelpBuilder.psm1')); " +
        "Build-IeaHelp -ModuleManifest $(& $quote (Join-Path $ModuleFolder "$ModuleName.psd1")) " +
        "-SourcePath $(& $quote (Join-Path $Root 'docs/help')) -OutputPath $(& $quote $ModuleFolder) | Out-Null"
    Invoke-ChildPwsh -SameEdition -Arguments @('-Command', $script)
    if ($LASTEXITCODE -ne 0) { throw "Building the help failed (exit code $LASTEXITCODE)." }
}
# --- end of Help ----------------------------------------------------------------------------------------

function Assert-ShippedAssemblies([string] $ModuleFolder) {
    $found = @(Get-ChildItem $ModuleFolder -Recurse -Filter *.dll | ForEach-Object {
            $_.FullName.Substring($ModuleFolder.Length + 1).Replace('\', '/')
        })
    $expected = @($ExpectedRootFiles) + @($ExpectedDependencies | ForEach-Object { "dependencies/$_" })
    $missing = @($expected | Where-Object { $found -notcontains $_ })
    $unexpected = @($found | Where-Object { $expected -notcontains $_ })
    if ($missing.Count -or $unexpected.Count) {
        throw "The module's assemblies changed. Missing: $($missing -join ', '). Unexpected: $($unexpected -join ', '). " +
        'Update $ExpectedDependencies in build.ps1 if the change is intended.'
    }
}

function Invoke-Package {
    Invoke-Build
    Write-Step 'Package'
    $packages = Join-Path $OutRoot 'packages'
    New-Item -ItemType Directory -Force -Path $packages | Out-Null
    Get-ChildItem $packages -Filter "$ModuleName.*.nupkg" | Remove-Item -Force
    $script = "Compress-PSResource -Path '$(Get-ModuleFolder)' -DestinationPath '$packages'"
    Invoke-ChildPwsh -Arguments @('-Command', $script)
    if ($LASTEXITCODE -ne 0) { throw "Compress-PSResource failed (exit code $LASTEXITCODE)." }
    $nupkg = Get-ChildItem $packages -Filter "$ModuleName.*.nupkg" | Select-Object -First 1
    if (-not $nupkg) { throw "Compress-PSResource wrote no package in $packages." }
    Write-Host "    $($nupkg.FullName)"
    return $nupkg.FullName
}

function Get-PesterManifest {
    Push-Location $Root
    try { Invoke-Native dotnet @('restore', 'tests/tools/Tools.csproj', '--nologo', '-v', 'quiet') } finally { Pop-Location }
    $cache = $env:NUGET_PACKAGES
    if (-not $cache) { $cache = Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    [xml] $tools = Get-Content -Raw (Join-Path $Root 'tests/tools/Tools.csproj')
    $version = ($tools.Project.ItemGroup.PackageDownload | Where-Object { $_.Include -eq 'Pester' }).Version.Trim('[]')
    $manifest = Join-Path $cache "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester $version was not restored to $manifest." }
    return $manifest
}

# Real servers for the integration tests (nginx, tinyproxy, sshd) come from Debian's packages.
function Initialize-TestInfrastructure {
    $install = Join-Path $Root 'tests/infra/install-deps.sh'
    if ($PSVersionTable.PSEdition -eq 'Core' -and $IsLinux -and (Test-Path $install)) {
        Write-Step 'Test infrastructure'
        & bash $install
        if ($LASTEXITCODE -ne 0) { Write-Warning 'Installing the test servers failed: the tests that need them will be skipped.' }
    }
    $pki = Join-Path $Root 'tests/infra/New-TestPki.ps1'
    if (Test-Path $pki) {
        $pkiFolder = Join-Path $OutRoot 'test-pki'
        Invoke-ChildPwsh -Arguments @('-File', $pki, '-Path', $pkiFolder) | Out-Null
        if ($LASTEXITCODE -ne 0) { Write-Warning 'Creating the test PKI failed: the HTTPS tests will be skipped.' }
        $env:IEA_TEST_PKI = $pkiFolder
        $bundle = Join-Path $pkiFolder 'bundle.crt'
        if (Test-Path $bundle) { $env:SSL_CERT_FILE = $bundle }
    }
}

# On Linux as root the tests run with loopback only (tests/infra/offline.sh): nothing they start can reach
# any other address, so a test that would contact a real server fails instead of leaking a request.
function Get-OfflinePrefix {
    if ($PSVersionTable.PSEdition -eq 'Core' -and $IsLinux -and (Get-Command unshare, ip -ErrorAction Ignore).Count -eq 2 -and (id -u) -eq '0') {
        & unshare --net true 2>$null
        if ($LASTEXITCODE -eq 0) { return @('unshare', '--net', '--', 'sh', (Join-Path $Root 'tests/infra/offline.sh')) }
    }
    Write-Warning 'The tests run with the network available (no network namespace here): they only use 127.0.0.1 by design.'
    return @()
}

function Invoke-Offline([string[]] $Command) {
    $line = @($script:Offline) + $Command
    & $line[0] @($line | Select-Object -Skip 1)
}

function Invoke-XunitTests {
    Write-Step 'xunit'
    $results = Join-Path $OutRoot 'TestResults'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    if ($XunitFilter -eq 'none') { return [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } }
    $filter = @()
    if ($XunitFilter) { $filter = @('--filter', $XunitFilter) }
    Invoke-Offline (@('dotnet', 'test', (Join-Path $Root 'tests/ImpactEmploi.Core.Tests'), '-c', $Configuration, '--no-build', '--nologo',
        '--logger', 'trx;LogFileName=core.trx', '--logger', 'console;verbosity=minimal', '--results-directory', $results) + $filter) | Out-Host
    $trx = Join-Path $results 'core.trx'
    if (-not (Test-Path $trx)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    [xml] $report = Get-Content -Raw $trx
    $counters = $report.TestRun.ResultSummary.Counters
    $count = { param($name) [int] $counters.GetAttribute($name) }
    return [pscustomobject]@{ Passed = & $count 'passed'; Failed = (& $count 'failed') + (& $count 'error'); Skipped = (& $count 'total') - (& $count 'executed') }
}

# Pester files that spend their time starting child processes (scripts as Intune runs them, remoting over SSH):
# with -PesterParallel they get a second PowerShell of their own, beside the other files. Safe because each group
# has its own log and state folders (the support journal's duplicate rule and the audit log are per folder), its own
# network namespace, and servers on ports chosen at run time.
$ParallelPesterFiles = @('Fleet.Tests.ps1', 'Remoting.Tests.ps1')

# The Pester run of one group of files, as a script file for a child PowerShell; it writes its totals to $Summary.
function New-PesterScript([string] $Pester, [string[]] $Paths, [string] $Summary, [string] $LogFolder, [string] $StateFolder) {
    $quote = { param([string] $Text) "'" + $Text.Replace("'", "''") + "'" }
    $pathList = ($Paths | ForEach-Object { & $quote $_ }) -join ', '
    $file = [IO.Path]::ChangeExtension($Summary, '.ps1')
    $script = @"
`$ErrorActionPreference = 'Stop'
`$env:IEA_PS_LOG_DIR = $(& $quote $LogFolder)
`$env:IEA_PS_STATE_DIR = $(& $quote $StateFolder)
Import-Module $(& $quote $Pester) -Force
`$config = New-PesterConfiguration
`$config.Run.Path = @($pathList)
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
`$config.Output.CIFormat = 'None'
`$result = Invoke-Pester -Configuration `$config
[IO.File]::WriteAllText($(& $quote $Summary), (@{ Passed = `$result.PassedCount; Failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount; Skipped = `$result.SkippedCount } | ConvertTo-Json))
"@
    [IO.File]::WriteAllText($file, $script, (New-Object Text.UTF8Encoding $false))
    return $file
}

function Invoke-PesterTests {
    Write-Step 'Pester'
    if ($PesterPath -and $PesterPath[0] -eq 'none') { return [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } }
    $groups = New-Object System.Collections.ArrayList
    if ($PesterPath) { [void] $groups.Add(@($PesterPath | ForEach-Object { (Resolve-Path $_).ProviderPath })) }
    elseif (-not $PesterParallel) { [void] $groups.Add(@(Join-Path $Root 'tests/Pester')) }
    else {
        $files = @(Get-ChildItem (Join-Path $Root 'tests/Pester') -Filter '*.Tests.ps1' | Sort-Object Name)
        foreach ($inParallel in $false, $true) {
            $group = @($files | Where-Object { ($ParallelPesterFiles -contains $_.Name) -eq $inParallel } | ForEach-Object FullName)
            if ($group.Count) { [void] $groups.Add($group) }
        }
    }
    $pester = Get-PesterManifest
    $env:IEA_MODULE_MANIFEST = Join-Path (Get-ModuleFolder) "$ModuleName.psd1"
    $env:IEA_REPO_ROOT = $Root
    $runs = for ($i = 0; $i -lt $groups.Count; $i++) {
        $summary = Join-Path $OutRoot "pester-summary-$i.json"
        if (Test-Path $summary) { Remove-Item $summary }
        $suffix = if ($i) { "-$i" } else { '' }
        $file = New-PesterScript $pester $groups[$i] $summary "$env:IEA_PS_LOG_DIR$suffix" "$env:IEA_PS_STATE_DIR$suffix"
        [pscustomobject]@{ Summary = $summary; File = $file; Job = $null }
    }
    # The other groups in jobs (their output is shown when they end), the first one here.
    foreach ($run in @($runs | Select-Object -Skip 1)) {
        $line = @($script:Offline) + @(Get-PwshCommand) + @('-NoProfile', '-NonInteractive', '-File', $run.File)
        $start = if (Get-Command Start-ThreadJob -ErrorAction Ignore) { 'Start-ThreadJob' } else { 'Start-Job' }
        $run.Job = & $start -ArgumentList $Root, $line -ScriptBlock {
            param([string] $Folder, [string[]] $Line)
            Set-Location -LiteralPath $Folder
            & $Line[0] @($Line | Select-Object -Skip 1) 2>&1 | ForEach-Object { "$_" }
        }
    }
    Invoke-ChildPwsh -Offline -Arguments @('-File', @($runs)[0].File) | Out-Host
    foreach ($run in @($runs | Select-Object -Skip 1)) {
        $run.Job | Wait-Job | Receive-Job | Out-Host
        $run.Job | Remove-Job
    }
    $total = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($run in $runs) {
        if (-not (Test-Path $run.Summary)) { $total.Failed += 1; continue }
        $counts = Get-Content -Raw $run.Summary | ConvertFrom-Json
        $total.Passed += [int] $counts.Passed; $total.Failed += [int] $counts.Failed; $total.Skipped += [int] $counts.Skipped
    }
    return $total
}

# The code style of .editorconfig. Offline, after a build (about 1 minute on 2 cores: loading the solution
# dominates), so a full Test run does it and partial runs (-XunitFilter, -PesterPath) leave it out.
function Invoke-FormatCheck([switch] $NoRestore) {
    Write-Step 'Format'
    $arguments = @('format', (Join-Path $Root 'ImpactEmploi.PS.sln'), '--verify-no-changes', '-v', 'quiet')
    if ($NoRestore) { $arguments += '--no-restore' }
    & dotnet @arguments | Out-Host
    if ($LASTEXITCODE -ne 0) {
        Write-Host "    The code does not follow .editorconfig: run 'dotnet format ImpactEmploi.PS.sln' and commit the result." -ForegroundColor Red
        return $false
    }
    return $true
}

function Invoke-Test {
    Invoke-Build
    $formatted = $true
    if (-not $XunitFilter -and -not $PesterPath) { $formatted = Invoke-FormatCheck -NoRestore }
    Initialize-TestInfrastructure
    $script:Offline = @(Get-OfflinePrefix)
    # What the tests log, and the module's own state (support journal), stay under out/, never in the user's folders.
    $env:IEA_PS_LOG_DIR = Join-Path $OutRoot 'test-logs'
    $env:IEA_PS_STATE_DIR = Join-Path $OutRoot 'test-state'
    $xunit = Invoke-XunitTests
    $pester = Invoke-PesterTests
    $passed = [int] $xunit.Passed + [int] $pester.Passed
    $failed = [int] $xunit.Failed + [int] $pester.Failed + [int] (-not $formatted)
    $skipped = [int] $xunit.Skipped + [int] $pester.Skipped
    Write-Host ''
    if (-not $formatted) { Write-Host 'Format: failed (counted as one failure)' }
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    $line = "Tests: $passed passed, $failed failed"
    if ($skipped) { $line += ", $skipped skipped" }
    Write-Host $line
    if ($failed) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $env:IEA_MODULE_MANIFEST = Join-Path (Get-ModuleFolder) "$ModuleName.psd1"
    Invoke-ChildPwsh -Arguments @('-File', (Join-Path $Root 'tools/Demo.ps1'))
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# --- Bench -------------------------------------------------------------------------------------------
# Start-up, memory, probe time and fleet scale against what a user would otherwise run, measured by tools/Bench.ps1
# in fresh PowerShell 7 processes (127.0.0.1 only), and the Core micro-benchmarks of tests/Benchmarks
# (BenchmarkDotNet, built here: it stays out of the solution so Build and Test never restore it). About 10 minutes.
function Invoke-Bench {
    Invoke-Build
    Initialize-TestInfrastructure
    Write-Step 'Build the micro-benchmarks'
    Invoke-Native dotnet @('build', (Join-Path $Root 'tests/Benchmarks/Benchmarks.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    Write-Step 'Bench'
    $arguments = @('-File', (Join-Path $Root 'tools/Bench.ps1'),
        '-ModuleManifest', (Join-Path (Get-ModuleFolder) "$ModuleName.psd1"),
        '-MicroBenchmarkAssembly', (Join-Path $Root 'tests/Benchmarks/bin/Release/net10.0/ImpactEmploi.Benchmarks.dll'),
        '-OutputPath', (Join-Path $Root 'docs/benchmarks.md'))
    Invoke-ChildPwsh -Arguments $arguments
    if ($LASTEXITCODE -ne 0) { throw "The benchmarks failed (exit code $LASTEXITCODE)." }
}
# --- end of Bench ---------------------------------------------------------------------------------------

function Invoke-Clean {
    Write-Step 'Clean'
    if (Test-Path $OutRoot) { Remove-Item -Recurse -Force $OutRoot }
    Get-ChildItem $Root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Format' { if (-not (Invoke-FormatCheck)) { exit 1 } }
    'Package' { Invoke-Package | Out-Null }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
