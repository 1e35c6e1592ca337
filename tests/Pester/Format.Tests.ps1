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

    It 'shows statuses as a table with state, icon, case and next step' {
        $text = Get-IeaConnectionStatus -Path "$Root/A", "$Root/B" -Offline | Out-String -Width 160
        $text | Should -Match 'ComputerName\s+State\s+Icon\s+Case\s+Compliant\s+NextStep'
        $text | Should -Match 'ConfigurationOutdated\s+BlueBallRedHeart\s+0\s+False'
        $text | Should -Match 'AssistanceMode\s+RedScarab'
        $text | Should -Not -Match "`e\["
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
        Get-IeaServerConfigBackup -Path "$Root/A" | Out-String -Width 200 | Should -Match 'Created \(local time\)\s+Bytes\s+BackupPath'
        $report = Repair-IeaConnection -Path "$Root/A" -WhatIf 6>$null
        $text = $report | Out-String -Width 160
        $text | Should -Match 'Before\s+: ConfigurationOutdated'
        $text | Should -Match 'Actions\s+: Would change: '
    }
}
