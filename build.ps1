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
      Package  Build, then a .nupkg in out/packages that Install-PSResource installs; Build also lays out
               out/intune/ImpactEmploi.PS-<version>, the folder for the Intune Win32 content prep tool
      Sign     Windows only: Authenticode-signs the built module's scripts, manifests, format and types files
               and its own DLLs (-CertificateThumbprint, -TimestampServer), then lays out out/intune again and
               signs the deploy scripts there, and packs the signed module as Package does
      Demo     Build, then walks through the fiche on a demo installation in a temporary folder
      Bench    Build, then the benchmarks (tools/Bench.ps1, tests/Benchmarks): writes docs/benchmarks.md;
               with -BenchSection (e.g. Probe) that section only, printed
      Clean    removes out/ and every bin/ and obj/
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Format', 'Package', 'Sign', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Test only: an xunit filter expression (dotnet test --filter), 'none' to skip xunit.
    [string] $XunitFilter,

    # Test only: Pester files or folders to run instead of tests/Pester, 'none' to skip Pester.
    [string[]] $PesterPath,

    # Test only: the PowerShell that runs the Pester tests: '5.1' (Windows PowerShell), or a PowerShell 7 version
    # such as '7.2' or '7.4.6' (installed from NuGet as a dotnet tool under out/tools); none: the repository's own
    # PowerShell (.config/dotnet-tools.json), or this one when it is PowerShell 7.
    [ValidatePattern('^(5\.1|7\.\d+(\.\d+)?)?$')]
    [string] $PowerShellVersion,

    # Bench only: one section of tools/Bench.ps1 instead of all of them; its figures are printed, docs/benchmarks.md
    # is left as it is.
    [ValidateSet('Startup', 'Probe', 'Fleet', 'Discovery', 'Micro', 'Stores')]
    [string] $BenchSection,

    # Sign only: the thumbprint of a code-signing certificate in Cert:\CurrentUser\My or Cert:\LocalMachine\My.
    [string] $CertificateThumbprint,

    # Sign only: an RFC 3161 timestamp server (your CA's), so that signatures stay valid after the certificate expires.
    [string] $TimestampServer
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

