<#
.SYNOPSIS
    Checks, before ImpactEmploi.PS's assemblies load, what would otherwise fail with a cryptic error.
.DESCRIPTION
    Run by the manifest's first nested module (ImpactEmploi.PS.Prerequisites.psm1) on every import into Windows
    PowerShell, before the root module's assemblies load. Stops the import with a clear message when Windows
    PowerShell runs on .NET Framework older than 4.7.2 (the manifest's DotNetFrameworkVersion is not enforced
    by PowerShell, and netstandard2.0 assemblies then fail with "Could not load file or assembly netstandard"),
    when the module's files still carry the mark of the web (Zone.Identifier, "blocked"), or when it loads them from
    a network share (both fail with 0x80131515). The parameters exist for the tests.
#>
# The messages are built only when an import must stop: the usual import runs as little script as possible.
function Stop-IeaImport([string] $ErrorId, [string] $Key, [object[]] $Values, [string] $Category, $Target) {
    $messages = @{
        en = @{
            FrameworkTooOld = 'ImpactEmploi.PS needs .NET Framework 4.7.2 or later in Windows PowerShell 5.1; this PC has release {0} (4.7.2 is release 461808). Install .NET Framework 4.8 (or run the module in PowerShell 7), then import it again.'
            FrameworkUnknown = 'ImpactEmploi.PS needs .NET Framework 4.7.2 or later in Windows PowerShell 5.1, and no .NET Framework 4.5 or later is registered on this PC. Install .NET Framework 4.8 (or run the module in PowerShell 7), then import it again.'
            FilesBlocked = 'Windows blocks {0} file(s) of ImpactEmploi.PS because they came from the Internet (for example {1}). Run: Get-ChildItem -LiteralPath ''{2}'' -Recurse | Unblock-File, then import the module again.'
            NetworkPath = 'ImpactEmploi.PS cannot be loaded by Windows PowerShell from a network share ({0}): .NET Framework refuses assemblies from the network (0x80131515). Copy the module to a local folder, for example C:\Program Files\WindowsPowerShell\Modules\ImpactEmploi.PS\<version>, and import it from there.'
        }
        fr = @{
            FrameworkTooOld = "ImpactEmploi.PS n$([char]0x2019)a besoin de .NET Framework 4.7.2 ou ult$([char]0xE9)rieur dans Windows PowerShell 5.1 ; ce poste a la version {0} (4.7.2 est la version 461808). Installez .NET Framework 4.8 (ou utilisez le module dans PowerShell 7), puis importez-le de nouveau."
            FrameworkUnknown = "ImpactEmploi.PS a besoin de .NET Framework 4.7.2 ou ult$([char]0xE9)rieur dans Windows PowerShell 5.1, et aucun .NET Framework 4.5 ou ult$([char]0xE9)rieur n$([char]0x2019)est enregistr$([char]0xE9) sur ce poste. Installez .NET Framework 4.8 (ou utilisez le module dans PowerShell 7), puis importez-le de nouveau."
            FilesBlocked = "Windows bloque {0} fichier(s) d$([char]0x2019)ImpactEmploi.PS car ils viennent d$([char]0x2019)Internet (par exemple {1}). Lancez : Get-ChildItem -LiteralPath '{2}' -Recurse | Unblock-File, puis importez de nouveau le module."
            NetworkPath = "Windows PowerShell ne peut pas charger ImpactEmploi.PS depuis un partage r$([char]0xE9)seau ({0}) : .NET Framework refuse les assemblys venant du r$([char]0xE9)seau (0x80131515). Copiez le module dans un dossier local, par exemple C:\Program Files\WindowsPowerShell\Modules\ImpactEmploi.PS\<version>, et importez-le depuis ce dossier."
        }
    }
    $text = if ([Globalization.CultureInfo]::CurrentUICulture.TwoLetterISOLanguageName -eq 'fr') { $messages.fr } else { $messages.en }
    $exception = New-Object System.InvalidOperationException ($text[$Key] -f $Values)
    throw (New-Object Management.Automation.ErrorRecord $exception, $ErrorId, ([Management.Automation.ErrorCategory] $Category), $Target)
}

# A plain function, not an advanced one: binding an advanced function costs a fresh PowerShell a noticeable part of
# its import time, for every import.
function Assert-IeaImportPrerequisite {
    param(
        [string] $Edition = $PSVersionTable.PSEdition,
        # The Release value of HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full; -1 to read it.
        [int] $FrameworkRelease = -1,
        [string] $ModuleRoot = $PSScriptRoot,
        # The module's files that carry a Zone.Identifier stream; $null to look for them.
        [string[]] $BlockedFiles = $null
    )

    $onWindows = [IO.Path]::DirectorySeparatorChar -eq '\'
    if ($Edition -eq 'Desktop') {
        if ($FrameworkRelease -eq -1) {
            $FrameworkRelease = 0
            $key = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -Name Release -ErrorAction SilentlyContinue
            if ($key) { $FrameworkRelease = [int] $key.Release }
        }
        if ($FrameworkRelease -eq 0) { Stop-IeaImport 'DotNetFrameworkTooOld' 'FrameworkUnknown' @() 'NotInstalled' $FrameworkRelease }
        if ($FrameworkRelease -lt 461808) { Stop-IeaImport 'DotNetFrameworkTooOld' 'FrameworkTooOld' @($FrameworkRelease) 'NotInstalled' $FrameworkRelease }

        $root = [string] $ModuleRoot
        $isNetwork = $root.StartsWith('\\') -and -not $root.StartsWith('\\?\') -and -not $root.StartsWith('\\.\')
        if (-not $isNetwork -and $onWindows -and $root -match '^[A-Za-z]:') {
            $drive = New-Object System.IO.DriveInfo ($root.Substring(0, 1))
            $isNetwork = $drive.DriveType -eq [IO.DriveType]::Network
        }
        if ($isNetwork) { Stop-IeaImport 'ModuleOnNetworkPath' 'NetworkPath' @($root) 'SecurityError' $root }
    }

    if ($null -eq $BlockedFiles) {
        $BlockedFiles = @()
        if ($onWindows) {
            $BlockedFiles = @(Get-ChildItem -LiteralPath $ModuleRoot -Recurse -File -Include *.dll, *.ps1, *.psm1, *.ps1xml, *.psd1 -ErrorAction SilentlyContinue |
                    Where-Object { Get-Item -LiteralPath $_.FullName -Stream Zone.Identifier -ErrorAction SilentlyContinue } | ForEach-Object { $_.FullName })
        }
    }
    if (@($BlockedFiles).Count -gt 0) {
        Stop-IeaImport 'ModuleFilesBlocked' 'FilesBlocked' @(@($BlockedFiles).Count, @($BlockedFiles)[0], $ModuleRoot) 'SecurityError' @($BlockedFiles)[0]
    }
}

