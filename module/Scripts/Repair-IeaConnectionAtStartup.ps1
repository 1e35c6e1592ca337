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

# --- IEA summary (the same in every script of the module; a test checks that the copies match) ---------------
# One line for the Intune console or a start-up log: ASCII whatever the culture (the console shows the OEM code
# page), errors first, one short token per installation, at most 2,048 characters, and every error id kept.
function ConvertTo-IeaAscii([string] $Text) {
    if (-not $Text) { return '' }
    $spelled = @{ [char] 0x0152 = 'OE'; [char] 0x0153 = 'oe'; [char] 0x00C6 = 'AE'; [char] 0x00E6 = 'ae'; [char] 0x00DF = 'ss'
        [char] 0x2018 = "'"; [char] 0x2019 = "'"; [char] 0x201C = '"'; [char] 0x201D = '"'; [char] 0x00AB = '"'; [char] 0x00BB = '"'
        [char] 0x2013 = '-'; [char] 0x2014 = '-'; [char] 0x2026 = '...'; [char] 0x00A0 = ' '; [char] 0x202F = ' '
    }
    $builder = New-Object System.Text.StringBuilder
    foreach ($character in $Text.Normalize([Text.NormalizationForm]::FormD).ToCharArray()) {
        if ($spelled.ContainsKey($character)) { [void] $builder.Append($spelled[$character]) }
        elseif ([Globalization.CharUnicodeInfo]::GetUnicodeCategory($character) -eq 'NonSpacingMark') { }
        elseif ([int] $character -lt 32) { [void] $builder.Append(' ') }
        elseif ([int] $character -gt 126) { [void] $builder.Append('?') }
        else { [void] $builder.Append($character) }
    }
    $builder.ToString()
}

# $Errors: objects with Id and Target; $Installations: objects with Path, State, Case and Bad (needs action).
function Format-IeaSummary([string] $Verdict, [object[]] $Errors = @(), [object[]] $Installations = @(), [int] $MaxLength = 2048) {
    $Errors = @($Errors | Where-Object { $_ })
    $Installations = @(@($Installations | Where-Object { $_ -and $_.Bad }) + @($Installations | Where-Object { $_ -and -not $_.Bad }))
    if ($Errors.Count -eq 0 -and $Installations.Count -eq 0) { return ConvertTo-IeaAscii $Verdict }
    $head = (ConvertTo-IeaAscii $Verdict) + ':'
    $shortPath = {
        param([string] $Path)
        $leaf = Split-Path -Leaf $Path.TrimEnd('\', '/')
        if ($leaf -and $leaf -ne $Path) { '..' + [IO.Path]::DirectorySeparatorChar + $leaf } else { $Path }
    }
    $groups = @($Errors | Group-Object { [string] $_.Id })
    $idTokens = @($groups | ForEach-Object { if ($_.Count -gt 1) { 'ERROR {0} x{1}' -f $_.Name, $_.Count } else { 'ERROR ' + $_.Name } })
    foreach ($pathForm in 'full', 'short', 'ids') {
        if ($pathForm -eq 'ids') { $errorTokens = $idTokens }
        else {
            $errorTokens = @($Errors | ForEach-Object {
                    $target = [string] $_.Target
                    if ($target -and $pathForm -eq 'short') { $target = & $shortPath $target }
                    ('ERROR {0} {1}' -f $_.Id, $target).TrimEnd()
                })
        }
        $installationTokens = @($Installations | ForEach-Object {
                $path = [string] $_.Path
                if ($pathForm -ne 'full') { $path = & $shortPath $path }
                '{0} {1} c{2}' -f $path, $_.State, $_.Case
            })
        $tokens = @($errorTokens + $installationTokens | ForEach-Object { ConvertTo-IeaAscii $_ })
        $line = (@($head) + @($tokens -join '; ') | Where-Object { $_ }) -join ' '
        if ($line.Length -le $MaxLength) { return $line }
    }
    # Still too long with short tokens: every error id stays, installations are cut with a count of those left out.
    $line = $head + ' ' + (@($idTokens | ForEach-Object { ConvertTo-IeaAscii $_ }) -join '; ')
    for ($index = 0; $index -lt $installationTokens.Count; $index++) {
        $rest = $installationTokens.Count - $index - 1
        $next = $line + '; ' + (ConvertTo-IeaAscii $installationTokens[$index])
        $reserve = if ($rest -gt 0) { ('; +{0} more' -f $rest).Length } else { 0 }
        if ($next.Length + $reserve -gt $MaxLength) {
            $line += '; +{0} more' -f ($installationTokens.Count - $index)
            break
        }
        $line = $next
    }
    if ($line.Length -gt $MaxLength) { $line = $line.Substring(0, $MaxLength - 3) + '...' }
    $line.TrimEnd(';', ' ')
}
function Get-IeaMissingHome {
    # $env:IEA_HOME names folders on purpose: one that does not exist is a mistake to report, not "no installation".
    if (-not $env:IEA_HOME) { return }
    foreach ($folder in $env:IEA_HOME.Split([IO.Path]::PathSeparator)) {
        if ($folder.Trim() -and -not (Test-Path -LiteralPath $folder.Trim() -PathType Container)) {
            [pscustomobject]@{ Id = 'IeaHomeNotFound'; Target = $folder.Trim() }
        }
    }
}

function ConvertTo-IeaSummaryError($ErrorRecord) {
    $target = $ErrorRecord.TargetObject
    if ($target -isnot [string]) { $target = '' }
    [pscustomobject]@{ Id = $ErrorRecord.FullyQualifiedErrorId.Split(',')[0]; Target = $target }
}
# --- end of IEA summary ---------------------------------------------------------------------------------------

$reports = @($shell.EndInvoke($running))
$errors = @(Get-IeaMissingHome) + @($shell.Streams.Error | Where-Object { $_.FullyQualifiedErrorId -notlike 'InstallationNotFound,*' } | ForEach-Object { ConvertTo-IeaSummaryError $_ })
$shell.Dispose()
$installations = @($reports | ForEach-Object {
        $state = if ($_.After) { $_.After.State } elseif ($_.Case -eq 1) { 'Connected' } else { 'NotConnected' }
        # Fixed, but the connection program still runs with its old settings (no desktop here: never started as SYSTEM).
        if ($_.RestartNeeded) { $state = "$state+RestartNeeded" }
        [pscustomobject]@{ Path = $_.Path; State = $state; Case = $_.Case; Bad = ($_.Case -ne 1) }
    })
Write-Output (Format-IeaSummary 'ImpactEmploi.PS' $errors $installations)
if ($errors.Count -gt 0 -or @($installations | Where-Object { $_.Bad }).Count -gt 0) { exit 1 }
exit 0
