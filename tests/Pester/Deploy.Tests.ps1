# The Intune Win32 app: install, uninstall and detection scripts, and the folder build.ps1 lays out for the
# Win32 content prep tool. The scripts take -Destination (tests only) instead of the 64-bit Program Files.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModuleFolder = Split-Path (Get-IeaTestManifest)
    $script:Version = Split-Path -Leaf $ModuleFolder
    $script:Package = Join-Path $env:IEA_REPO_ROOT "out/intune/ImpactEmploi.PS-$Version"
    $script:Sources = Join-Path $env:IEA_REPO_ROOT 'module/Deploy'
    function Get-PathBlock([string] $Path) {
        $text = [IO.File]::ReadAllText($Path)
        $start = $text.IndexOf('# --- IEA deploy paths'); $end = $text.IndexOf('# --- end of IEA deploy paths')
        if ($start -lt 0 -or $end -lt $start) { throw "$Path has no deploy paths block." }
        $text.Substring($start, $end - $start)
    }
    . ([scriptblock]::Create((Get-PathBlock (Join-Path $Sources 'Install-IeaModule.ps1'))))
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-deploy-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $Root | Out-Null
    function Invoke-Deploy([string] $Name, [string[]] $Arguments = @()) {
        $result = Invoke-IeaChildPwsh -File (Join-Path $Package $Name) -ArgumentList (@('-Destination', "$Root/Modules") + $Arguments)
        $result | Add-Member -NotePropertyName Lines -NotePropertyValue @($result.StdOut -split "`r?`n" | Where-Object { $_ }) -PassThru
    }
}
AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

