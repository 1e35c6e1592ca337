<#
.SYNOPSIS
    Removes ImpactEmploi.PS: the uninstall command of the Intune Win32 app.
.DESCRIPTION
    Removes the version of this package from the 64-bit %ProgramFiles%\WindowsPowerShell\Modules\ImpactEmploi.PS
    (-AllVersions: every version), then the ImpactEmploi.PS folder when nothing is left in it. Started 32-bit, it
    relaunches itself in the 64-bit Windows PowerShell first. The module's logs, backups of IEA's settings and the
    support-request journal (%ProgramData%\ImpactEmploi.PS, next to each settings file) are kept.
    Exit code: 0 removed or not there, 1 failed (for example, in use by a running PowerShell).
    Saved as ASCII (UTF-8 without BOM) so that Windows PowerShell 5.1 reads it correctly.
.EXAMPLE
    powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\Uninstall-IeaModule.ps1
#>
param(
    [switch] $AllVersions,
    # Tests only: another Modules folder than the 64-bit Program Files one.
    [string] $Destination
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$Version = '{{ModuleVersion}}'

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
    if (-not (Test-Path -LiteralPath $moduleFolder)) { Write-Output 'ImpactEmploi.PS is not installed.'; exit 0 }
    $versions = if ($AllVersions) { @(Get-ChildItem -LiteralPath $moduleFolder -Directory) } else { @(Get-Item -LiteralPath (Join-Path $moduleFolder $Version) -ErrorAction SilentlyContinue) }
    foreach ($folder in $versions) {
        Remove-Item -LiteralPath $folder.FullName -Recurse -Force
        Write-Output "Removed ImpactEmploi.PS $($folder.Name)."
    }
    if (@(Get-ChildItem -LiteralPath $moduleFolder -Force).Count -eq 0) { Remove-Item -LiteralPath $moduleFolder -Force }
    exit 0
}
catch {
    Write-Output ('ImpactEmploi.PS was not removed: ' + $_.Exception.Message)
    exit 1
}
