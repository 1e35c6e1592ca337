BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'The package' {
    It 'installs with Install-PSResource from a local repository and imports by name with every cmdlet' {
        $work = Join-Path ([IO.Path]::GetTempPath()) ("iea-package-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $work | Out-Null
        try {
            $feed = Join-Path $work 'feed'
            # .NET answers "" for a per-user folder that does not exist yet: create them, or PSResourceGet writes to the current folder.
            New-Item -ItemType Directory -Path $feed, "$work/.local/share" | Out-Null
            Compress-PSResource -Path (Split-Path (Get-IeaTestManifest)) -DestinationPath $feed
            @(Get-ChildItem $feed -Filter 'ImpactEmploi.PS.*.nupkg').Count | Should -Be 1

            # A child process with its own HOME, so registering the repository leaves the user's settings alone.
            $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name IeaTest -Uri '$feed' -Trusted
Install-PSResource -Name ImpactEmploi.PS -Repository IeaTest -Scope CurrentUser -TrustRepository -Quiet
Import-Module ImpactEmploi.PS
(Get-Module ImpactEmploi.PS).ModuleBase
(Get-Command -Module ImpactEmploi.PS | Sort-Object Name | ForEach-Object Name) -join ','
"@
            $result = Invoke-IeaChildPwsh -Command $script -WorkingDirectory $work -Environment @{ HOME = $work; XDG_DATA_HOME = "$work/.local/share" }
            $result.StdErr | Should -BeNullOrEmpty
            $result.ExitCode | Should -Be 0
            $lines = $result.StdOut.Trim() -split "`r?`n"
            $lines[0] | Should -BeLike "$work*ImpactEmploi.PS*"
            $expected = (Import-PowerShellDataFile (Get-IeaTestManifest)).CmdletsToExport | Sort-Object
            $lines[1] | Should -Be ($expected -join ',')
        }
        finally {
            Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
        }
    }
}
