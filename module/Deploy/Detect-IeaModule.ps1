# Intune Win32 app - custom detection script for ImpactEmploi.PS.
# Writes one line and exits 0 when this package's version is installed, whole, in the 64-bit
# %ProgramFiles%\WindowsPowerShell\Modules; writes nothing otherwise (Intune: not detected).
# The version is written in by build.ps1 -Task Package. "Run script as 32-bit process on 64-bit clients": No.
# Saved as ASCII (UTF-8 without BOM) so that Windows PowerShell 5.1 reads it correctly.
param(
    # Tests only: another Modules folder than the 64-bit Program Files one.
    [string] $Destination
)

$ErrorActionPreference = 'SilentlyContinue'
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

if (-not $Destination) {
    $Destination = (Get-IeaDeployPath ([Environment]::Is64BitOperatingSystem) ([Environment]::Is64BitOperatingSystem) (Get-IeaProcessEnvironment)).ModulesRoot
}
$folder = Join-Path (Join-Path $Destination 'ImpactEmploi.PS') $Version
$manifest = Join-Path $folder 'ImpactEmploi.PS.psd1'
if ((Test-Path -LiteralPath $manifest) -and (Test-Path -LiteralPath (Join-Path $folder 'ImpactEmploi.PS.dll'))) {
    $data = Import-PowerShellDataFile -LiteralPath $manifest
    if ([string] $data.ModuleVersion -eq $Version) {
        Write-Output "ImpactEmploi.PS $Version is installed in $folder."
    }
}
exit 0
