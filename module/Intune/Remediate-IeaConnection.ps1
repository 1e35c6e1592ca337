# Intune Remediations - remediation script for ImpactEmploi.PS.
# Runs the fiche pratique unattended on every IEA installation (Repair-IeaConnection -Confirm:$false) and
# exits 0 only when every installation ends connected (case 1). The last line written is one summary for
# the Intune console (at most 2,048 characters); nothing is written after it.
# Run it in 64-bit PowerShell ("Run script in 64-bit PowerShell": Yes).
# Saved as ASCII (UTF-8 without BOM) so that Windows PowerShell 5.1 reads it correctly.

# The fiche advises assistance mode while support works on case 2 or 3, so that the association can keep
# using IEA. Leaving it off keeps such PCs visible in the Intune report; set it to $true to switch it on.
$EnableAssistanceModeOnFailure = $false

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$ConfirmPreference = 'None'

function Complete([string] $Summary, [int] $Code) {
    if ($Summary.Length -gt 2048) { $Summary = $Summary.Substring(0, 2045) + '...' }
    Write-Output $Summary
    exit $Code
}

try {
    Import-Module ImpactEmploi.PS -ErrorAction Stop
}
catch {
    Complete ('ImpactEmploi.PS cannot be imported: ' + $_.Exception.Message) 1
}

try {
    $problems = @()
    $reports = @(Repair-IeaConnection -Confirm:$false -TimeoutSec 10 -RetryCount 1 -EnableAssistanceModeOnFailure:$EnableAssistanceModeOnFailure `
            -ErrorAction SilentlyContinue -ErrorVariable problems -WarningAction SilentlyContinue)
    $notFound = @($problems | Where-Object { $_.FullyQualifiedErrorId -like 'InstallationNotFound,*' })
    $failures = @($problems | Where-Object { $_.FullyQualifiedErrorId -notlike 'InstallationNotFound,*' })
    if ($reports.Count -eq 0 -and $failures.Count -eq 0 -and $notFound.Count -gt 0) {
        Complete 'OK: no Impact emploi installation on this PC.' 0
    }

    $parts = @($reports | ForEach-Object {
            if ($_.Case -eq 1) { '{0} connected' -f $_.Path } else { '{0} case {1}: {2}' -f $_.Path, $_.Case, $_.NextStep }
        })
    $parts += @($failures | ForEach-Object { 'ERROR ' + $_.FullyQualifiedErrorId.Split(',')[0] + ': ' + $_.Exception.Message })
    $unfixed = @($reports | Where-Object { $_.Case -ne 1 })
    if ($unfixed.Count -gt 0 -or $failures.Count -gt 0) {
        Complete ('NOT FIXED: ' + ($parts -join '; ')) 1
    }
    Complete ('FIXED: ' + ($parts -join '; ')) 0
}
catch {
    Complete ('ERROR: ' + $_.Exception.Message) 1
}
