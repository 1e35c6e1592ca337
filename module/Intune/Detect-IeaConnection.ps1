# Intune Remediations - detection script for ImpactEmploi.PS.
# Exit 1 when this PC needs the fiche (settings outdated, assistance mode, servers unreachable: case 2,
# authorisation refused or licence not recognised: case 3), 0 otherwise. The last line written is one
# summary for the Intune console (at most 2,048 characters); nothing is written after it.
# Run it in 64-bit PowerShell ("Run script in 64-bit PowerShell": Yes).
# Saved as ASCII (UTF-8 without BOM) so that Windows PowerShell 5.1 reads it correctly.

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$needsRemediation = 'ConfigurationOutdated', 'AssistanceMode', 'Disconnected', 'AuthorizationDenied', 'LicenseNotRecognized'

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
    # Read first; test the servers only where the settings are right (an outdated PC needs remediation anyway).
    $problems = @()
    $statuses = @(Get-IeaConnectionStatus -Offline -ErrorAction SilentlyContinue -ErrorVariable problems -WarningAction SilentlyContinue)
    $statuses = @($statuses | ForEach-Object {
            if ([string] $_.State -eq 'NotTested') { Get-IeaConnectionStatus -Path $_.Path -TimeoutSec 10 -RetryCount 1 -WarningAction SilentlyContinue } else { $_ }
        })
    $notFound = @($problems | Where-Object { $_.FullyQualifiedErrorId -like 'InstallationNotFound,*' })
    $failures = @($problems | Where-Object { $_.FullyQualifiedErrorId -notlike 'InstallationNotFound,*' })
    if ($statuses.Count -eq 0 -and $failures.Count -eq 0 -and $notFound.Count -gt 0) {
        Complete 'OK: no Impact emploi installation on this PC.' 0
    }

    $parts = @($statuses | ForEach-Object { '{0} {1} (case {2})' -f $_.Path, $_.State, $_.Case })
    $parts += @($failures | ForEach-Object { 'ERROR ' + $_.FullyQualifiedErrorId.Split(',')[0] + ': ' + $_.Exception.Message })
    $bad = @($statuses | Where-Object { $needsRemediation -contains [string] $_.State })
    if ($bad.Count -gt 0 -or $failures.Count -gt 0) {
        Complete ('NEEDS REMEDIATION: ' + ($parts -join '; ')) 1
    }
    Complete ('OK: ' + ($parts -join '; ')) 0
}
catch {
    Complete ('ERROR: ' + $_.Exception.Message) 1
}
