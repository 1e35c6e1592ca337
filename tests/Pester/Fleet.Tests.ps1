BeforeDiscovery {
    $script:NoServers = -not $env:IEA_TEST_PKI -or -not (Get-Command nginx, /usr/sbin/nginx -ErrorAction Ignore)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $env:IEA_REPO_ROOT 'tests/infra/TestServers.psm1') -Force
    $script:ModuleFolder = Split-Path (Get-IeaTestManifest)
    $script:Detect = Join-Path $ModuleFolder 'Intune/Detect-IeaConnection.ps1'
    $script:Remediate = Join-Path $ModuleFolder 'Intune/Remediate-IeaConnection.ps1'
    $script:Startup = Join-Path $ModuleFolder 'Scripts/Repair-IeaConnectionAtStartup.ps1'
    # The installed module, found by name as Intune's host finds it.
    $script:ModulePath = (Split-Path (Split-Path $ModuleFolder)) + [IO.Path]::PathSeparator + $env:PSModulePath
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-fleet-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $Root | Out-Null

    function Invoke-Script([string] $Script, [string[]] $Installations, [string] $Layout, [string[]] $Arguments = @(), [string] $ModulePath = $script:ModulePath) {
        $environment = @{ PSModulePath = $ModulePath; IEA_HOME = ($Installations -join [IO.Path]::PathSeparator); IEA_LAYOUT = $Layout; IEA_PS_LOG_DIR = "$Root/logs" }
        $result = Invoke-IeaChildPwsh -File $Script -ArgumentList $Arguments -Environment $environment
        $lines = @($result.StdOut -split "`r?`n" | Where-Object { $_ -ne '' })
        $result | Add-Member -NotePropertyName LastLine -NotePropertyValue $(if ($lines) { $lines[-1] } else { '' }) -PassThru |
            Add-Member -NotePropertyName Lines -NotePropertyValue $lines -PassThru
    }
    function New-Fixture([hashtable] $Ini = @{}) {
        $folder = Join-Path $Root ([guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path $folder -Content (Get-IeaTestIni @Ini) | Out-Null
        $folder
    }
}
AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

Describe 'The Intune and start-up scripts as files' {
    It '<Name> is ASCII without a BOM and uses no PowerShell 7-only syntax' -ForEach @(
        @{ Name = 'Intune/Detect-IeaConnection.ps1' }, @{ Name = 'Intune/Remediate-IeaConnection.ps1' }, @{ Name = 'Scripts/Repair-IeaConnectionAtStartup.ps1' }
    ) {
        $path = Join-Path $ModuleFolder $Name
        $bytes = [IO.File]::ReadAllBytes($path)
        @($bytes | Where-Object { $_ -gt 0x7F }).Count | Should -Be 0
        $tokens = $null; $errors = $null
        $ast = [Management.Automation.Language.Parser]::ParseFile($path, [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        $newer = 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'AndAnd', 'OrOr'
        @($tokens | Where-Object { $newer -contains [string] $_.Kind }).Count | Should -Be 0
        $ast.FindAll({ param($node) $node.GetType().Name -in 'TernaryExpressionAst', 'PipelineChainAst' }, $true).Count | Should -Be 0
    }
}

Describe 'Intune detection and remediation, run as Intune runs them' {
    It 'detection exits 1 for <Case> with one summary line last' -ForEach @(
        @{ Case = 'settings of before 2019'; Ini = @{}; Words = 'NEEDS REMEDIATION:*ConfigurationOutdated*' }
        @{ Case = 'assistance mode'; Ini = @{ Assistance = 1 }; Words = 'NEEDS REMEDIATION:*AssistanceMode*' }
    ) {
        $result = Invoke-Script $Detect @(New-Fixture $Ini) $null
        $result.ExitCode | Should -Be 1
        $result.LastLine | Should -BeLike $Words
        $result.Lines.Count | Should -Be 1
        $result.LastLine.Length | Should -BeLessOrEqual 2048
    }

    It 'detection exits 0 on a PC without IEA, and 1 with a clear line when a settings file cannot be read' {
        $empty = Join-Path $Root 'none'; New-Item -ItemType Directory $empty -Force | Out-Null
        $result = Invoke-Script $Detect @($empty) $null
        $result.ExitCode | Should -Be 0
        $result.LastLine | Should -Be 'OK: no Impact emploi installation on this PC.'

        $broken = Join-Path $Root 'broken'; New-Item -ItemType Directory $broken | Out-Null
        [IO.File]::WriteAllBytes("$broken/ImpactEmploi.ini", [byte[]](0, 1, 2, 255))
        $result = Invoke-Script $Detect @($broken) $null
        $result.ExitCode | Should -Be 1
        $result.LastLine | Should -BeLike 'NEEDS REMEDIATION:*ERROR ConfigUnreadable*'
    }

    It 'both scripts exit 1 with a clear line when the module cannot be imported' {
        foreach ($script in $Detect, $Remediate) {
            $result = Invoke-Script $script @(New-Fixture) $null -ModulePath (Join-Path $Root 'no-modules')
            $result.ExitCode | Should -Be 1
            $result.LastLine | Should -BeLike 'ImpactEmploi.PS cannot be imported:*'
        }
    }

    It 'remediation stops in assistance mode (the password of the day is needed) and says so' {
        $result = Invoke-Script $Remediate @(New-Fixture @{ Assistance = 1 }) $null
        $result.ExitCode | Should -Be 1
        $result.LastLine | Should -BeLike 'NOT FIXED:*ERROR AssistanceModeActive*'
    }

    Context 'against test servers' -Skip:$NoServers {
        BeforeAll {
            $script:Nginx = Start-IeaTestNginx -PkiPath $env:IEA_TEST_PKI
            $script:Layout = New-IeaTestLayout -Path (Join-Path $Root 'local.psd1') -BaseUrl $Nginx.Url.TrimEnd('/')
        }
        AfterAll { $Nginx | Stop-IeaTestServer }

        It 'remediation fixes a PC of before 2019 and exits 0; detection then exits 0' {
            $folder = New-Fixture
            $result = Invoke-Script $Remediate @($folder) $Layout
            $result.StdErr | Should -BeNullOrEmpty
            $result.ExitCode | Should -Be 0
            $result.LastLine | Should -Be "FIXED: $folder connected"
            $result.Lines.Count | Should -Be 1
            $after = Invoke-Script $Detect @($folder) $Layout
            $after.ExitCode | Should -Be 0
            $after.LastLine | Should -Be "OK: $folder Connected (case 1)"
        }

        It 'the start-up script ends within its budget when a server never answers, with the settings fixed' {
            $silent = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $silent.Start()
            try {
                $silentLayout = Join-Path $Root 'silent.psd1'
                (Get-Content -Raw $Layout).Replace("'$($Nginx.Url.TrimEnd('/'))/'", "'https://127.0.0.1:$($silent.LocalEndpoint.Port)/'") | Set-Content $silentLayout -Encoding utf8
                $folder = New-Fixture
                # The silent server holds the probe for 30 s per attempt, so the 15 s budget always runs out first; 15 s
                # leaves the import and the settings write room even on a loaded machine (6 s did not, at a load of 40).
                $result = Invoke-Script $Startup @($folder) $silentLayout -Arguments '-MaxSeconds', '15', '-TimeoutSec', '30'
                # The script's own clock says it gave up at its budget (the wall-clock time is the benchmarks' business).
                $result.ExitCode | Should -Be 2
                $result.LastLine | Should -BeLike '*stopped after 15 s*'
                $config = & { Import-Module (Get-IeaTestManifest); Get-IeaServerConfig -Path $folder -LayoutPath $silentLayout }
                $config.IsRecommended | Should -BeTrue
            }
            finally { $silent.Stop() }
        }

        It 'the start-up script reports every repair in the JSON log' {
            $folder = New-Fixture
            $result = Invoke-Script $Startup @($folder) $Layout -Arguments '-MaxSeconds', '60'
            $result.ExitCode | Should -Be 0
            $events = @(Get-Content (Get-ChildItem "$Root/logs" -Filter '*.log').FullName | ConvertFrom-Json | Where-Object { $_.'@mt' -like 'Repair *' -and $_.Path -eq $folder })
            $events.Count | Should -Be 1
            $events[0].Case | Should -Be 1
            $events[0].After | Should -Be 'Connected'
        }
    }
}
