BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-format-" + [guid]::NewGuid().ToString('N'))
    New-IeaTestInstallation -Path "$Root/A" -Content (Get-IeaTestIni) | Out-Null
    New-IeaTestInstallation -Path "$Root/B" -Content (Get-IeaTestIni -Assistance 1) | Out-Null
    $script:Saved = $PSStyle.OutputRendering
}
AfterAll {
    $PSStyle.OutputRendering = $Saved
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'Format views' {
    BeforeEach { $PSStyle.OutputRendering = 'PlainText' }

    It 'shows statuses as a table of computer, folder, state, case and next command' {
        $text = Get-IeaConnectionStatus -Path "$Root/A", "$Root/B" -Offline | Out-String -Width 160
        $text | Should -Match 'ComputerName\s+Path\s+State\s+Case\s+NextCommand'
        $text | Should -Match 'ConfigurationOutdated\s+Repair-IeaConnection'
        $text | Should -Match 'AssistanceMode\s+Repair-IeaConnection'
        $text | Should -Not -Match "`e\["
    }

    It 'fits an 80-column console: one or two lines per installation, local or deserialized' {
        $short = Join-Path ([IO.Path]::GetTempPath()) ('iea-' + [guid]::NewGuid().ToString('N').Substring(0, 6))
        $folders = "$short/A", "$short/Program Files (x86)/ImpactEmploi", "$short/$('x' * 60)/ImpactEmploi"
        try {
            foreach ($folder in $folders) { New-IeaTestInstallation -Path $folder -Content (Get-IeaTestIni) | Out-Null }
            $statuses = Get-IeaConnectionStatus -Path $folders -Offline
            $remote = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($statuses, 2))
            foreach ($objects in @($statuses), @($remote)) {
                $lines = @(($objects | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
                $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
                # Header and rule, then the rows: 1 + 2 + 2 lines (short folder; folder that wraps once; long folder shown by its end).
                $lines.Count - 2 | Should -BeLessOrEqual (2 * $folders.Count)
                $lines[2] | Should -Match '^\S+\s+\S+/A\s+ConfigurationOutdated\s+Repair-IeaConnection$'
                ($lines -join "`n") | Should -Match '\s\.\.\.x{15}\s'
            }
        }
        finally { Remove-Item -Recurse -Force $short -ErrorAction SilentlyContinue }
    }

    It 'shows the full next step, deviations and server tests in the list view' {
        $text = Get-IeaConnectionStatus -Path "$Root/A" -Offline | Format-List | Out-String -Width 200
        $text | Should -Match 'NextStep\s+: The connection settings differ from the fiche'
        $text | Should -Match '(?m)^Deviations\s+: Connection mode: Normal \(the fiche: Secure\)$'
        $text | Should -Match '(?m)^\s+Authentication server: http://impact-emploi.urssaf.fr'
        $text | Should -Match 'Version\s+: 3.00.72'
    }

    It 'colours the state when the output is rendered for a terminal' {
        $PSStyle.OutputRendering = 'Ansi'
        $text = Get-IeaConnectionStatus -Path "$Root/B" -Offline | Out-String -Width 160
        $text | Should -Match ([regex]::Escape($PSStyle.Foreground.Red + 'AssistanceMode'))
    }

    It 'shows a configuration as a list with its deviations, one per line' {
        $text = Get-IeaServerConfig -Path "$Root/A" | Out-String -Width 160
        $text | Should -Match 'ConnectionMode\s+: Normal'
        $text | Should -Match 'IsRecommended\s+: False'
        $text | Should -Match 'Deviations\s+: Connection mode: Normal \(the fiche: Secure\)'
        $text | Should -Match '(?m)^\s+Authentication server: http://impact-emploi.urssaf.fr'
    }

    It 'shows installations, backups and repair reports with their own views' {
        Get-IeaInstallation -Path "$Root/A" | Out-String -Width 160 | Should -Match 'Version\s+Running\s+Layout\s+Path'
        Set-IeaServerConfig -Path "$Root/A" -ProxyPort 8080 -Confirm:$false
        $backups = Get-IeaServerConfigBackup -Path "$Root/A" | Out-String -Width 200
        $backups | Should -Match 'Created \(local time\)\s+Bytes\s+BackupPath'
        # The full time, to the millisecond: what tells two backups of one minute apart.
        $backups | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\s+\d+ '
        $report = Repair-IeaConnection -Path "$Root/A" -WhatIf 6>$null
        $text = $report | Out-String -Width 160
        $text | Should -Match 'Before\s+: ConfigurationOutdated'
        $text | Should -Match 'Actions\s+: Would change: '
    }
}

Describe 'Output for scripts' {
    It 'writes Deviations as one readable string in CSV, local and deserialized, and the states as words' {
        $status = Get-IeaConnectionStatus -Path "$Root/A" -Offline
        $remote = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($status, 2))
        foreach ($object in $status, $remote) {
            $row = $object | ConvertTo-Csv | ConvertFrom-Csv
            $row.Deviations | Should -BeExactly ($status.Deviations -join '; ')
            $row.Deviations | Should -BeLike 'Connection mode: Normal (the fiche: Secure); Authentication server: *'
            $row.State | Should -BeExactly 'ConfigurationOutdated'
            $row.Icon | Should -BeExactly 'BlueBallRedHeart'
            $row.PSObject.Properties.Value | Should -Not -Contain 'System.String[]'
        }
        ($status | ConvertTo-Json -Depth 3 | ConvertFrom-Json).Deviations.Count | Should -Be 3
    }

    It 'sorts states in one documented order (alphabetical), the same for local and deserialized objects' {
        $statuses = Get-IeaConnectionStatus -Path "$Root/A", "$Root/B" -Offline
        $remote = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($statuses, 2))
        $local = @($statuses | Sort-Object State | ForEach-Object { [string] $_.State })
        $local | Should -Be @('AssistanceMode', 'ConfigurationOutdated')
        @($remote | Sort-Object State | ForEach-Object { [string] $_.State }) | Should -Be $local
        # The words are strings over the internal typed StateValue, whose enum is declared alphabetically.
        $names = [Enum]::GetNames($statuses[0].GetType().GetProperty('StateValue', [Reflection.BindingFlags]'Instance, NonPublic').PropertyType)
        $names | Should -Contain 'ConfigurationOutdated'
        $names | Should -Be @($names | Sort-Object)
    }

    It 'gives every server test the folder and computer it ran for' {
        $results = Test-IeaServers -Path "$Root/A" -TimeoutSec 1 -RetryCount 0 3>$null
        $results.Count | Should -Be 3
        $results | ForEach-Object {
            $_.Path | Should -Be (Get-Item "$Root/A").FullName
            $_.ComputerName | Should -Be ([Environment]::MachineName)
        }
    }

    It 'speaks the fiche''s words under fr-FR: "Sécurisé", not "Secure"' {
        $saved = [Globalization.CultureInfo]::CurrentUICulture
        [Globalization.CultureInfo]::CurrentUICulture = 'fr-FR'
        try { $config = Get-IeaServerConfig -Path "$Root/A" }
        finally { [Globalization.CultureInfo]::CurrentUICulture = $saved }
        $config.Deviations[0] | Should -BeExactly 'Mode de connexion : Normal (la fiche : Sécurisé)'
    }
}
