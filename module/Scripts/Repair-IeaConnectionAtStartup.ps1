<#
.SYNOPSIS
    Repairs IEA's connection at start-up (GPO startup script or scheduled task as SYSTEM), never for long.
.DESCRIPTION
    Runs Repair-IeaConnection on every installation with short server timeouts, inside a hard time budget:
    when URSSAF's servers are slow the repair is stopped after -MaxSeconds, so a PC's start-up is never held
    up. The settings are written before the servers are tested, so they are fixed even when the budget runs
    out. Every repair writes its outcome to the module's JSON log (%ProgramData%\ImpactEmploi.PS\Logs),
    where an admin can collect it. Exit code: 0 when every installation ends connected, 1 otherwise,
    2 when the budget ran out. The budget is hard: when the repair cannot be stopped within 2 s more (a file
    operation blocked in the system), the summary is written and the PowerShell process ends with exit code 2.
    Saved as ASCII (UTF-8 without BOM) so that Windows PowerShell 5.1 reads it correctly.
.EXAMPLE
    powershell.exe -NoProfile -ExecutionPolicy Bypass -File Repair-IeaConnectionAtStartup.ps1 -MaxSeconds 60
#>
param(
    [ValidateRange(1, 3600)] [int] $MaxSeconds = 60,
    [ValidateRange(1, 60)] [int] $TimeoutSec = 5
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$shell = [powershell]::Create()
$null = $shell.AddScript({
        param($TimeoutSec)
        Import-Module ImpactEmploi.PS -ErrorAction Stop
        Repair-IeaConnection -Confirm:$false -TimeoutSec $TimeoutSec -RetryCount 1 -ErrorAction Continue -WarningAction SilentlyContinue
    }).AddArgument($TimeoutSec)
$running = $shell.BeginInvoke()
if (-not $running.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($MaxSeconds))) {
    # Stop() ends the lock waits and probes at once (the module cancels them). A file operation blocked in
    # the system (a hung network share) cannot be interrupted in-process: after a short grace the summary is
    # written and the process ends, so a PC's start-up is never held up.
    $summary = 'ImpactEmploi.PS: start-up repair stopped after {0} s; the settings written so far stay.' -f $MaxSeconds
    $stopping = $shell.BeginStop($null, $null)
    if (-not $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(2))) {
        [Console]::Out.WriteLine($summary)
        [Console]::Out.Flush()
        [Environment]::Exit(2)
    }
    $shell.Dispose()
    Write-Output $summary
    exit 2
}

$reports = @($shell.EndInvoke($running))
$errors = @($shell.Streams.Error | Where-Object { $_.FullyQualifiedErrorId -notlike 'InstallationNotFound,*' })
$shell.Dispose()
$parts = @($reports | ForEach-Object { '{0} case {1}' -f $_.Path, $_.Case })
$parts += @($errors | ForEach-Object { 'ERROR ' + $_.FullyQualifiedErrorId.Split(',')[0] })
Write-Output ('ImpactEmploi.PS: ' + ($parts -join '; '))
if ($errors.Count -gt 0 -or @($reports | Where-Object { $_.Case -ne 1 }).Count -gt 0) { exit 1 }
exit 0
