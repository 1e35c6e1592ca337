# Shared by the Pester suites: the built module, demo installations, child PowerShell processes.
Set-StrictMode -Version 3.0

$script:Manifest = $env:IEA_MODULE_MANIFEST
$script:ClosedPort = $null
if (-not $script:Manifest) { throw 'IEA_MODULE_MANIFEST is not set: run the tests with build.ps1 -Task Test.' }

function Get-IeaTestManifest { $script:Manifest }

function Get-IeaNuGetCache {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
}

# The settings of an installation that never applied the fiche of March 2019.
function Get-IeaLegacyIni {
    param([string] $NewLine = "`r`n")
    @(
        '; Impact emploi association - paramètres'
        '[Application]'
        'Version=3.00.72'
        '[Connexion]'
        'Type=Direct'
        'ProxyAdresse='
        'ProxyPort=0'
        'ProxySecurise=0'
        'Mode=Normal'
        'ServeurAuthentification=http://impact-emploi.urssaf.fr'
        'ServeurMiseAJour=http://impact-emploi.urssaf.fr/updates'
        'AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/'
        '[Assistance]'
        'Actif=0'
        'MotDePasseDuJour='
        '[Etat]'
        'DerniereAuthentification=2019-03-19T09:30:00'
        'Resultat=OK'
    ) -join $NewLine | ForEach-Object { $_ + $NewLine }
}

function New-IeaTestInstallation {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string] $Content = (Get-IeaLegacyIni),
        [Text.Encoding] $Encoding = [Text.Encoding]::GetEncoding(1252),
        [switch] $Bom
    )
    New-Item -ItemType Directory -Force -Path $Path | Out-Null
    $bytes = [Collections.Generic.List[byte]]::new()
    if ($Bom) { $bytes.AddRange($Encoding.GetPreamble()) }
    $bytes.AddRange($Encoding.GetBytes($Content))
    [IO.File]::WriteAllBytes((Join-Path $Path 'ImpactEmploi.ini'), $bytes.ToArray())
    Get-Item $Path
}

# A layout whose fiche names local test servers, so that a test installation can be "as the fiche says"
# while talking only to 127.0.0.1 (layouts are data: this is what a user with a relay would write too).
function New-IeaTestLayout {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $BaseUrl, [switch] $UnreachableNetEntreprises)
    $default = Get-Content -Raw (Join-Path (Split-Path $script:Manifest) 'Layouts/Default.psd1')
    $layout = $default.Replace("'https://impact-emploi.urssaf.fr/updates'", "'$BaseUrl/missing/updates'").
        Replace("'https://impact-emploi.urssaf.fr'", "'$BaseUrl/'").
        Replace("'https://services.net-entreprises.fr/authentifier/1.0/'", "'$BaseUrl/authentifier/1.0/'").
        Replace("OfficialHosts = 'impact-emploi.urssaf.fr', 'services.net-entreprises.fr'", "OfficialHosts = '127.0.0.1'")
    if ($layout -eq $default) { throw 'The default layout changed: update New-IeaTestLayout.' }
    if ($UnreachableNetEntreprises) {
        $layout = $layout.Replace("'$BaseUrl/authentifier/1.0/'", "'$(Get-IeaClosedAddress)'")
    }
    Set-Content -Path $Path -Value $layout -Encoding utf8
    $Path
}

# An https address on 127.0.0.1 where nothing listens (ConnectionRefused), for case 2: the same port every time
# in a test run, so a layout and a settings file built separately agree.
function Get-IeaClosedAddress {
    if (-not $script:ClosedPort) {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); $script:ClosedPort = $listener.LocalEndpoint.Port; $listener.Stop()
    }
    "https://127.0.0.1:$script:ClosedPort/authentifier/1.0/"
}

# Settings as a PC could hold them, with every value that decides a state.
function Get-IeaTestIni {
    param([string] $Authentication = 'http://impact-emploi.urssaf.fr', [string] $Update = 'http://impact-emploi.urssaf.fr/updates',
        [string] $NetEntreprises = 'https://services.net-entreprises.fr/authentifier/1.0/', [string] $Mode = 'Normal',
        [int] $Assistance = 0, [string] $Result = 'OK', [string] $Version = '3.00.72')
    "; Impact emploi association - paramètres`r`n[Application]`r`nVersion=$Version`r`n[Connexion]`r`nType=Direct`r`nProxyAdresse=`r`nProxyPort=0`r`nProxySecurise=0`r`n" +
    "Mode=$Mode`r`nServeurAuthentification=$Authentication`r`nServeurMiseAJour=$Update`r`nAuthentificationNetEntreprises=$NetEntreprises`r`n" +
    "[Assistance]`r`nActif=$Assistance`r`nMotDePasseDuJour=`r`n[Etat]`r`nDerniereAuthentification=2019-03-19T09:30:00`r`nResultat=$Result`r`n"
}

# ProcessStartInfo.ArgumentList does not exist on .NET Framework (Windows PowerShell 5.1): there the arguments are
# quoted into one command line as the C runtime splits it.
function Set-IeaProcessArgument([Diagnostics.ProcessStartInfo] $Info, [string[]] $Arguments) {
    if ($Info.PSObject.Properties['ArgumentList']) {
        foreach ($argument in $Arguments) { $Info.ArgumentList.Add($argument) }
        return
    }
    $Info.Arguments = ConvertTo-IeaCommandLine $Arguments
}

function ConvertTo-IeaCommandLine([string[]] $Arguments) {
    $quoted = foreach ($argument in $Arguments) {
        if ($argument -and $argument -notmatch '[\s"]') { $argument; continue }
        '"' + ([regex]::Replace($argument, '(\\*)"', '$1$1\"') -replace '(\\+)$', '$1$1') + '"'
    }
    $quoted -join ' '
}

# A fresh PowerShell 7 (or 5.1 under Windows PowerShell), as Intune or a scheduled task would start it: no profile, no input.
function Invoke-IeaChildPwsh {
    param(
        [Parameter(Mandatory, ParameterSetName = 'Command')] [string] $Command,
        [Parameter(Mandatory, ParameterSetName = 'File')] [string] $File,
        [Parameter(ParameterSetName = 'File')] [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location).Path
    )
    $exe = (Get-Process -Id $PID).Path
    $info = New-Object Diagnostics.ProcessStartInfo $exe
    $arguments = if ($File) { @('-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList } else { @('-NoProfile', '-NonInteractive', '-Command', $Command) }
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
    Set-IeaProcessArgument $info $arguments
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $info.WorkingDirectory = $WorkingDirectory
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string] $Environment[$name] }
    $process = [Diagnostics.Process]::Start($info)
    $process.StandardInput.Close()
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $process.WaitForExit()
    [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result }
}

Export-ModuleMember -Function *
