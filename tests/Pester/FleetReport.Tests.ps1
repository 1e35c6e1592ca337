# Export-IeaFleetReport (the fleet report): real statuses from demo installations in several states, and
# deserialized ones as Invoke-Command or Import-Clixml return them; the CSV under fr-FR and en-US in fresh PowerShells;
# the page checked in a real browser (Debian's headless Chromium, installed by tests/infra/install-deps.sh).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ('iea-report-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $Root | Out-Null
    $script:Hostile = '<script>alert(1)</script> & "quotes" ''single'''
    $script:Accented = 'Secrétariat-Été'

    function New-Fixture([string] $Name, [hashtable] $Ini) {
        $folder = Join-Path $Root $Name
        New-IeaTestInstallation -Path $folder -Content (Get-IeaTestIni @Ini) | Out-Null
        $folder
    }
    function ConvertTo-IeaDeserialized($Object, [int] $Depth = 1) {
        [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($Object, $Depth))
    }

    # Real statuses: every state -Offline can give, and Disconnected from a port that refuses (127.0.0.1:1).
    $fiche = @{ Mode = 'Securise'; Authentication = 'https://impact-emploi.urssaf.fr'; Update = 'https://impact-emploi.urssaf.fr/updates' }
    $script:Outdated = Get-IeaConnectionStatus -Offline -Path (New-Fixture 'outdated' @{})
    $script:Assistance = Get-IeaConnectionStatus -Offline -Path (New-Fixture 'assistance' @{ Assistance = 1 })
    $script:Denied = Get-IeaConnectionStatus -Offline -Path (New-Fixture 'denied' ($fiche + @{ Result = 'AutorisationRefusee' }))
    $script:Licence = Get-IeaConnectionStatus -Offline -Path (New-Fixture 'licence' ($fiche + @{ Result = 'LicenceNonReconnue' }))
    $script:NotTested = Get-IeaConnectionStatus -Offline -Path (New-Fixture 'fiche' $fiche)
    $script:Layout = New-IeaTestLayout -Path (Join-Path $Root 'refused.psd1') -BaseUrl 'https://127.0.0.1:1'
    $refused = New-Fixture 'refused' @{ Mode = 'Securise'; Authentication = 'https://127.0.0.1:1/'; Update = 'https://127.0.0.1:1/missing/updates'; NetEntreprises = 'https://127.0.0.1:1/authentifier/1.0/' }
    $script:Disconnected = Get-IeaConnectionStatus -Path $refused -LayoutPath $Layout -TimeoutSec 5 -RetryCount 0

    # What remote PCs send back: Deserialized.* objects, enums as words, PSComputerName added by Invoke-Command.
    $script:Remote = @(
        (ConvertTo-IeaDeserialized $NotTested | ForEach-Object { $_.ComputerName = $Accented; $_ })
        (ConvertTo-IeaDeserialized $Outdated | ForEach-Object { $_.ComputerName = $Hostile; $_ })
        (ConvertTo-IeaDeserialized $NotTested | ForEach-Object { $_.ComputerName = 'PC-ACCUEIL'; $_.State = 'Connected'; $_.Icon = 'BlueBall'; $_.Case = 1; $_ })
        # Depth 1, as remoting sends it: the module's types file still sends the server tests as objects.
        (ConvertTo-IeaDeserialized $Disconnected | ForEach-Object { $_.ComputerName = 'PC-DISTANT'; $_ })
        # Depth 2 (Export-Clixml).
        (ConvertTo-IeaDeserialized $Disconnected 2 | ForEach-Object { $_.ComputerName = 'PC-PROFOND'; $_ })
        (ConvertTo-IeaDeserialized $Assistance | ForEach-Object { $_.ComputerName = ''; $_ | Add-Member PSComputerName 'PC-VIA-REMOTING' -PassThru })
    )
    $script:All = @($Outdated, $Assistance, $Denied, $Licence, $NotTested, $Disconnected) + $Remote
    $script:Expected = [ordered]@{ LicenseNotRecognized = 1; AuthorizationDenied = 1; Disconnected = 3; AssistanceMode = 2; ConfigurationOutdated = 2; NotTested = 2; Connected = 1 }

    # The numbers in the "per state" list of a page (or of the DOM a browser made of it).
    function Get-ReportCount([string] $Html) {
        $counts = [ordered]@{}
        foreach ($m in [regex]::Matches($Html, '<li class="count[^"]*" data-state="([^"]+)">.*?<span class="n">(\d+)</span>')) {
            $counts[$m.Groups[1].Value] = [int] $m.Groups[2].Value
        }
        $counts
    }
    function Get-ReportRowName([string] $Html) {
        @([regex]::Matches($Html, '<tr data-severity="\d" data-name="([^"]*)"') | ForEach-Object { [Net.WebUtility]::HtmlDecode($_.Groups[1].Value) })
    }
}
AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

