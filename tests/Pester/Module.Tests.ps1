BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Manifest = Get-IeaTestManifest
    $script:ModuleFolder = Split-Path $Manifest
}

Describe 'The built module' {
    It 'has a manifest that Test-ModuleManifest accepts, with the version of Directory.Build.props' {
        $info = Test-ModuleManifest -Path $Manifest -ErrorAction Stop
        [xml] $props = Get-Content -Raw (Join-Path $env:IEA_REPO_ROOT 'Directory.Build.props')
        $info.Version.ToString() | Should -Be ($props.Project.PropertyGroup.ModuleVersion | Where-Object { $_ } | Select-Object -First 1)
        $info.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $info.PowerShellVersion.ToString() | Should -Be '5.1'
    }

    It 'exports its cmdlets by name, never by wildcard, and nothing else' {
        $data = Import-PowerShellDataFile $Manifest
        $data.CmdletsToExport | Should -Not -BeNullOrEmpty
        $data.CmdletsToExport | Should -Not -Match '\*'
        @($data.FunctionsToExport).Count | Should -Be 0
        @($data.AliasesToExport).Count | Should -Be 0
        @($data.VariablesToExport).Count | Should -Be 0
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $module = Import-Module $Manifest -Force -PassThru
        $data = Import-PowerShellDataFile $Manifest
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($data.CmdletsToExport | Sort-Object)
        $defined = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ImpactEmploi.PS' } |
            ForEach-Object { $_.GetExportedTypes() } |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        @($defined | Sort-Object) | Should -Be @($data.CmdletsToExport | Sort-Object)
    }

    It 'lets every cmdlet be disposed twice and stopped after it was disposed, without an error' {
        Import-Module $Manifest -Force
        $types = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ImpactEmploi.PS' } |
            ForEach-Object { $_.GetExportedTypes() } |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) -and -not $_.IsAbstract }
        $stop = [System.Management.Automation.Cmdlet].GetMethod('StopProcessing', [Reflection.BindingFlags] 'Instance, NonPublic')
        foreach ($type in $types) {
            $command = [Activator]::CreateInstance($type)
            if ($command -is [IDisposable]) {
                { $command.Dispose(); $command.Dispose() } | Should -Not -Throw -Because $type.Name
            }
            { $stop.Invoke($command, @()) } | Should -Not -Throw -Because "$($type.Name): Ctrl+C as the command ends"
        }
    }

    It 'carries what a package feed needs in PrivateData.PSData' {
        $psData = (Import-PowerShellDataFile $Manifest).PrivateData.PSData
        $psData.Tags | Should -Contain 'IEA'
        $psData.ProjectUri | Should -Not -BeNullOrEmpty
        $psData.LicenseUri | Should -Not -BeNullOrEmpty
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
        # The package holds no README: the notes stand on their own.
        $psData.ReleaseNotes | Should -Not -Match 'README'
        $psData.ReleaseNotes | Should -Match 'Export-IeaFleetReport'
        Test-Path (Join-Path $env:IEA_REPO_ROOT 'LICENSE') | Should -BeTrue
    }

    It 'names every cmdlet in about_ImpactEmploi, in both languages' {
        foreach ($language in 'en-US', 'fr-FR') {
            $about = Get-Content -Raw (Join-Path $env:IEA_REPO_ROOT "docs/help/$language/about_ImpactEmploi.md")
            foreach ($cmdlet in (Import-PowerShellDataFile $Manifest).CmdletsToExport) {
                $about | Should -Match "(?m)^- $cmdlet\b" -Because "$language lists $cmdlet"
            }
        }
    }

    It 'keeps Core and every third-party assembly under dependencies/, and only the cmdlet assembly at the root' {
        @(Get-ChildItem $ModuleFolder -Filter *.dll | ForEach-Object Name) | Should -Be @('ImpactEmploi.PS.dll')
        Join-Path $ModuleFolder 'dependencies/ImpactEmploi.Core.dll' | Should -Exist
        Join-Path $ModuleFolder 'dependencies/Polly.Core.dll' | Should -Exist
        Join-Path $ModuleFolder 'dependencies/Serilog.dll' | Should -Exist
    }

    It 'has no Polly or Serilog type in any cmdlet parameter or output type' {
        Import-Module $Manifest -Force
        $types = Get-Command -Module ImpactEmploi.PS | ForEach-Object {
            $_.Parameters.Values.ParameterType
            $_.OutputType.Type
        }
        $types | Where-Object { $_ -and $_.Assembly.GetName().Name -match '^(Polly|Serilog)' } | Should -BeNullOrEmpty
    }
}
