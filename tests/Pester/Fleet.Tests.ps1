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

Describe 'The summary line of the Intune and start-up scripts' {
    BeforeAll {
        function Get-SummaryBlock([string] $Path) {
            $text = [IO.File]::ReadAllText($Path)
            $start = $text.IndexOf('# --- IEA summary'); $end = $text.IndexOf('# --- end of IEA summary')
            if ($start -lt 0 -or $end -lt $start) { throw "$Path has no summary block." }
            $text.Substring($start, $end - $start)
        }
        . ([scriptblock]::Create((Get-SummaryBlock $Detect)))
        function New-Installation([int] $Number, [bool] $Bad) {
            [pscustomobject]@{ Path = "C:\Associations\Les Écureuils de l'Étang, numéro $Number – paie\ImpactEmploi"; State = $(if ($Bad) { 'Disconnected' } else { 'Connected' }); Case = $(if ($Bad) { 2 } else { 1 }); Bad = $Bad }
        }
    }

    It 'is the same code in the three scripts' {
        Get-SummaryBlock $Remediate | Should -BeExactly (Get-SummaryBlock $Detect)
        Get-SummaryBlock $Startup | Should -BeExactly (Get-SummaryBlock $Detect)
    }

    It 'spells French text in ASCII' {
        ConvertTo-IeaAscii "Données de l'Œuvre « été » – 1 234,5 €" | Should -BeExactly "Donnees de l'OEuvre `" ete `" - 1 234,5 ?"
    }

    It 'keeps every error id first and accounts for every installation with 50 installations and 50 errors' {
        $installations = @(1..50 | ForEach-Object { New-Installation $_ ($_ % 5 -eq 0) })
        $ids = @(1..20 | ForEach-Object { 'SomeLongErrorIdentifierNumber{0:00}' -f $_ })
        $errors = @(1..50 | ForEach-Object { [pscustomobject]@{ Id = $ids[$_ % 20]; Target = "C:\Données\Dossier très long numéro $_" } })
        $line = Format-IeaSummary 'NEEDS REMEDIATION' $errors $installations
        $line.Length | Should -BeLessOrEqual 2048
        $line | Should -Match '^[\x20-\x7E]+$'
        $line | Should -BeLike 'NEEDS REMEDIATION: ERROR *'
        foreach ($id in $ids) { $line | Should -BeLike "*ERROR $id*" }
        $tokens = $line.Substring('NEEDS REMEDIATION: '.Length) -split '; '
        $shown = @($tokens | Where-Object { $_ -like '*ImpactEmploi * c*' })
        $more = @($tokens | Where-Object { $_ -match '^\+(\d+) more$' } | ForEach-Object { [int] ($_ -replace '\D') })
        $shown.Count + ($more | Measure-Object -Sum).Sum | Should -Be 50
        # The installations that need action come before the others.
        $shown[0] | Should -BeLike '* Disconnected c2'
    }

    It 'writes full paths when they fit' {
        Format-IeaSummary 'OK' @() @(New-Installation 1 $false) | Should -BeExactly "OK: C:\Associations\Les Ecureuils de l'Etang, numero 1 - paie\ImpactEmploi Connected c1"
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

    It 'detection with 50 installations under fr-FR: one ASCII line of at most 2,048 characters, every error id kept' {
        $folders = @(1..50 | ForEach-Object {
                $folder = Join-Path $Root ("Association sportive des Écureuils de l'Étang numéro {0:00} – paie" -f $_)
                if ($_ % 10 -eq 0) {
                    New-Item -ItemType Directory $folder | Out-Null
                    [IO.File]::WriteAllBytes("$folder/ImpactEmploi.ini", [byte[]](0, 1, 2, 255))
                }
                else { New-IeaTestInstallation -Path $folder -Content (Get-IeaTestIni) | Out-Null }
                $folder
            })
        $missing = Join-Path $Root 'Dossier supprimé'
        $environment = @{ PSModulePath = $ModulePath; IEA_HOME = (@($folders) + $missing) -join [IO.Path]::PathSeparator; IEA_PS_LOG_DIR = "$Root/logs"; LANG = 'fr_FR.UTF-8'; LC_ALL = 'fr_FR.UTF-8' }
        $result = Invoke-IeaChildPwsh -File $Detect -Environment $environment
        $lines = @($result.StdOut -split "`r?`n" | Where-Object { $_ -ne '' })
        $result.ExitCode | Should -Be 1
        $lines.Count | Should -Be 1
        $lines[0].Length | Should -BeLessOrEqual 2048
        $lines[0] | Should -Match '^[\x20-\x7E]+$'
        $lines[0] | Should -BeLike 'NEEDS REMEDIATION: ERROR *'
        $lines[0] | Should -BeLike '*ERROR IeaHomeNotFound*'
        $lines[0] | Should -BeLike '*ERROR ConfigUnreadable*'
        $lines[0] | Should -BeLike '*ConfigurationOutdated c*'
    }

    It '<Name> exits 1 with IeaHomeNotFound when a folder of IEA_HOME does not exist' -ForEach @(@{ Name = 'detection' }, @{ Name = 'remediation' }) {
        $script = if ($Name -eq 'detection') { $Detect } else { $Remediate }
        $typo = Join-Path $Root 'ImpactEmplio'
        $result = Invoke-Script $script @($typo) $null
        $result.ExitCode | Should -Be 1
        $result.LastLine | Should -Match '^(NEEDS REMEDIATION|NOT FIXED): ERROR IeaHomeNotFound '
        $result.LastLine | Should -BeLike "*$typo*"
        $result.Lines.Count | Should -Be 1
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
            $result.LastLine | Should -Be "FIXED: $folder Connected c1"
            $result.Lines.Count | Should -Be 1
            $after = Invoke-Script $Detect @($folder) $Layout
            $after.ExitCode | Should -Be 0
            $after.LastLine | Should -Be "OK: $folder Connected c1"
        }

        It 'detection tests the installation it read, even in a folder whose name has brackets' {
            $parent = Join-Path $Root ([guid]::NewGuid().ToString('N'))
            $paie = Join-Path $parent 'Asso [Paie]'
            New-IeaTestInstallation -Path $paie -Content (Get-IeaTestIni) | Out-Null
            # '[Paie]' as a pattern matches 'Asso P': an outdated installation detection was not asked about.
            New-IeaTestInstallation -Path (Join-Path $parent 'Asso P') -Content (Get-IeaTestIni) | Out-Null
            (Invoke-Script $Remediate @($paie) $Layout).ExitCode | Should -Be 0
            $result = Invoke-Script $Detect @($paie) $Layout
            $result.LastLine | Should -Be "OK: $paie Connected c1"
            $result.ExitCode | Should -Be 0
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