Describe 'Export-IeaFleetReport' {
    It 'has the statuses it needs: real ones in six states and deserialized ones' {
        @($All.State | ForEach-Object { $_.ToString() } | Sort-Object -Unique) | Should -Be @('AssistanceMode', 'AuthorizationDenied', 'ConfigurationOutdated', 'Connected', 'Disconnected', 'LicenseNotRecognized', 'NotTested')
        $Disconnected.ServerTests.Failure | Should -Be @('ConnectionRefused', 'ConnectionRefused', 'ConnectionRefused')
        $Remote[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaConnectionStatus'
        $Remote[3].ServerTests[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaServerTestResult'
        $Remote[3].ServerTests[0].Failure | Should -BeExactly 'ConnectionRefused'
        $Remote[4].ServerTests[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.ImpactEmploi.IeaServerTestResult'
        $Remote[4].State | Should -BeOfType [string] -Because 'the types file sends the fixed words as words at every depth'
    }

    It 'writes one self-contained page and the CSV; -PassThru gives both files' {
        $html = Join-Path $Root 'fleet.html'
        $files = @($All | Export-IeaFleetReport -Path $html -CsvPath (Join-Path $Root 'fleet.csv') -PassThru)
        $files.Name | Should -Be @('fleet.html', 'fleet.csv')
        $files[0] | Should -BeOfType [IO.FileInfo]
        $page = [IO.File]::ReadAllText($html)
        $page | Should -Match '<meta charset="utf-8">'
        $page | Should -Not -Match '(src|href)="(?!#)|<link|@import|url\('
        @(Get-ChildItem -Force $Root -Filter '*.tmp').Count | Should -Be 0 -Because 'the write goes through a temp file renamed over the target'
    }

    It 'counts every state and orders the rows by state, then name' {
        $page = $All | Export-IeaFleetReport -Path (Join-Path $Root 'order.html') -PassThru | Get-Content -Raw
        $counts = Get-ReportCount $page
        foreach ($state in $Expected.Keys) { $counts[$state] | Should -Be $Expected[$state] -Because $state }
        $names = Get-ReportRowName $page
        $names.Count | Should -Be 12
        $names[0] | Should -Be ([Environment]::MachineName) # LicenseNotRecognized
        $names | Should -Contain $Hostile
        $names[-1] | Should -Be 'PC-ACCUEIL' # Connected, the only one
    }

    It 'reads deserialized statuses: server tests as objects or as text, and PSComputerName when ComputerName is empty' {
        $page = $Remote | Export-IeaFleetReport -Path (Join-Path $Root 'remote.html') -PassThru | Get-Content -Raw
        foreach ($pc in 'PC-DISTANT', 'PC-PROFOND') {
            $row = [regex]::Match($page, "<tr[^>]*data-name=""$pc"">.*?</tr>").Value
            $row | Should -Match 'title="Disconnected: '
            $row | Should -Match '<td class="fails bad" title="[^"]*">the server refused the connection</td>'
            ([regex]::Matches($row, 'https://127\.0\.0\.1:1/\S* \(ConnectionRefused\)')).Count | Should -Be 3 -Because $pc
        }
        Get-ReportRowName $page | Should -Contain 'PC-VIA-REMOTING'
        $page | Should -Not -Match '<script>alert'
    }

    It 'takes a repair report as its status after the repair, and -InputObject as an array' {
        $report = Repair-IeaConnection -Path (Join-Path $Root 'refused') -LayoutPath $Layout -TimeoutSec 5 -RetryCount 0 -WhatIf
        $report.After.State | Should -Not -BeNullOrEmpty
        $page = Export-IeaFleetReport -Path (Join-Path $Root 'repair.html') -InputObject @($report, $Assistance) -PassThru | Get-Content -Raw
        (Get-ReportRowName $page).Count | Should -Be 2
    }

    It 'reports an object that is not a status, and writes the page with the others' {
        $page = Join-Path $Root 'mixed.html'
        'not a status', @{ Name = 'a hashtable' }, $Outdated | Export-IeaFleetReport -Path $page -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems).Count | Should -Be 2
        $problems.FullyQualifiedErrorId | Should -BeLike 'NotAConnectionStatus,*'
        (Get-ReportRowName (Get-Content -Raw $page)).Count | Should -Be 1
    }

    It 'writes each state''s next step once, in a section per state, and short rows with version, time and deviations' {
        $page = $All | Export-IeaFleetReport -Path (Join-Path $Root 'steps.html') -PassThru | Get-Content -Raw
        foreach ($state in $Expected.Keys) {
            ([regex]::Matches($page, "<li id=""state-$state"">")).Count | Should -Be 1 -Because $state
        }
        $page | Should -Not -Match ([regex]::Escape([Net.WebUtility]::HtmlEncode($Outdated.NextStep))) -Because 'no row repeats its next step'
        $page | Should -Match '<th>IEA version</th><th>Checked at</th><th>Deviations</th>'
        $row = [regex]::Match($page, "<tr[^>]*data-name=""$([regex]::Escape($Outdated.ComputerName))"">(?:(?!</tr>).)*outdated(?:(?!</tr>).)*</tr>").Value
        $row | Should -Match '<td class="nowrap">3\.00\.72</td>'
        $row | Should -Match '<td class="devs" title="Connection mode: Normal[^"]*">Connection mode, Authentication server, Update server</td>'
        $row | Should -Match 'href="#state-ConfigurationOutdated">Settings to correct</a>'
    }

    It 'lists the PCs that could not be read, from errors on the pipeline and from -ErrorInput' {
        $failed = [Management.Automation.ErrorRecord]::new([Exception]::new('Connecting to remote server PC-ETEINT failed: the WinRM client cannot complete the operation.'),
            'CannotConnect,PSSessionStateBroken', 'OpenError', 'PC-ETEINT')
        $later = [Management.Automation.ErrorRecord]::new([Exception]::new('Access is denied.'), 'AccessDenied,PSSessionStateBroken', 'OpenError', 'PC-FERME')
        $page = @($Outdated, $failed) | Export-IeaFleetReport -Path (Join-Path $Root 'unread.html') -ErrorInput $later -PassThru | Get-Content -Raw
        $page | Should -Match '<h2 id="unread">PCs that could not be read \(2\)</h2>'
        $page | Should -Match '<tr><td class="nowrap">PC-ETEINT</td><td>Connecting to remote server PC-ETEINT failed: [^<]*</td><td>CannotConnect,PSSessionStateBroken</td></tr>'
        $page | Should -Match '<tr><td class="nowrap">PC-FERME</td><td>Access is denied\.</td>'
        (Get-ReportRowName $page).Count | Should -Be 1
    }

    It 'writes no file at all when nothing valid came in' {
        $page = Join-Path $Root 'nothing.html'
        'not a status', @{ State = 'Connected' } | Export-IeaFleetReport -Path $page -CsvPath (Join-Path $Root 'nothing.csv') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0..1].FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'NotAConnectionStatus,*' }
        $problems[-1].FullyQualifiedErrorId | Should -BeLike 'ReportNotWritten,*'
        @($problems).Count | Should -Be 3
        Join-Path $Root 'nothing.*' | Should -Not -Exist
    }

    It 'says each written file once in -Verbose, in the display language' {
        $html = Join-Path $Root 'verbose.html'
        $saved = [Globalization.CultureInfo]::CurrentUICulture
        [Globalization.CultureInfo]::CurrentUICulture = 'fr-FR'
        try { $verbose = @($Outdated | Export-IeaFleetReport -Path $html -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) }
        finally { [Globalization.CultureInfo]::CurrentUICulture = $saved }
        @($verbose | Where-Object { $_.Message -like "Rapport de parc écrit dans $html*" }).Count | Should -Be 1
        @($verbose | Where-Object { $_.Message -like '*Fleet report*' }).Count | Should -Be 0 -Because 'the log''s English template goes to the log file only'
    }

    It 'writes nothing with -WhatIf' {
        $All | Export-IeaFleetReport -Path (Join-Path $Root 'whatif.html') -CsvPath (Join-Path $Root 'whatif.csv') -WhatIf
        Join-Path $Root 'whatif.*' | Should -Not -Exist
    }

    It 'stops with ReportNotWritten when the folder does not exist' {
        { $Outdated | Export-IeaFleetReport -Path (Join-Path $Root 'missing/report.html') -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportNotWritten,*'
    }
}

Describe 'The CSV for Excel, by culture (fresh PowerShell)' {
    BeforeAll {
        # Import-Clixml gives Deserialized.* objects too: the way statuses gathered elsewhere come back.
        $script:Clixml = Join-Path $Root 'statuses.clixml'
        $All | Export-Clixml -Path $Clixml
        function Invoke-ReportIn([string] $Culture) {
            $csv = Join-Path $Root "fleet-$Culture.csv"
            $html = Join-Path $Root "fleet-$Culture.html"
            $command = "[Globalization.CultureInfo]::CurrentUICulture = '$Culture'; [Globalization.CultureInfo]::CurrentCulture = '$Culture'; " +
                "Import-Module '$(Get-IeaTestManifest)'; Import-Clixml '$Clixml' | Export-IeaFleetReport -Path '$html' -CsvPath '$csv'"
            $result = Invoke-IeaChildPwsh -Command $command
            $result.ExitCode | Should -Be 0 -Because $result.StdErr
            $bytes = [IO.File]::ReadAllBytes($csv)
            [pscustomobject]@{
                Bom   = '{0:X2}{1:X2}{2:X2}' -f $bytes[0], $bytes[1], $bytes[2]
                Lines = [Text.Encoding]::UTF8.GetString($bytes, 3, $bytes.Length - 3) -split "`r`n"
                Html  = [IO.File]::ReadAllText($html)
            }
        }
    }

    It 'under fr-FR: UTF-8 BOM, semicolons, accents and French labels' {
        $fr = Invoke-ReportIn 'fr-FR'
        $fr.Bom | Should -Be 'EFBBBF'
        $fr.Lines[0] | Should -BeExactly 'Poste;Dossier d''installation;État;Signification;Cas (fiche);Conforme à la fiche;Version d''IEA;Vérifié le;Écarts à la fiche;Serveurs injoignables;Étape suivante'
        $fr.Lines | Where-Object { $_ -like "$Accented;*" } | Should -Not -BeNullOrEmpty
        $fr.Lines | Where-Object { $_ -like '"<script>alert(1)</script> & ""quotes"" ''single''";*' } | Should -Not -BeNullOrEmpty
        $fr.Lines | Where-Object { $_ -like 'PC-DISTANT;*;Disconnected;serveurs injoignables;2;non;3.00.72;????-??-?? ??:??;;Authentication https://127.0.0.1:1/ (ConnectionRefused) | *' } | Should -Not -BeNullOrEmpty
        $fr.Lines.Count | Should -Be 14 # header, 12 rows, and nothing after the last CRLF
        $fr.Html | Should -Match '<html lang="fr">'
        # State labels in the page's language, the English word kept as the tooltip.
        $fr.Html | Should -Match ([regex]::Escape('title="ConfigurationOutdated: ') + '[^"]*"><svg[^>]*>.*?</svg><a class="word" href="#state-ConfigurationOutdated">' + [regex]::Escape([Net.WebUtility]::HtmlEncode('Paramètres à corriger')))
        $fr.Html | Should -Match ([regex]::Escape([Net.WebUtility]::HtmlEncode('Installations par état')))
    }

    It 'under en-US: UTF-8 BOM and commas' {
        $en = Invoke-ReportIn 'en-US'
        $en.Bom | Should -Be 'EFBBBF'
        $en.Lines[0] | Should -BeExactly 'PC,Installation folder,State,Meaning,Case (fiche),As the fiche asks,IEA version,Checked at,Deviations,Servers not reachable,Next step'
        $en.Lines | Where-Object { $_ -like "PC-ACCUEIL,*,Connected,""connected, servers reachable"",1,yes,3.00.72,*" } | Should -Not -BeNullOrEmpty
        $en.Html | Should -Match '<html lang="en">'
    }
}

Describe 'The page in a real browser (headless Chromium)' {
    BeforeAll {
        $script:Chromium = @('/usr/bin/chromium', '/usr/bin/chromium-browser') | Where-Object { Test-Path $_ } | Select-Object -First 1
        if (-not $Chromium) { return }
        $script:Page = Join-Path $Root 'browser.html'
        $All | Export-IeaFleetReport -Path $Page -Title 'Parc <b>test</b>'

        # One headless Chromium per call, with a profile of its own, nothing from the network; stdout is returned.
        function Invoke-Chromium([string[]] $Arguments) {
            $userData = Join-Path $Root ('chromium-' + [guid]::NewGuid().ToString('N'))
            $info = [Diagnostics.ProcessStartInfo]::new($Chromium)
            foreach ($a in @('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                    '--disable-component-update', '--disable-sync', "--user-data-dir=$userData") + $Arguments) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardOutput = $true
            $info.RedirectStandardError = $true
            $info.UseShellExecute = $false
            $process = [Diagnostics.Process]::Start($info)
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit(60000)) { $process.Kill($true); throw "Chromium did not finish in 60 s: $($stderr.Result)" }
            $process.ExitCode | Should -Be 0 -Because $stderr.Result
            $stdout.Result
        }
        function ConvertTo-FileUri([string] $Path) { [Uri]::new($Path, [UriKind]::Absolute).AbsoluteUri }

        $script:Dom = Invoke-Chromium @('--dump-dom', (ConvertTo-FileUri $Page))
    }
    BeforeEach {
        if (-not $Chromium) { Set-ItResult -Skipped -Because 'Chromium is not installed (/usr/bin/chromium): tests/infra/install-deps.sh installs Debian''s chromium, as root' }
    }

    It 'shows the accented name, and the hostile name as text' {
        $Dom | Should -Match ([regex]::Escape($Accented))
        $Dom | Should -Match ([regex]::Escape([Net.WebUtility]::HtmlEncode('<script>alert(1)</script> & ')))
        $Dom | Should -Match ([regex]::Escape('<title>Parc &lt;b&gt;test&lt;/b&gt;</title>'))
    }

    It 'runs no injected script: the only script element is the sorter' {
        $Dom | Should -Not -Match '<script>alert'
        $Dom | Should -Not -Match '<b>test</b>'
        ([regex]::Matches($Dom, '<script')).Count | Should -Be 1
    }

    It 'shows the counts per state and the rows by state, then name' {
        $counts = Get-ReportCount $Dom
        foreach ($state in $Expected.Keys) { $counts[$state] | Should -Be $Expected[$state] -Because $state }
        Get-ReportRowName $Dom | Should -Be (Get-ReportRowName (Get-Content -Raw $Page))
    }

    It 'sorts by name on a click: the sorter is allowed by the page''s Content-Security-Policy' {
        # The same page with one more line in its script (a click on the "PC" header) and that script's hash in the policy.
        $html = Get-Content -Raw $Page
        $script = [regex]::Match($html, '(?s)<script>(.*)</script>').Groups[1].Value
        $hash = { param($text) 'sha256-' + [Convert]::ToBase64String([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($text))) }
        $html | Should -Match ([regex]::Escape((& $hash $script))) -Because 'the policy allows the script by its hash'
        $clicked = $script + "`ndocument.querySelector('th[data-sort=name] button').click();"
        $copy = Join-Path $Root 'clicked.html'
        [IO.File]::WriteAllText($copy, $html.Replace($script, $clicked).Replace((& $hash $script), (& $hash $clicked)))
        $dom = Invoke-Chromium @('--dump-dom', (ConvertTo-FileUri $copy))
        $dom | Should -Match '<th data-sort="name" aria-sort="ascending">'
        $names = Get-ReportRowName $dom
        $names[0] | Should -Be $Hostile -Because '"<" sorts before letters'
        $names.IndexOf('PC-ACCUEIL') | Should -BeLessThan $names.IndexOf('PC-DISTANT')
    }

    It 'shows 200 PCs at one or two lines each, at 1280 pixels wide' {
        $fleet = foreach ($i in 1..200) {
            $source = $All[$i % $All.Count]
            $copy = ConvertTo-IeaDeserialized $source
            $copy.ComputerName = 'PC-{0:D3}' -f $i
            $copy
        }
        $big = Join-Path $Root 'fleet-200.html'
        $fleet | Export-IeaFleetReport -Path $big
        # The page's own script plus a measuring line, allowed by its hash (as in the sorting test above).
        $html = Get-Content -Raw $big
        $script = [regex]::Match($html, '(?s)<script>(.*)</script>').Groups[1].Value
        $hash = { param($text) 'sha256-' + [Convert]::ToBase64String([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($text))) }
        $measure = $script + "`n(function () { var rows = document.querySelectorAll('#fleet tbody tr'), max = 0, line = parseFloat(getComputedStyle(document.body).lineHeight);" +
            " Array.prototype.forEach.call(rows, function (r) { max = Math.max(max, r.getBoundingClientRect().height); });" +
            " document.body.setAttribute('data-rows', rows.length); document.body.setAttribute('data-line', line.toFixed(1));" +
            " document.body.setAttribute('data-max-row', max.toFixed(1)); document.body.setAttribute('data-mean-row', (document.querySelector('#fleet tbody').getBoundingClientRect().height / rows.length).toFixed(1)); })();"
        $copy = Join-Path $Root 'fleet-200-measured.html'
        [IO.File]::WriteAllText($copy, $html.Replace($script, $measure).Replace((& $hash $script), (& $hash $measure)))
        $dom = Invoke-Chromium @('--window-size=1280,900', '--dump-dom', (ConvertTo-FileUri $copy))
        $body = [regex]::Match($dom, '<body data-rows="(\d+)" data-line="([\d.]+)" data-max-row="([\d.]+)" data-mean-row="([\d.]+)"')
        $body.Success | Should -BeTrue -Because 'the measuring script ran'
        [int] $body.Groups[1].Value | Should -Be 200
        $line = [double] $body.Groups[2].Value
        $maxRow = [double] $body.Groups[3].Value
        Write-Host "200 PCs at 1280 px: line $line px, tallest row $maxRow px, mean $($body.Groups[4].Value) px"
        # Two lines of text, the cell padding and the border: a row never takes a third line.
        $maxRow | Should -BeLessThan (3 * $line) -Because "each PC takes one or two lines (line height $line px)"
    }

    It 'renders to a PNG' {
        $png = Join-Path $Root 'fleet.png'
        Invoke-Chromium @("--screenshot=$png", '--window-size=1280,900', (ConvertTo-FileUri $Page)) | Out-Null
        $png | Should -Exist
        $bytes = [IO.File]::ReadAllBytes($png)
        '{0:X2}{1:X2}{2:X2}{3:X2}' -f $bytes[0], $bytes[1], $bytes[2], $bytes[3] | Should -Be '89504E47'
        $bytes.Length | Should -BeGreaterThan 30KB -Because 'a page with icons and a table is far from a blank image'
    }
}
