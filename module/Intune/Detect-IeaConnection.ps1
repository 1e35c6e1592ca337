# Intune Remediations - detection script for ImpactEmploi.PS.
# Exit 1 when this PC needs the fiche (settings outdated, assistance mode, servers unreachable: case 2,
# authorisation refused or licence not recognised: case 3) or when something cannot be checked (an error, a folder
# of $env:IEA_HOME that does not exist), 0 otherwise. Servers left NotTested because the user's proxy cannot be
# known from SYSTEM do not flag the PC. The last line written is one ASCII summary for the Intune console
# (at most 2,048 characters, errors first, then "<path> <State> c<case>" per installation); nothing follows it.
# Run it in 64-bit PowerShell ("Run script in 64-bit PowerShell": Yes).
# Saved as ASCII (UTF-8 without BOM) so that Windows PowerShell 5.1 reads it correctly.

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$needsRemediation = 'ConfigurationOutdated', 'AssistanceMode', 'Disconnected', 'AuthorizationDenied', 'LicenseNotRecognized'

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

function Complete([string] $Verdict, [object[]] $Errors, [object[]] $Installations, [int] $Code) {
    Write-Output (Format-IeaSummary $Verdict $Errors $Installations)
    exit $Code
}

$missingHome = @(Get-IeaMissingHome)
try {
    Import-Module ImpactEmploi.PS -ErrorAction Stop
}
catch {
    Complete 'ImpactEmploi.PS cannot be imported' (@([pscustomobject]@{ Id = 'ModuleNotImported'; Target = $_.Exception.Message }) + $missingHome) @() 1
}

try {
    # Read first; test the servers only where the settings are right (an outdated PC needs remediation anyway).
    $problems = @()
    $statuses = @(Get-IeaConnectionStatus -Offline -ErrorAction SilentlyContinue -ErrorVariable problems -WarningAction SilentlyContinue)
    # One call for all of them (tested together, within one budget); -LiteralPath: a folder named 'Asso [Paie]' is no pattern.
    $untested = @($statuses | Where-Object { [string] $_.State -eq 'NotTested' } | ForEach-Object { $_.Path })
    if ($untested.Count -gt 0) {
        $tested = @{}
        $testProblems = @()
        Get-IeaConnectionStatus -LiteralPath $untested -TimeoutSec 10 -RetryCount 1 -ErrorAction SilentlyContinue -ErrorVariable testProblems -WarningAction SilentlyContinue |
            ForEach-Object { $tested[$_.Path] = $_ }
        $problems = @($problems) + @($testProblems)
        $statuses = @($statuses | ForEach-Object { if ($tested.ContainsKey($_.Path)) { $tested[$_.Path] } else { $_ } })
    }
    $notFound = @($problems | Where-Object { $_.FullyQualifiedErrorId -like 'InstallationNotFound,*' })
    $failures = @($missingHome) + @($problems | Where-Object { $_.FullyQualifiedErrorId -notlike 'InstallationNotFound,*' } | ForEach-Object { ConvertTo-IeaSummaryError $_ })
    if ($statuses.Count -eq 0 -and $failures.Count -eq 0 -and $notFound.Count -gt 0) {
        Complete 'OK: no Impact emploi installation on this PC.' @() @() 0
    }

    $installations = @($statuses | ForEach-Object {
            [pscustomobject]@{ Path = $_.Path; State = $_.State; Case = $_.Case; Bad = ($needsRemediation -contains [string] $_.State) }
        })
    if (@($installations | Where-Object { $_.Bad }).Count -gt 0 -or $failures.Count -gt 0) {
        Complete 'NEEDS REMEDIATION' $failures $installations 1
    }
    Complete 'OK' @() $installations 0
}
catch {
    Complete 'ERROR' @([pscustomobject]@{ Id = 'Unexpected'; Target = $_.Exception.Message }) @() 1
}
