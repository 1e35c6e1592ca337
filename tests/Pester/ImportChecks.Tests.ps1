# The checks the manifest runs before the assemblies load (the nested module ImpactEmploi.PS.Prerequisites.psm1): clear, terminating
# errors instead of "Could not load file or assembly netstandard" or 0x80131515.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModuleFolder = Split-Path (Get-IeaTestManifest)
    $script:Gate = Join-Path $ModuleFolder 'ImpactEmploi.PS.Prerequisites.psm1'
    $script:Checks = Join-Path $ModuleFolder 'ImpactEmploi.PS.Prerequisites.ps1'
    . $Checks
    function Get-CheckError([hashtable] $Arguments) {
        try { Assert-IeaImportPrerequisite @Arguments; $null } catch { $_ }
    }
}

Describe 'The import checks' {
    It 'stops Windows PowerShell on .NET Framework older than 4.7.2, naming the release found' {
        $thrown = Get-CheckError @{ Edition = 'Desktop'; FrameworkRelease = 461310; ModuleRoot = 'C:\Modules\ImpactEmploi.PS'; BlockedFiles = @() }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'DotNetFrameworkTooOld*'
        $thrown.CategoryInfo.Category | Should -Be 'NotInstalled'
        $thrown.Exception.Message | Should -BeLike '*4.7.2*461310*461808*'
    }

    It 'stops it when no .NET Framework 4.5+ is registered, and lets 4.7.2 and later through' {
        (Get-CheckError @{ Edition = 'Desktop'; FrameworkRelease = 0; ModuleRoot = 'C:\M'; BlockedFiles = @() }).FullyQualifiedErrorId | Should -BeLike 'DotNetFrameworkTooOld*'
        Get-CheckError @{ Edition = 'Desktop'; FrameworkRelease = 461808; ModuleRoot = 'C:\M'; BlockedFiles = @() } | Should -BeNullOrEmpty
        Get-CheckError @{ Edition = 'Desktop'; FrameworkRelease = 533320; ModuleRoot = 'C:\M'; BlockedFiles = @() } | Should -BeNullOrEmpty
    }

    It 'does not check .NET Framework in PowerShell 7' {
        Get-CheckError @{ Edition = 'Core'; FrameworkRelease = 0; ModuleRoot = '\\server\share\ImpactEmploi.PS'; BlockedFiles = @() } | Should -BeNullOrEmpty
    }

    It 'says to copy the module locally when Windows PowerShell loads it from a share' {
        $thrown = Get-CheckError @{ Edition = 'Desktop'; FrameworkRelease = 528040; ModuleRoot = '\\server\share\ImpactEmploi.PS\0.1.0'; BlockedFiles = @() }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ModuleOnNetworkPath*'
        $thrown.Exception.Message | Should -BeLike '*\\server\share\ImpactEmploi.PS\0.1.0*0x80131515*Copy the module to a local folder*'
    }

    It 'says to run Unblock-File when files carry the mark of the web' {
        $thrown = Get-CheckError @{ Edition = 'Core'; ModuleRoot = 'C:\M'; BlockedFiles = @('C:\M\ImpactEmploi.PS.dll', 'C:\M\dependencies\Serilog.dll') }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ModuleFilesBlocked*'
        $thrown.Exception.Message | Should -BeLike "*2 file(s)*C:\M\ImpactEmploi.PS.dll*Get-ChildItem -LiteralPath 'C:\M' -Recurse | Unblock-File*"
    }

    It 'speaks French under fr-FR' {
        $command = ". '$Checks'; [Globalization.CultureInfo]::CurrentUICulture = 'fr-FR'; " +
            "try { & { Assert-IeaImportPrerequisite -Edition Desktop -FrameworkRelease 394802 -ModuleRoot 'C:\M' -BlockedFiles @() } } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $result = Invoke-IeaChildPwsh -Command $command
        $lines = @($result.StdOut -split "`r?`n" | Where-Object { $_ })
        $lines[0] | Should -BeLike 'DotNetFrameworkTooOld*'
        $lines[1] | Should -BeLike "ImpactEmploi.PS n$([char]0x2019)a besoin de .NET Framework 4.7.2*394802*"
    }

    It 'is ASCII, run by the manifest before the assemblies, and leaves nothing in the session that imports the module' {
        @([IO.File]::ReadAllBytes($Checks) + [IO.File]::ReadAllBytes($Gate) | Where-Object { $_ -gt 0x7F }).Count | Should -Be 0
        (Import-PowerShellDataFile (Get-IeaTestManifest)).NestedModules | Should -Be @('ImpactEmploi.PS.Prerequisites.psm1')
        $command = "`$m = @(Import-Module '$(Get-IeaTestManifest)' -PassThru -ErrorAction Stop); `$m.Count; `$m[0].Name; (Get-Module).Name -join ','; " +
            "@(Get-Command Assert-IeaImportPrerequisite, Stop-Import -ErrorAction Ignore).Count; (Get-Command Get-IeaInstallation).Name"
        $result = Invoke-IeaChildPwsh -Command $command
        $result.StdErr | Should -BeNullOrEmpty
        @($result.StdOut -split "`r?`n" | Where-Object { $_ }) | Should -Be @('1', 'ImpactEmploi.PS', 'ImpactEmploi.PS', '0', 'Get-IeaInstallation')
    }

    It 'stops the import of a copy whose files are blocked, and the copy imports once unblocked' -Tag Windows -Skip:(-not $IsWindows) {
        $copy = Join-Path ([IO.Path]::GetTempPath()) ("iea-blocked-" + [guid]::NewGuid().ToString('N'))
        $target = Join-Path $copy "ImpactEmploi.PS\$(Split-Path -Leaf $ModuleFolder)"
        try {
            New-Item -ItemType Directory $target -Force | Out-Null
            Copy-Item "$ModuleFolder\*" $target -Recurse
            Set-Content -LiteralPath (Join-Path $target 'ImpactEmploi.PS.dll') -Stream Zone.Identifier -Value "[ZoneTransfer]`r`nZoneId=3"
            $import = "Import-Module '$target\ImpactEmploi.PS.psd1' -ErrorAction Stop; 'imported'"
            $blocked = Invoke-IeaChildPwsh -Command "try { $import } catch { `$_.FullyQualifiedErrorId }"
            $blocked.StdOut | Should -BeLike '*ModuleFilesBlocked*'
            Get-ChildItem -LiteralPath $target -Recurse | Unblock-File
            (Invoke-IeaChildPwsh -Command $import).StdOut | Should -BeLike '*imported*'
        }
        finally { Remove-Item -Recurse -Force $copy -ErrorAction SilentlyContinue }
    }
}
