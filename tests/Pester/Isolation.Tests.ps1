BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'Dependency isolation' {
    It 'works in a process that loaded older Serilog and Polly.Core first, and leaves theirs alone' {
        $cache = Get-IeaNuGetCache
        $oldSerilog = Join-Path $cache 'serilog/2.10.0/lib/netstandard2.1/Serilog.dll'
        $oldPolly = Join-Path $cache 'polly.core/8.1.0/lib/netstandard2.0/Polly.Core.dll'
        $oldSerilog | Should -Exist
        $oldPolly | Should -Exist
        $root = Join-Path ([IO.Path]::GetTempPath()) ("iea-iso-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path "$root/inst" | Out-Null
        try {
            # Set-IeaServerConfig takes the file lock through Polly and writes its audit event through Serilog.
            $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$oldSerilog'
Add-Type -Path '$oldPolly'
Import-Module '$(Get-IeaTestManifest)'
Set-IeaServerConfig -Path '$root/inst' -Recommended -Confirm:`$false
(Get-IeaServerConfig -Path '$root/inst').IsRecommended
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'Serilog', 'Polly.Core' } |
    ForEach-Object { '{0} {1} {2}' -f `$_.GetName().Name, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name, `$_.Location } | Sort-Object
"@
            $result = Invoke-IeaChildPwsh -Command $script -Environment @{ IEA_PS_LOG_DIR = "$root/logs" }
            $result.StdErr | Should -BeNullOrEmpty
            $result.ExitCode | Should -Be 0
            $lines = $result.StdOut.Trim() -split "`r?`n"
            $lines[0] | Should -Be 'True'
            $dependencies = Join-Path (Split-Path (Get-IeaTestManifest)) 'dependencies'
            $lines | Should -Contain "Polly.Core Default $oldPolly"
            $lines | Should -Contain "Polly.Core ImpactEmploi.PS $(Join-Path $dependencies 'Polly.Core.dll')"
            $lines | Should -Contain "Serilog Default $oldSerilog"
            $lines | Should -Contain "Serilog ImpactEmploi.PS $(Join-Path $dependencies 'Serilog.dll')"
            Get-Content (Get-ChildItem "$root/logs" -Filter 'impactemploi-*.log').FullName | Should -Match '"Operation":"Set-IeaServerConfig"'
        }
        finally { Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue }
    }
}
