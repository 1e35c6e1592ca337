BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
}

Describe 'Get-IeaInstallation' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-inst-" + [guid]::NewGuid().ToString('N'))
        $script:SavedHome = $env:IEA_HOME
        $env:IEA_HOME = $null
    }
    AfterEach {
        $env:IEA_HOME = $SavedHome
        Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    }

    It 'describes an installation given by its folder' {
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        $installation = Get-IeaInstallation -Path "$Root/A"
        $installation.PSObject.TypeNames[0] | Should -Be 'ImpactEmploi.IeaInstallation'
        $installation.Path | Should -Be ([IO.Path]::GetFullPath("$Root/A"))
        $installation.ConfigPath | Should -Be ([IO.Path]::GetFullPath("$Root/A/ImpactEmploi.ini"))
        $installation.Version | Should -BeExactly '3.00.72'
        $installation.LayoutName | Should -Be 'Default'
        $installation.ApplicationRunning | Should -BeFalse
        $installation.ConnectionProgramRunning | Should -BeFalse
    }

    It 'accepts the settings file itself, a relative path and a wildcard' {
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        New-IeaTestInstallation -Path "$Root/B" | Out-Null
        (Get-IeaInstallation -Path "$Root/A/ImpactEmploi.ini").Path | Should -Be ([IO.Path]::GetFullPath("$Root/A"))
        Push-Location $Root
        try { (Get-IeaInstallation -Path ./B).Path | Should -Be ([IO.Path]::GetFullPath("$Root/B")) } finally { Pop-Location }
        @(Get-IeaInstallation -Path "$Root/*").Count | Should -Be 2
    }

    It 'takes paths from the pipeline by property name (FullName of Get-Item, Path of any object)' {
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        New-IeaTestInstallation -Path "$Root/B" | Out-Null
        @(Get-Item "$Root/A", "$Root/B" | Get-IeaInstallation).Count | Should -Be 2
        ([pscustomobject]@{ Path = "$Root/B" } | Get-IeaInstallation).Version | Should -Be '3.00.72'
    }

    It 'reports InstallationNotFound for a path that is not an installation, and goes on with the others' {
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        New-Item -ItemType Directory "$Root/Empty" | Out-Null
        $found = Get-IeaInstallation -Path "$Root/Empty", "$Root/A" -ErrorVariable problems -ErrorAction SilentlyContinue
        @($found).Count | Should -Be 1
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InstallationNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'discovers the folders of $env:IEA_HOME, once each' {
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        New-IeaTestInstallation -Path "$Root/B" | Out-Null
        $env:IEA_HOME = @("$Root/A", "$Root/B", "$Root/A/", "$Root/NotThere") -join [IO.Path]::PathSeparator
        $found = @(Get-IeaInstallation)
        $found.Path | Should -Be @([IO.Path]::GetFullPath("$Root/A"), [IO.Path]::GetFullPath("$Root/B"))
    }

    It 'says what it searched when it finds nothing' -Skip:$IsWindows {
        New-Item -ItemType Directory "$Root/Empty" -Force | Out-Null
        $env:IEA_HOME = "$Root/Empty"
        $null = Get-IeaInstallation -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InstallationNotFound,*'
        $problems[0].Exception.Message | Should -BeLike "*$Root*Empty*"
    }

    It 'sees IEA and its connection program running from this installation only' -Skip:(-not $IsLinux) {
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        New-IeaTestInstallation -Path "$Root/B" | Out-Null
        Copy-Item /bin/sleep "$Root/A/ServeurConnexion.exe"
        $process = Start-Process "$Root/A/ServeurConnexion.exe" -ArgumentList 30 -PassThru
        try {
            Start-Sleep -Milliseconds 200
            $a, $b = Get-IeaInstallation -Path "$Root/A", "$Root/B"
            $a.ConnectionProgramRunning | Should -BeTrue
            $a.ApplicationRunning | Should -BeFalse
            $b.ConnectionProgramRunning | Should -BeFalse
        }
        finally { $process | Stop-Process -Force }
    }

    It 'still lists an installation whose settings file cannot be read, with no version and a warning' {
        New-Item -ItemType Directory "$Root/Broken" | Out-Null
        [IO.File]::WriteAllBytes("$Root/Broken/ImpactEmploi.ini", [byte[]](0, 1, 2, 3, 0, 255))
        $installation = Get-IeaInstallation -Path "$Root/Broken" -WarningVariable warnings -WarningAction SilentlyContinue
        $installation.Version | Should -BeNullOrEmpty
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*ImpactEmploi.ini*'
    }

    It 'follows a layout that names another settings file' {
        $layout = Get-Content -Raw (Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1')
        New-Item -ItemType Directory $Root | Out-Null
        Set-Content -Path "$Root/Other.psd1" -Value ($layout.Replace("'ImpactEmploi.ini'", "'IEA.cfg'").Replace("Name     = 'Default'", "Name     = 'Other'")) -Encoding utf8
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        Move-Item "$Root/A/ImpactEmploi.ini" "$Root/A/IEA.cfg"
        $installation = Get-IeaInstallation -Path "$Root/A" -LayoutPath "$Root/Other.psd1"
        $installation.ConfigPath | Should -Be ([IO.Path]::GetFullPath("$Root/A/IEA.cfg"))
        $installation.LayoutName | Should -Be 'Other'
        { Get-IeaInstallation -Path "$Root/A" -ErrorAction Stop } | Should -Throw -ErrorId 'InstallationNotFound,*'
    }

    It 'refuses a layout with a missing field with LayoutInvalid naming the field' {
        $layout = Get-Content -Raw (Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1')
        New-Item -ItemType Directory $Root | Out-Null
        Set-Content -Path "$Root/Bad.psd1" -Value ($layout -replace "(?m)^\s*ProxyPort\s*=.*$", '') -Encoding utf8
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        $thrown = { Get-IeaInstallation -Path "$Root/A" -LayoutPath "$Root/Bad.psd1" } | Should -Throw -ErrorId 'LayoutInvalid,*' -PassThru
        $thrown.Exception.Message | Should -BeLike '*Settings.ProxyPort*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'refuses a layout file that runs code' {
        New-Item -ItemType Directory $Root | Out-Null
        Set-Content -Path "$Root/Code.psd1" -Value "@{ Name = (Get-Date).ToString() }" -Encoding utf8
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        { Get-IeaInstallation -Path "$Root/A" -LayoutPath "$Root/Code.psd1" } | Should -Throw -ErrorId 'LayoutInvalid,*'
    }

    It 'takes the layout from $env:IEA_LAYOUT when -LayoutPath is absent' {
        $layout = Get-Content -Raw (Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1')
        New-Item -ItemType Directory $Root | Out-Null
        Set-Content -Path "$Root/Env.psd1" -Value ($layout.Replace("Name     = 'Default'", "Name     = 'FromEnvironment'")) -Encoding utf8
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        $env:IEA_LAYOUT = "$Root/Env.psd1"
        try { (Get-IeaInstallation -Path "$Root/A").LayoutName | Should -Be 'FromEnvironment' } finally { $env:IEA_LAYOUT = $null }
    }

    It 'finds an installation through its Windows uninstall entry' -Tag Windows -Skip:(-not $IsWindows) {
        New-IeaTestInstallation -Path "$Root/A" | Out-Null
        $key = 'HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\ImpactEmploiPSTest'
        New-Item -Path $key -Force | Out-Null
        try {
            New-ItemProperty -Path $key -Name DisplayName -Value 'Impact Emploi Association' | Out-Null
            New-ItemProperty -Path $key -Name InstallLocation -Value "$Root\A" | Out-Null
            (Get-IeaInstallation).Path | Should -Contain ([IO.Path]::GetFullPath("$Root/A"))
        }
        finally { Remove-Item -Path $key -Recurse -Force }
    }
}
