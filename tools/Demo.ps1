<#
.SYNOPSIS
    Walks through the fiche pratique on a demo installation: its state in the fiche's terms, what a repair
    would do, the repair itself (with real probes of URSSAF's servers), the file before and after, the backup,
    and the mail to support when the servers cannot be reached. Nothing outside a temporary folder changes.
    Run by build.ps1 -Task Demo (IEA_MODULE_MANIFEST names the built module).
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
$env:IEA_PS_STATE_DIR = Join-Path $demo 'state'
$env:IEA_HOME = $installation
$legacy = "; Impact emploi association`r`n[Application]`r`nVersion=3.00.72`r`n[Connexion]`r`nType=Direct`r`nProxyAdresse=`r`nProxyPort=0`r`nProxySecurise=0`r`nMode=Normal`r`n" +
    "ServeurAuthentification=http://impact-emploi.urssaf.fr`r`nServeurMiseAJour=http://impact-emploi.urssaf.fr/updates`r`n" +
    "AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/`r`n[Assistance]`r`nActif=0`r`nMotDePasseDuJour=`r`n[Etat]`r`nResultat=EchecConnexion`r`n"
$ini = Join-Path $installation 'ImpactEmploi.ini'
[IO.File]::WriteAllText($ini, $legacy, [Text.Encoding]::GetEncoding(1252))
$before = Get-Content $ini

try {
    Say 'A demo installation with the settings of before March 2019 ($env:IEA_HOME points at it)' 'Une installation de démonstration avec les paramètres d''avant mars 2019 ($env:IEA_HOME la désigne)'
    Get-IeaInstallation | Format-Table | Out-Host

    Say 'Its state in the fiche''s terms (tray icon, case, next step), without contacting any server' 'Son état dans les termes de la fiche (icône, cas, prochaine étape), sans contacter de serveur'
    Get-IeaConnectionStatus -Offline | Format-List State, Icon, Case, Compliant, Deviations, NextStep | Out-Host

    Say 'What Repair-IeaConnection would do (-WhatIf writes nothing)' 'Ce que ferait Repair-IeaConnection (-WhatIf n''écrit rien)'
    (Repair-IeaConnection -WhatIf 6>$null).Actions | Out-Host

    Say 'The repair: the fiche''s settings, then a real test of URSSAF''s servers (5 s each, no retry)' 'La réparation : les paramètres de la fiche, puis un vrai test des serveurs de l''URSSAF (5 s chacun, sans nouvel essai)'
    $report = Repair-IeaConnection -Confirm:$false -TimeoutSec 5 -RetryCount 0 -Organisation 'Association de démonstration'
    $report.Actions | Out-Host
    $report.After.ServerTests | Format-Table Role, Reachable, Failure, ElapsedMs -AutoSize | Out-Host
    Write-Host ('Case / Cas {0}: {1}' -f $report.Case, $report.NextStep)

    if ($report.SupportRequest) {
        Say 'The mail to support, ready (New-IeaSupportRequest -OutFile writes it as a draft)' 'Le courriel au support, prêt (New-IeaSupportRequest -OutFile l''écrit en brouillon)'
        Write-Host ("To: {0}`nSubject: {1}" -f $report.SupportRequest.To, $report.SupportRequest.Subject)
    }

    Say 'The settings file, before and after: only the changed values differ' 'Le fichier de paramètres, avant et après : seules les valeurs modifiées diffèrent'
    Compare-Object $before (Get-Content $ini) | Format-Table -AutoSize | Out-Host
    Get-IeaServerConfigBackup | Format-Table | Out-Host

    Say 'Running the repair again writes nothing' 'Relancer la réparation n''écrit rien'
    (Repair-IeaConnection -Confirm:$false -TimeoutSec 5 -RetryCount 0).Actions | Select-Object -First 1 | Out-Host
    Write-Host ('Backups / Sauvegardes: {0}' -f @(Get-IeaServerConfigBackup).Count)
}
finally {
    Remove-Item -Recurse -Force $demo
}