# The PowerShell the Pester tests run in (-PowerShellVersion), so that CI covers 5.1 and each supported 7.x.
function Get-TestPowerShell {
    $onWindows = [IO.Path]::DirectorySeparatorChar -eq '\'
    if (-not $PowerShellVersion) { return @(Get-PwshCommand) }
    if ($PowerShellVersion -eq '5.1') {
        if (-not $onWindows) { throw 'build.ps1 -PowerShellVersion 5.1: Windows PowerShell exists only on Windows.' }
        return @(Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe')
    }
    $folder = Join-Path (Join-Path $OutRoot 'tools') "pwsh-$PowerShellVersion"
    $exe = Join-Path $folder $(if ($onWindows) { 'pwsh.exe' } else { 'pwsh' })
    if (-not (Test-Path $exe)) {
        $version = if ($PowerShellVersion.Split('.').Count -eq 2) { "$PowerShellVersion.*" } else { $PowerShellVersion }
        Write-Step "PowerShell $version (dotnet tool, $folder)"
        Invoke-Native dotnet @('tool', 'install', 'PowerShell', '--version', $version, '--tool-path', $folder)
    }
    return @($exe)
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
    # Deploy/ holds the Intune Win32 app's scripts: they install the module, they are not part of it (see Invoke-IntuneLayout).
    Get-ChildItem $module -Exclude "$ModuleName.psd1", 'Deploy' | Copy-Item -Destination $moduleFolder -Recurse
    $manifest = (Get-Content -Raw (Join-Path $module "$ModuleName.psd1")).Replace('{{ModuleVersion}}', $version)
    [IO.File]::WriteAllText((Join-Path $moduleFolder "$ModuleName.psd1"), $manifest, (New-Object Text.UTF8Encoding $true))

    Assert-ShippedAssemblies $moduleFolder
    Invoke-HelpBuild $moduleFolder
    Write-Host "    $moduleFolder"
    Invoke-IntuneLayout
}

# The folder to give the Win32 content prep tool (IntuneWinAppUtil -c <folder> -s Install-IeaModule.ps1): the
# install, uninstall and detection scripts with this version written in, and the module itself next to them;
# Remediations/ holds the detection and remediation scripts to upload to Intune's Remediations.
function Get-IntuneFolder { Join-Path (Join-Path $OutRoot 'intune') "$ModuleName-$(Get-ModuleVersion)" }

function Invoke-IntuneLayout {
    $version = Get-ModuleVersion
    $intune = Get-IntuneFolder
    if (Test-Path $intune) { Remove-Item -Recurse -Force $intune }
    $payload = Join-Path (Join-Path $intune $ModuleName) $version
    New-Item -ItemType Directory -Force -Path $payload, (Join-Path $intune 'Remediations') | Out-Null
    Copy-Item -Path (Join-Path (Get-ModuleFolder) '*') -Destination $payload -Recurse
    foreach ($script in Get-ChildItem (Join-Path $Root 'module/Deploy') -Filter *.ps1) {
        $text = [IO.File]::ReadAllText($script.FullName).Replace('{{ModuleVersion}}', $version)
        [IO.File]::WriteAllText((Join-Path $intune $script.Name), $text, (New-Object Text.UTF8Encoding $false))
    }
    Copy-Item (Join-Path (Get-ModuleFolder) 'Intune/*.ps1') (Join-Path $intune 'Remediations')
}

# --- Sign -------------------------------------------------------------------------------------------------------
# What PowerShell checks under AllSigned (and Intune's "Enforce script signature check"): scripts, module files,
# manifests, format and types files. Our DLLs are signed too; third-party DLLs keep their publisher's signature.
# Layouts/*.psd1 are data read by the module's own parser, not by PowerShell, and stay as they are.
function Get-FilesToSign([string] $Folder) {
    Get-ChildItem $Folder -Recurse -File -Include *.ps1, *.psm1, *.psd1, *.ps1xml, *.dll |
        Where-Object { $_.FullName -notlike '*Layouts*' -and ($_.Extension -ne '.dll' -or $_.Name -like 'ImpactEmploi.*') }
}

function Invoke-Sign {
    if ([IO.Path]::DirectorySeparatorChar -ne '\') {
        throw 'build.ps1 -Task Sign needs Windows: Authenticode signing (Set-AuthenticodeSignature) and the certificate store exist only there. Build on Linux, then sign the out folder on a Windows machine.'
    }
    if (-not $CertificateThumbprint) { throw 'build.ps1 -Task Sign needs -CertificateThumbprint (a code-signing certificate in Cert:\CurrentUser\My or Cert:\LocalMachine\My).' }
    $certificate = @(Get-ChildItem "Cert:\CurrentUser\My\$CertificateThumbprint", "Cert:\LocalMachine\My\$CertificateThumbprint" -ErrorAction SilentlyContinue | Select-Object -First 1)
    if (-not $certificate -or -not $certificate[0].HasPrivateKey) { throw "No certificate with a private key has the thumbprint $CertificateThumbprint in Cert:\CurrentUser\My or Cert:\LocalMachine\My." }
    if (-not $TimestampServer) { Write-Warning 'No -TimestampServer: the signatures become invalid when the certificate expires.' }
    Invoke-Build
    Write-Step 'Sign'
    $sign = {
        param($Files)
        foreach ($file in $Files) {
            $arguments = @{ FilePath = $file.FullName; Certificate = $certificate[0]; HashAlgorithm = 'SHA256' }
            if ($TimestampServer) { $arguments.TimestampServer = $TimestampServer }
            $result = Set-AuthenticodeSignature @arguments
            if ($null -eq $result.SignerCertificate -or $result.SignerCertificate.Thumbprint -ne $certificate[0].Thumbprint) {
                throw "Signing $($file.FullName) failed: $($result.StatusMessage)"
            }
            Write-Host "    $($result.Status) $($file.FullName.Substring($OutRoot.Length + 1))"
        }
    }
    & $sign @(Get-FilesToSign (Get-ModuleFolder))
    Invoke-IntuneLayout
    & $sign @(Get-ChildItem (Get-IntuneFolder) -File -Filter *.ps1)
    Invoke-Pack | Out-Null
}
# --- end of Sign ------------------------------------------------------------------------------------------------

# --- Help -------------------------------------------------------------------------------------------
# docs/help/<culture>/*.md -> <culture>/ImpactEmploi.PS.dll-Help.xml and about_*.help.txt in the module folder,
# by tools/HelpBuilder.psm1. It imports the built module to read the cmdlets' real parameters, so it runs in
# a child process of the same PowerShell: a binary module cannot be unloaded, and this one must stay free
# for the next build.
function Invoke-HelpBuild([string] $ModuleFolder) {
    Write-Step 'Help'
    if ($PSVersionTable.PSEdition -eq 'Core') { $pwsh = @(Get-PwshCommand) } else { $pwsh = @((Join-Path $PSHOME 'powershell.exe')) }
    $quote = { param([string] $Text) "'" + $Text.Replace("'", "''") + "'" }
    $script = "`$ErrorActionPreference = 'Stop'; Import-Module $(& $quote (Join-Path $Root 'tools/HelpBuilder.psm1')); " +
        "Build-IeaHelp -ModuleManifest $(& $quote (Join-Path $ModuleFolder "$ModuleName.psd1")) " +
        "-SourcePath $(& $quote (Join-Path $Root 'docs/help')) -OutputPath $(& $quote $ModuleFolder) | Out-Null"
    & $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script))
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
    Invoke-Pack
}

