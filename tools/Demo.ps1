<#
.SYNOPSIS
    Walks through the fiche pratique on a demo installation: find it, read its settings, preview and apply
    the fiche's settings, test the real URSSAF servers, and show the file before and after.
    Run by build.ps1 -Task Demo (IEA_MODULE_MANIFEST names the built module). Nothing outside a temporary folder changes.
#>
$ErrorActionPreference = 'Stop'
Import-Module $env:IEA_MODULE_MANIFEST
$inFrench = [Globalization.CultureInfo]::CurrentUICulture.TwoLetterISOLanguageName -eq 'fr'
function Say([string] $English, [string] $French) {
    Write-Host ''
    Write-Host ('== ' + $(if ($inFrench) { $French } else { $English })) -ForegroundColor Cyan
}

$demo = Join-Path ([IO.Path]::GetTempPath()) ('iea-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$installation = Join-Path $demo 'ImpactEmploi'
New-Item -ItemType Directory -Path $installation | Out-Null
$env:IEA_PS_LOG_DIR = Join-Path $demo 'logs'
$legacy = "; Impact emploi association`r`n[Application]`r`nVersion=3.00.72`r`n[Connexion]`r`nType=Direct`r`nProxyAdresse=`r`nProxyPort=0`r`nProxySecurise=0`r`nMode=Normal`r`n" +
    "ServeurAuthentification=http://impact-emploi.urssaf.fr`r`nServeurMiseAJour=http://impact-emploi.urssaf.fr/updates`r`n" +
    "AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/`r`n[Assistance]`r`nActif=0`r`n[Etat]`r`nResultat=EchecConnexion`r`n"
[IO.File]::WriteAllText((Join-Path $installation 'ImpactEmploi.ini'), $legacy, [Text.Encoding]::GetEncoding(1252))
$env:IEA_HOME = $installation
$before = Get-Content (Join-Path $installation 'ImpactEmploi.ini')

Say 'A demo installation with the settings of before March 2019 ($env:IEA_HOME points at it)' 'Une installation de démonstration avec les paramètres d''avant mars 2019 ($env:IEA_HOME la désigne)'
Get-IeaInstallation | Format-Table | Out-Host

Say 'Its connection settings, and where they differ from the fiche' 'Ses paramètres de connexion, et leurs écarts avec la fiche'
Get-IeaServerConfig | Out-Host

Say 'What Set-IeaServerConfig -Recommended would change (-WhatIf writes nothing)' 'Ce que Set-IeaServerConfig -Recommended changerait (-WhatIf n''écrit rien)'
Get-IeaServerConfig | Set-IeaServerConfig -Recommended -WhatIf

Say 'Applying the fiche (backup, atomic write, audit log)' 'Application de la fiche (sauvegarde, écriture atomique, journal d''audit)'
Get-IeaServerConfig | Set-IeaServerConfig -Recommended -Confirm:$false -PassThru | Select-Object ConnectionMode, AuthenticationServer, UpdateServer, IsRecommended | Format-List | Out-Host

Say 'Running it again changes nothing: no write, no backup' 'Relancer ne change rien : ni écriture, ni sauvegarde'
Set-IeaServerConfig -Recommended -Confirm:$false -Verbose 4>&1 | Out-Host

Say 'The file, before and after (only the changed values differ)' 'Le fichier, avant et après (seules les valeurs modifiées diffèrent)'
Compare-Object $before (Get-Content (Join-Path $installation 'ImpactEmploi.ini')) | Format-Table -AutoSize | Out-Host
Get-IeaServerConfigBackup | Format-Table | Out-Host

Say 'Testing access to the real URSSAF servers (5 s per server, no retry)' 'Test de l''accès aux vrais serveurs de l''URSSAF (5 s par serveur, sans nouvel essai)'
Test-IeaServers -TimeoutSec 5 -RetryCount 0 | Format-Table Role, Reachable, Failure, ElapsedMs, Message -Wrap | Out-Host
Write-Host $(if ($inFrench) { "Sans accès à Internet, le test dit honnêtement pourquoi chaque serveur est injoignable." } else { "Without internet access, the test says honestly why each server cannot be reached." })

Say "Audit log: $env:IEA_PS_LOG_DIR" "Journal d'audit : $env:IEA_PS_LOG_DIR"
Get-Content (Get-ChildItem $env:IEA_PS_LOG_DIR -Filter *.log).FullName | ConvertFrom-Json | Where-Object Operation |
    Select-Object Setting, OldValue, NewValue | Format-Table -AutoSize | Out-Host

Remove-Item -Recurse -Force $demo
