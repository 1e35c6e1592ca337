<#
.SYNOPSIS
    Installs ImpactEmploi.PS for every account and both PowerShells: the install command of the Intune Win32 app.
.DESCRIPTION
    Copies the module shipped next to this script (ImpactEmploi.PS\<version>) to the 64-bit
    %ProgramFiles%\WindowsPowerShell\Modules\ImpactEmploi.PS\<version>, where Windows PowerShell 5.1 and
    PowerShell 7 (as SYSTEM too) find it by name. Started 32-bit, as Intune starts Win32 app commands, it relaunches
    itself in the 64-bit Windows PowerShell first. The copy is made in a staging folder, unblocked (Unblock-File:
    no mark of the web), then renamed into place, so a half-copied module is never found.
    Older versions are removed by default (Import-Module would load the newest anyway; the remediation scripts and
    technicians then see one version only); -KeepOlderVersions keeps them for a quick way back. A version in use by a
    running PowerShell cannot be removed: it is kept, said in the output, and removed by the next install.
    Exit code: 0 installed, 1 failed (the output says why).
    Saved as ASCII (UTF-8 without BOM) so that Windows PowerShell 5.1 reads it correctly.
.EXAMPLE
    powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\Install-IeaModule.ps1
#>
param(
    [switch] $KeepOlderVersions,
    # Tests only: another Modules folder than the 64-bit Program Files one.
    [string] $Destination
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

# --- IEA deploy paths (the same in the three deploy scripts; a test checks that the copies match) -------------
# Intune runs a Win32 app's commands in a 32-bit process. There %ProgramFiles% is "Program Files (x86)", whose
# WindowsPowerShell\Modules the 64-bit PowerShell of the remediation scripts never searches, and System32 is
# SysWOW64. So the 64-bit Program Files comes from %ProgramW6432%, and a 32-bit start relaunches the script in the
# 64-bit Windows PowerShell through the Sysnative alias. A function of its inputs, so that tests can call it anywhere.
function Get-IeaDeployPath([bool] $Is64BitOS, [bool] $Is64BitProcess, [hashtable] $Environment) {
    $windows = [string] $Environment['windir']
    if (-not $windows) { $windows = [string] $Environment['SystemRoot'] }
    if (-not $windows) { $windows = 'C:\Windows' }
    $programFiles = [string] $Environment['ProgramFiles']
    if ($Is64BitOS -and $Environment['ProgramW6432']) { $programFiles = [string] $Environment['ProgramW6432'] }
    if (-not $programFiles) { $programFiles = 'C:\Program Files' }
    $relaunch = $null
    if ($Is64BitOS -and -not $Is64BitProcess) { $relaunch = $windows.TrimEnd('\') + '\Sysnative\WindowsPowerShell\v1.0\powershell.exe' }
    $modules = $programFiles.TrimEnd('\') + '\WindowsPowerShell\Modules'
    [pscustomobject]@{ Relaunch = $relaunch; ModulesRoot = $modules; ModuleFolder = $modules + '\ImpactEmploi.PS' }
}

function Get-IeaProcessEnvironment {
    $environment = @{}
    foreach ($name in 'windir', 'SystemRoot', 'ProgramFiles', 'ProgramW6432') { $environment[$name] = [Environment]::GetEnvironmentVariable($name) }
    $environment
}
# --- end of IEA deploy paths ------------------------------------------------------------------------------------

$paths = Get-IeaDeployPath ([Environment]::Is64BitOperatingSystem) ([Environment]::Is64BitProcess) (Get-IeaProcessEnvironment)
if ($paths.Relaunch -and -not $Destination) {
    $arguments = @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', $PSCommandPath)
    foreach ($parameter in $PSBoundParameters.GetEnumerator()) {
        if ($parameter.Value -is [switch]) { if ($parameter.Value) { $arguments += '-' + $parameter.Key } }
        else { $arguments += @('-' + $parameter.Key, [string] $parameter.Value) }
    }
    & $paths.Relaunch @arguments
    exit $LASTEXITCODE
}
if (-not $Destination) { $Destination = $paths.ModulesRoot }
$moduleFolder = Join-Path $Destination 'ImpactEmploi.PS'

try {
    $source = @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'ImpactEmploi.PS') -Directory |
            Where-Object { Test-Path -LiteralPath (Join-Path $_.FullName 'ImpactEmploi.PS.psd1') })
    if ($source.Count -ne 1) { throw "Expected one ImpactEmploi.PS\<version> folder next to this script, found $($source.Count)." }
    $version = [version] $source[0].Name
    $target = Join-Path $moduleFolder $version.ToString()
    $staging = Join-Path $moduleFolder ('.' + $version.ToString() + '.' + [guid]::NewGuid().ToString('N') + '.partial')
    New-Item -ItemType Directory -Force -Path $staging | Out-Null
    Copy-Item -Path (Join-Path $source[0].FullName '*') -Destination $staging -Recurse -Force
    # The mark of the web (a Zone.Identifier stream) exists on Windows only.
    if ([IO.Path]::DirectorySeparatorChar -eq '\') { Get-ChildItem -LiteralPath $staging -Recurse -File | Unblock-File }
    if (Test-Path -LiteralPath $target) { Remove-Item -LiteralPath $target -Recurse -Force }
    Rename-Item -LiteralPath $staging -NewName $version.ToString()

    foreach ($older in @(Get-ChildItem -LiteralPath $moduleFolder -Directory)) {
        $parsed = $null
        if ($older.Name -like '.*.partial' -and $older.FullName -ne $staging) { Remove-Item -LiteralPath $older.FullName -Recurse -Force -ErrorAction SilentlyContinue; continue }
        if (-not [version]::TryParse($older.Name, [ref] $parsed) -or $parsed -eq $version -or $KeepOlderVersions) { continue }
        try { Remove-Item -LiteralPath $older.FullName -Recurse -Force; Write-Output "Removed ImpactEmploi.PS $parsed." }
        catch { Write-Output "Kept ImpactEmploi.PS $parsed (in use: $($_.Exception.Message)); the next install removes it." }
    }
    Write-Output "Installed ImpactEmploi.PS $version in $target."
    exit 0
}
catch {
    if ($staging -and (Test-Path -LiteralPath $staging)) { Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction SilentlyContinue }
    Write-Output ('ImpactEmploi.PS was not installed: ' + $_.Exception.Message)
    exit 1
}