# The .nupkg of the module folder as it is (Sign packs the signed folder this way, without building again).
function Invoke-Pack {
    Write-Step 'Package'
    $packages = Join-Path $OutRoot 'packages'
    New-Item -ItemType Directory -Force -Path $packages | Out-Null
    Get-ChildItem $packages -Filter "$ModuleName.*.nupkg" | Remove-Item -Force
    $pwsh = @(Get-PwshCommand)
    $script = "Compress-PSResource -Path '$(Get-ModuleFolder)' -DestinationPath '$packages'"
    Invoke-Native $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script))
    $nupkg = Get-ChildItem $packages -Filter "$ModuleName.*.nupkg" | Select-Object -First 1
    if (-not $nupkg) { throw "Compress-PSResource wrote no package in $packages." }
    Write-Host "    $($nupkg.FullName)"
    Write-Host "    $(Get-IntuneFolder) (for IntuneWinAppUtil -c <folder> -s Install-IeaModule.ps1)"
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
        $pwsh = @(Get-PwshCommand)
        & $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $pki, '-Path', $pkiFolder)) | Out-Null
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
    $failed = (& $count 'failed') + (& $count 'error')
    # A crashed or aborted test host (a stack overflow...) leaves the tests it never ran out of the counters: the run failed.
    if ($failed -eq 0 -and $report.TestRun.ResultSummary.outcome -notin 'Completed', 'Passed', 'Warning') { $failed = 1 }
    return [pscustomobject]@{ Passed = & $count 'passed'; Failed = $failed; Skipped = (& $count 'total') - (& $count 'executed') }
}