Describe 'Where the deploy scripts put the module' {
    It 'is the same code in the three scripts' {
        Get-PathBlock (Join-Path $Sources 'Uninstall-IeaModule.ps1') | Should -BeExactly (Get-PathBlock (Join-Path $Sources 'Install-IeaModule.ps1'))
        Get-PathBlock (Join-Path $Sources 'Detect-IeaModule.ps1') | Should -BeExactly (Get-PathBlock (Join-Path $Sources 'Install-IeaModule.ps1'))
    }

    It 'relaunches a 32-bit start on 64-bit Windows through Sysnative, into the 64-bit Program Files' {
        $paths = Get-IeaDeployPath $true $false @{ windir = 'C:\WINDOWS'; ProgramFiles = 'C:\Program Files (x86)'; ProgramW6432 = 'C:\Program Files' }
        $paths.Relaunch | Should -Be 'C:\WINDOWS\Sysnative\WindowsPowerShell\v1.0\powershell.exe'
        $paths.ModulesRoot | Should -Be 'C:\Program Files\WindowsPowerShell\Modules'
        $paths.ModuleFolder | Should -Be 'C:\Program Files\WindowsPowerShell\Modules\ImpactEmploi.PS'
    }

    It 'stays in a 64-bit process, and on 32-bit Windows uses its only Program Files' {
        $64 = Get-IeaDeployPath $true $true @{ windir = 'C:\Windows'; ProgramFiles = 'D:\Programmes'; ProgramW6432 = 'D:\Programmes' }
        $64.Relaunch | Should -BeNullOrEmpty
        $64.ModulesRoot | Should -Be 'D:\Programmes\WindowsPowerShell\Modules'
        $32 = Get-IeaDeployPath $false $false @{ SystemRoot = 'C:\Windows'; ProgramFiles = 'C:\Program Files\' }
        $32.Relaunch | Should -BeNullOrEmpty
        $32.ModulesRoot | Should -Be 'C:\Program Files\WindowsPowerShell\Modules'
        (Get-IeaDeployPath $true $false @{ SystemRoot = 'E:\Win'; ProgramW6432 = 'E:\PF' }).Relaunch | Should -Be 'E:\Win\Sysnative\WindowsPowerShell\v1.0\powershell.exe'
    }
}

Describe 'The folder for the Win32 content prep tool' {
    It 'holds the three scripts with this version written in, ASCII, and the module next to them' {
        foreach ($name in 'Install-IeaModule.ps1', 'Uninstall-IeaModule.ps1', 'Detect-IeaModule.ps1') {
            $bytes = [IO.File]::ReadAllBytes((Join-Path $Package $name))
            @($bytes | Where-Object { $_ -gt 0x7F }).Count | Should -Be 0 -Because $name
            [Text.Encoding]::ASCII.GetString($bytes) | Should -Not -BeLike '*{{ModuleVersion}}*'
        }
        (Import-PowerShellDataFile (Join-Path $Package "ImpactEmploi.PS/$Version/ImpactEmploi.PS.psd1")).ModuleVersion | Should -Be $Version
        Join-Path $Package 'Remediations/Detect-IeaConnection.ps1' | Should -Exist
        Join-Path $Package 'Remediations/Remediate-IeaConnection.ps1' | Should -Exist
        Join-Path $ModuleFolder 'Deploy' | Should -Not -Exist
    }
}

Describe 'Installing, detecting and removing the module as Intune does' {
    It 'detects nothing before the install, installs, then detects this version' {
        $before = Invoke-Deploy 'Detect-IeaModule.ps1'
        $before.ExitCode | Should -Be 0
        $before.Lines.Count | Should -Be 0

        $install = Invoke-Deploy 'Install-IeaModule.ps1'
        $install.ExitCode | Should -Be 0
        $install.Lines[-1] | Should -BeLike "Installed ImpactEmploi.PS $Version in *"
        "$Root/Modules/ImpactEmploi.PS/$Version/ImpactEmploi.PS.psd1" | Should -Exist
        "$Root/Modules/ImpactEmploi.PS/$Version/dependencies/ImpactEmploi.Core.dll" | Should -Exist

        $after = Invoke-Deploy 'Detect-IeaModule.ps1'
        $after.ExitCode | Should -Be 0
        $after.Lines | Should -Be @("ImpactEmploi.PS $Version is installed in $(Join-Path (Join-Path "$Root/Modules" 'ImpactEmploi.PS') $Version).")

        $import = Invoke-IeaChildPwsh -Command "Import-Module ImpactEmploi.PS -ErrorAction Stop; (Get-Module ImpactEmploi.PS).ModuleBase" -Environment @{ PSModulePath = "$Root/Modules" }
        $import.StdOut.Trim() | Should -Be (Join-Path "$Root/Modules/ImpactEmploi.PS" $Version)
    }

    It 'removes older versions and leftovers by default, and keeps them with -KeepOlderVersions' {
        New-Item -ItemType Directory "$Root/Modules/ImpactEmploi.PS/0.0.1", "$Root/Modules/ImpactEmploi.PS/0.0.2" -Force | Out-Null
        $kept = Invoke-Deploy 'Install-IeaModule.ps1' @('-KeepOlderVersions')
        $kept.ExitCode | Should -Be 0
        @(Get-ChildItem "$Root/Modules/ImpactEmploi.PS" -Directory).Name | Sort-Object | Should -Be (@('0.0.1', '0.0.2', $Version) | Sort-Object)

        $removed = Invoke-Deploy 'Install-IeaModule.ps1'
        $removed.ExitCode | Should -Be 0
        $removed.Lines | Should -Contain 'Removed ImpactEmploi.PS 0.0.1.'
        @(Get-ChildItem "$Root/Modules/ImpactEmploi.PS" -Directory -Force).Name | Should -Be @($Version)
    }

    It 'reports a detection miss when the installed copy is not whole' {
        Remove-Item "$Root/Modules/ImpactEmploi.PS/$Version/ImpactEmploi.PS.dll"
        (Invoke-Deploy 'Detect-IeaModule.ps1').Lines.Count | Should -Be 0
        (Invoke-Deploy 'Install-IeaModule.ps1').ExitCode | Should -Be 0
        (Invoke-Deploy 'Detect-IeaModule.ps1').Lines.Count | Should -Be 1
    }

    It 'uninstalls this version, then the empty module folder, and succeeds when nothing is there' {
        $result = Invoke-Deploy 'Uninstall-IeaModule.ps1'
        $result.ExitCode | Should -Be 0
        $result.Lines | Should -Be @("Removed ImpactEmploi.PS $Version.")
        "$Root/Modules/ImpactEmploi.PS" | Should -Not -Exist
        (Invoke-Deploy 'Detect-IeaModule.ps1').Lines.Count | Should -Be 0
        $again = Invoke-Deploy 'Uninstall-IeaModule.ps1'
        $again.ExitCode | Should -Be 0
        $again.Lines | Should -Be @('ImpactEmploi.PS is not installed.')
    }

    It 'installs from a 32-bit Windows PowerShell into the 64-bit Program Files, where 64-bit PowerShell imports it' -Tag Windows -Skip:(-not $IsWindows -or -not [Environment]::Is64BitOperatingSystem) {
        $isAdmin = ([Security.Principal.WindowsPrincipal] [Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
        if (-not $isAdmin) { Set-ItResult -Skipped -Because 'installing to Program Files needs an elevated run (as on CI runners)'; return }
        $powershell32 = Join-Path $env:windir 'SysWOW64\WindowsPowerShell\v1.0\powershell.exe'
        $target = Join-Path $env:ProgramW6432 "WindowsPowerShell\Modules\ImpactEmploi.PS\$Version"
        try {
            & $powershell32 -NoProfile -ExecutionPolicy Bypass -File (Join-Path $Package 'Install-IeaModule.ps1') | Out-Null
            $LASTEXITCODE | Should -Be 0
            Join-Path $target 'ImpactEmploi.PS.psd1' | Should -Exist
            & $powershell32 -NoProfile -ExecutionPolicy Bypass -File (Join-Path $Package 'Detect-IeaModule.ps1') | Should -BeLike "ImpactEmploi.PS $Version is installed*"
            $powershell64 = Join-Path $env:windir 'System32\WindowsPowerShell\v1.0\powershell.exe'
            & $powershell64 -NoProfile -Command "Import-Module ImpactEmploi.PS -ErrorAction Stop; (Get-Module ImpactEmploi.PS).ModuleBase" | Should -Be $target
        }
        finally {
            & $powershell32 -NoProfile -ExecutionPolicy Bypass -File (Join-Path $Package 'Uninstall-IeaModule.ps1') | Out-Null
        }
        $target | Should -Not -Exist
    }
}