function Invoke-PesterTests {
    Write-Step 'Pester'
    if ($PesterPath -and $PesterPath[0] -eq 'none') { return [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } }
    $paths = @(Join-Path $Root 'tests/Pester')
    # -File passes 'a,b' as one string: split it, so that several files can be named from any shell.
    if ($PesterPath) { $paths = @($PesterPath | ForEach-Object { $_ -split ',' } | Where-Object { $_ } | ForEach-Object { (Resolve-Path $_.Trim()).ProviderPath }) }
    $pathList = ($paths | ForEach-Object { "'" + $_.Replace("'", "''") + "'" }) -join ', '
    $pester = Get-PesterManifest
    $summary = Join-Path $OutRoot 'pester-summary.json'
    if (Test-Path $summary) { Remove-Item $summary }
    $env:IEA_MODULE_MANIFEST = Join-Path (Get-ModuleFolder) "$ModuleName.psd1"
    $env:IEA_REPO_ROOT = $Root
    $script = @"
`$ErrorActionPreference = 'Stop'
# Windows PowerShell 5.1 has no `$IsWindows: the tests' -Skip:(-not `$IsWindows) must still run its Windows tests.
if (`$PSVersionTable.PSEdition -eq 'Desktop') { `$global:IsWindows = `$true; `$global:IsLinux = `$false; `$global:IsMacOS = `$false }
Import-Module '$pester' -Force
`$config = New-PesterConfiguration
`$config.Run.Path = @($pathList)
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
`$config.Output.CIFormat = 'None'
`$result = Invoke-Pester -Configuration `$config
[IO.File]::WriteAllText('$summary', (@{ Passed = `$result.PassedCount; Failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount; Skipped = `$result.SkippedCount } | ConvertTo-Json))
"@
    $pwsh = @(Get-TestPowerShell)
    $policy = @()
    if ([IO.Path]::DirectorySeparatorChar -eq '\') { $policy = @('-ExecutionPolicy', 'Bypass') }
    Invoke-Offline (@($pwsh) + $policy + @('-NoProfile', '-NonInteractive', '-Command', $script)) | Out-Host
    if (-not (Test-Path $summary)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    return Get-Content -Raw $summary | ConvertFrom-Json
}

# The code style of .editorconfig. Offline, after a build (about a minute on 2 cores: loading the solution
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
    $pwsh = @(Get-PwshCommand)
    $env:IEA_MODULE_MANIFEST = Join-Path (Get-ModuleFolder) "$ModuleName.psd1"
    & $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/Demo.ps1')))
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# --- Bench ------------------------------------------------------------------------------------------
# Start-up, memory, probe time and fleet scale against what a user would otherwise run, measured by tools/Bench.ps1
# in fresh PowerShell 7 processes (127.0.0.1 only), and the Core micro-benchmarks of tests/Benchmarks
# (BenchmarkDotNet, built here: it stays out of the solution so Build and Test never restore it). About 10 minutes.
function Invoke-Bench {
    Invoke-Build
    Initialize-TestInfrastructure
    if (-not $BenchSection -or $BenchSection -eq 'Micro') {
        Write-Step 'Build the micro-benchmarks'
        Invoke-Native dotnet @('build', (Join-Path $Root 'tests/Benchmarks/Benchmarks.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    }
    Write-Step 'Bench'
    $pwsh = @(Get-PwshCommand)
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/Bench.ps1'),
        '-ModuleManifest', (Join-Path (Get-ModuleFolder) "$ModuleName.psd1"),
        '-MicroBenchmarkAssembly', (Join-Path $Root 'tests/Benchmarks/bin/Release/net10.0/ImpactEmploi.Benchmarks.dll'))
    $arguments += if ($BenchSection) { @('-Section', $BenchSection) } else { @('-OutputPath', (Join-Path $Root 'docs/benchmarks.md')) }
    & $pwsh[0] (@($pwsh | Select-Object -Skip 1) + $arguments)
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
    'Package' { Invoke-Package | Out-Null }
    'Sign' { Invoke-Sign }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Format' { if (-not (Invoke-FormatCheck)) { exit 1 } }
    'Clean' { Invoke-Clean }
}
