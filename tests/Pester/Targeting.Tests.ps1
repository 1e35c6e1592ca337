BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
    $script:Cp1252 = [Text.Encoding]::GetEncoding(1252)
    $script:DefaultLayoutText = Get-Content -Raw (Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1')

    # Files are compared as hex text: Pester compares arrays loosely, a string exactly.
    function Get-Bytes([string] $Path) { [BitConverter]::ToString([IO.File]::ReadAllBytes($Path)) }

    # Files beside the settings file that no cmdlet may ever write to.
    function New-Bystanders([string] $Folder) {
        foreach ($name in 'export.csv', 'Impression.ini', 'journal.log') {
            [IO.File]::WriteAllBytes((Join-Path $Folder $name), $Cp1252.GetBytes("$name`r`nligne=1`r`n"))
        }
        @{ 'export.csv' = (Get-Bytes "$Folder/export.csv"); 'Impression.ini' = (Get-Bytes "$Folder/Impression.ini"); 'journal.log' = (Get-Bytes "$Folder/journal.log") }
    }

    function Assert-Bystanders([string] $Folder, [hashtable] $Before) {
        foreach ($name in $Before.Keys) { Get-Bytes (Join-Path $Folder $name) | Should -Be $Before[$name] -Because "$name is not a settings file" }
    }

    # The default layout with some text replaced, saved with the given bytes.
    function New-Layout([string] $Path, [hashtable] $Replace = @{}, [Text.Encoding] $Encoding = [Text.UTF8Encoding]::new($false)) {
        $text = $DefaultLayoutText.TrimStart([char] 0xFEFF)
        foreach ($old in $Replace.Keys) {
            if (-not $text.Contains($old)) { throw "The default layout has no '$old': update the test." }
            $text = $text.Replace($old, $Replace[$old])
        }
        $bytes = [Collections.Generic.List[byte]]::new()
        $bytes.AddRange($Encoding.GetPreamble())
        $bytes.AddRange($Encoding.GetBytes($text))
        [IO.File]::WriteAllBytes($Path, $bytes.ToArray())
        $Path
    }

    # A PowerShell in another process, started with a hang guard (Invoke-IeaChildPwsh waits forever).
    function Start-ChildPwsh([string[]] $Arguments, [hashtable] $Environment = @{}) {
        $exe = (Get-Process -Id $PID).Path
        $info = [Diagnostics.ProcessStartInfo]::new($exe)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in @('-NoProfile', '-NonInteractive') + $Arguments) { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.RedirectStandardInput = $true
        $info.UseShellExecute = $false
        foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string] $Environment[$name] }
        [Diagnostics.Process]::Start($info)
    }
}

Describe 'Only the layout''s settings file is a target' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-target-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path "$Root/Asso1" | Out-Null
        New-IeaTestInstallation -Path "$Root/Asso2" | Out-Null
    }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'Set-IeaServerConfig -Path <root>\* writes the installations and skips every other file with a Verbose line' {
        $beside = New-Bystanders $Root
        $inside = New-Bystanders "$Root/Asso1"
        $verbose = Set-IeaServerConfig -Path "$Root/*" -Recommended -Confirm:$false -ErrorVariable problems -Verbose 4>&1 | ForEach-Object { "$_" }
        $problems | Should -BeNullOrEmpty
        Assert-Bystanders $Root $beside
        Assert-Bystanders "$Root/Asso1" $inside
        (Get-IeaServerConfig -Path "$Root/Asso1", "$Root/Asso2").IsRecommended | Should -Be @($true, $true)
        foreach ($name in 'export.csv', 'Impression.ini', 'journal.log') {
            @($verbose | Where-Object { $_ -like "Skipped*$name*" }).Count | Should -Be 1
        }
    }

    It 'Get-ChildItem <installation> -File | Set-IeaServerConfig writes the settings file only; the others are InstallationNotFound' {
        $inside = New-Bystanders "$Root/Asso1"
        Get-ChildItem "$Root/Asso1" -File | Set-IeaServerConfig -Recommended -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        Assert-Bystanders "$Root/Asso1" $inside
        (Get-IeaServerConfig -Path "$Root/Asso1").IsRecommended | Should -BeTrue
        @($problems).Count | Should -Be 3
        @($problems | Where-Object { $_.FullyQualifiedErrorId -like 'InstallationNotFound,*' }).Count | Should -Be 3
        $problems[0].Exception.Message | Should -BeLike '*not an IEA settings file*ImpactEmploi.ini*'
    }

    It 'a file named explicitly that is not the settings file is InstallationNotFound and stays as it was' {
        $inside = New-Bystanders "$Root/Asso1"
        Set-IeaServerConfig -Path "$Root/Asso1/Impression.ini" -Recommended -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        Set-IeaServerConfig -LiteralPath "$Root/Asso1/journal.log" -Recommended -Confirm:$false -ErrorVariable +problems -ErrorAction SilentlyContinue
        @($problems.FullyQualifiedErrorId) | Should -Be @('InstallationNotFound,ImpactEmploi.PS.Commands.SetIeaServerConfigCommand', 'InstallationNotFound,ImpactEmploi.PS.Commands.SetIeaServerConfigCommand')
        Assert-Bystanders "$Root/Asso1" $inside
        (Get-IeaServerConfig -Path "$Root/Asso1").IsRecommended | Should -BeFalse
    }

    It 'an installation object naming another file is checked like a path: InstallationNotFound, the file unchanged' {
        $inside = New-Bystanders "$Root/Asso1"
        $real = Get-IeaInstallation -Path "$Root/Asso2"
        $forged = $real.GetType()::new("$Root/Asso1", "$Root/Asso1/Impression.ini", '3.00.72', 'Default', $false, $false)
        $forged, $real | Set-IeaServerConfig -Recommended -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems.FullyQualifiedErrorId) | Should -BeLike 'InstallationNotFound,*'
        Assert-Bystanders "$Root/Asso1" $inside
        (Get-IeaServerConfig -Path "$Root/Asso1", "$Root/Asso2").IsRecommended | Should -Be @($false, $true)
    }

    It 'a wildcard that matches no installation is InstallationNotFound' {
        New-Bystanders $Root | Out-Null
        Get-IeaServerConfig -Path "$Root/*.csv" -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($problems.FullyQualifiedErrorId) | Should -BeLike 'InstallationNotFound,*'
    }
}

Describe '-LiteralPath and brackets' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-literal-" + [guid]::NewGuid().ToString('N'))
        $script:Paie = Join-Path $Root 'Asso [Paie]'
        $script:AssoA = Join-Path $Root 'Asso A'
        New-IeaTestInstallation -Path $Paie -Content (Get-IeaLegacyIni).Replace('Version=3.00.72', 'Version=9.9.9') | Out-Null
        New-IeaTestInstallation -Path $AssoA | Out-Null
        $script:AssoABytes = Get-Bytes (Join-Path $AssoA 'ImpactEmploi.ini')
    }
    AfterAll { Remove-Item -Recurse -Force -LiteralPath $Root -ErrorAction SilentlyContinue }
    AfterEach { Get-Bytes (Join-Path $AssoA 'ImpactEmploi.ini') | Should -Be $AssoABytes -Because '"Asso A" is never the target' }

    It '-Path with the brackets escaped reaches [Paie] only' {
        $escaped = Join-Path $Root 'Asso `[Paie`]'
        $configs = @(Get-IeaServerConfig -Path $escaped)
        $configs.Path | Should -Be $Paie
        $configs.Version | Should -Be '9.9.9'
    }

    It '-LiteralPath (and its alias LP) reaches [Paie] only, the folder or the settings file' {
        @(Get-IeaServerConfig -LiteralPath $Paie).Path | Should -Be $Paie
        @(Get-IeaServerConfig -LP (Join-Path $Paie 'ImpactEmploi.ini')).Path | Should -Be $Paie
    }

    It 'Get-Item -LiteralPath | cmdlet binds PSPath to -LiteralPath and reaches [Paie] only' {
        $statuses = @(Get-Item -LiteralPath $Paie | Get-IeaConnectionStatus -Offline)
        $statuses.Path | Should -Be $Paie
        @(Get-Item -LiteralPath (Join-Path $Paie 'ImpactEmploi.ini') | Get-IeaServerConfig).Path | Should -Be $Paie
    }

    It 'an object''s Path property on the pipeline is its real path, not a pattern: Get-IeaServerConfig -LiteralPath | Set-IeaServerConfig reaches [Paie] only' {
        $config = Get-IeaServerConfig -LiteralPath $Paie
        @($config | Get-IeaServerConfig).Version | Should -Be '9.9.9'
        @([pscustomobject]@{ Path = $Paie } | Get-IeaInstallation).Path | Should -Be $Paie
    }

    It 'Enable-IeaAssistanceMode -LiteralPath writes [Paie] only' {
        Enable-IeaAssistanceMode -LiteralPath $Paie -Confirm:$false
        (Get-IeaServerConfig -LiteralPath $Paie).AssistanceMode | Should -BeTrue
    }

    It 'every cmdlet with -Path has -LiteralPath with the aliases PSPath and LP, bound by property name' {
        foreach ($command in Get-Command -Module ImpactEmploi.PS | Where-Object { $_.Parameters.ContainsKey('Path') -and $_.Name -ne 'Export-IeaFleetReport' }) {
            $literal = $command.Parameters['LiteralPath']
            $literal | Should -Not -BeNullOrEmpty -Because "$($command.Name) has -Path"
            $literal.Aliases | Should -Be @('PSPath', 'LP')
            @($literal.Attributes | Where-Object { $_ -is [Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }).Count | Should -BeGreaterThan 0
            $command.Parameters['Path'].Aliases | Should -Not -Contain 'FullName'
        }
    }
}

Describe 'Escaped wildcards in -Path name one item, as with Get-Item -Path' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-escaped-" + [guid]::NewGuid().ToString('N'))
        $script:Paie = Join-Path $Root 'Asso [Paie]'
        $script:Others = @((Join-Path $Root 'Asso A'), (Join-Path $Root 'Asso P'))
        $script:Tick = Join-Path $Root 'Asso `B'
        $script:LayoutFile = Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1'
        New-IeaTestInstallation -Path $Paie -Content (Get-IeaLegacyIni).Replace('Version=3.00.72', 'Version=9.9.9') | Out-Null
        foreach ($folder in $Others) { New-IeaTestInstallation -Path $folder | Out-Null }
        New-IeaTestInstallation -Path $Tick | Out-Null
    }
    AfterAll { Remove-Item -Recurse -Force -LiteralPath $Root -ErrorAction SilentlyContinue }
    BeforeEach {
        $script:OthersBytes = foreach ($folder in $Others) { Get-Bytes (Join-Path $folder 'ImpactEmploi.ini') }
    }
    AfterEach {
        $i = 0
        foreach ($folder in $Others) { Get-Bytes (Join-Path $folder 'ImpactEmploi.ini') | Should -Be $OthersBytes[$i++] -Because "$folder is never the target" }
    }

    It '<Kind> reaches "Asso [Paie]" only, for the installation and the folder cmdlets' -ForEach @(
        @{ Kind = 'Backticks typed'; Escaped = { Join-Path $Root 'Asso `[Paie`]' } }
        @{ Kind = '[WildcardPattern]::Escape'; Escaped = { [WildcardPattern]::Escape($Paie) } }
        @{ Kind = 'Backticks, the settings file'; Escaped = { Join-Path $Root 'Asso `[Paie`]/ImpactEmploi.ini' } }
    ) {
        $path = & $Escaped
        @(Get-IeaServerConfig -Path $path).Version | Should -Be '9.9.9'
        @(Get-IeaInstallation -Path $path).Path | Should -Be $Paie
        @(Test-IeaLayout -Path $path -LayoutPath $LayoutFile).Path | Should -Be $Paie
        @(Find-IeaSetting -Path $path -NoRegistry).Path | Select-Object -Unique | Should -Be $Paie
    }

    It 'Set-IeaServerConfig and Enable-IeaAssistanceMode with an escaped -Path write "Asso [Paie]" only' {
        $escaped = [WildcardPattern]::Escape($Paie)
        Set-IeaServerConfig -Path $escaped -Recommended -Confirm:$false
        Enable-IeaAssistanceMode -Path $escaped -Confirm:$false
        $config = Get-IeaServerConfig -LiteralPath $Paie
        $config.IsRecommended | Should -BeTrue
        $config.AssistanceMode | Should -BeTrue
    }

    It 'relative to the current location, an escaped -Path still names "Asso [Paie]" only' {
        Push-Location -LiteralPath $Root
        try {
            @(Get-IeaServerConfig -Path 'Asso `[Paie`]').Path | Should -Be $Paie
            @(Test-IeaLayout -Path './Asso `[Paie`]' -LayoutPath $LayoutFile).Path | Should -Be $Paie
        }
        finally { Pop-Location }
    }

    It 'unescaped, "Asso [Paie]" is a pattern: one character among P a i e (any case), so "Asso A" and "Asso P", never itself' {
        $unescaped = Join-Path $Root 'Asso [Paie]'
        @(Get-IeaServerConfig -Path $unescaped).Path | Sort-Object | Should -Be $Others
        @(Test-IeaLayout -Path $unescaped -LayoutPath $LayoutFile).Path | Sort-Object | Should -Be $Others
        @(Get-Item -Path $unescaped).FullName | Sort-Object | Should -Be $Others -Because 'this is what Get-Item -Path does'
    }

    It 'an escaped -Path that does not exist is InstallationNotFound, even where the pattern would match "Asso P"' {
        $missing = Join-Path $Root 'Asso `[P`]'
        Set-IeaServerConfig -Path $missing -Recommended -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems.FullyQualifiedErrorId) | Should -Be @('InstallationNotFound,ImpactEmploi.PS.Commands.SetIeaServerConfigCommand')
    }

    It 'a folder whose name holds a backtick: -LiteralPath as written, -Path with the backtick escaped' {
        @(Get-IeaServerConfig -LiteralPath $Tick).Path | Should -Be $Tick
        @(Test-IeaLayout -LiteralPath $Tick -LayoutPath $LayoutFile).Path | Should -Be $Tick
        @(Get-IeaServerConfig -Path ([WildcardPattern]::Escape($Tick))).Path | Should -Be $Tick
        Set-IeaServerConfig -LiteralPath $Tick -Recommended -Confirm:$false
        (Get-IeaServerConfig -LiteralPath $Tick).IsRecommended | Should -BeTrue
    }

    It 'a Path property on the pipeline is a real path for the folder cmdlets too: Get-IeaInstallation | Test-IeaLayout reaches "Asso [Paie]" only' {
        @(Get-IeaInstallation -LiteralPath $Paie | Test-IeaLayout -LayoutPath $LayoutFile).Path | Should -Be $Paie
        @([pscustomobject]@{ Path = $Paie } | Find-IeaSetting -NoRegistry).Path | Select-Object -Unique | Should -Be $Paie
    }
}

Describe 'A path that is not on the file system is InstallationNotFound, never a folder of the process''s current directory' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-provider-" + [guid]::NewGuid().ToString('N'))
        # A variable and a folder of the same name: Env:<name> read as a file path would be <process directory>/<name>.
        $script:Name = 'IeaProvider' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $script:Trap = Join-Path $Root $Name
        $script:Real = Join-Path $Root 'Real'
        New-IeaTestInstallation -Path $Trap | Out-Null
        New-IeaTestInstallation -Path $Real | Out-Null
        New-Item -ItemType Directory (Join-Path $Root 'Elsewhere') | Out-Null
        $script:LayoutFile = Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1'
        Set-Item "Env:$Name" 'value'
        $script:ProcessDirectory = [Environment]::CurrentDirectory
        [Environment]::CurrentDirectory = $Root
        Push-Location -LiteralPath (Join-Path $Root 'Elsewhere')
    }
    AfterAll {
        Pop-Location
        [Environment]::CurrentDirectory = $ProcessDirectory
        Remove-Item "Env:$Name" -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force -LiteralPath $Root -ErrorAction SilentlyContinue
    }
    BeforeEach { $script:TrapBytes = Get-Bytes (Join-Path $Trap 'ImpactEmploi.ini') }
    AfterEach { Get-Bytes (Join-Path $Trap 'ImpactEmploi.ini') | Should -Be $TrapBytes -Because 'the folder was never named' }

    It 'Set-IeaServerConfig <Kind> is InstallationNotFound and the next path is still written' -ForEach @(
        @{ Kind = '-Path Env:<name>'; Parameters = { @{ Path = "Env:$Name", $Real } } }
        @{ Kind = '-Path Env:<pattern>'; Parameters = { @{ Path = "Env:$($Name.Substring(0, 12))*", $Real } } }
        @{ Kind = '-LiteralPath Env:<name>'; Parameters = { @{ LiteralPath = "Env:$Name", $Real } } }
        @{ Kind = '-Path on a drive that does not exist'; Parameters = { @{ Path = 'IeaNoSuchDrive:/x', $Real } } }
        @{ Kind = '-LiteralPath with a provider that does not exist'; Parameters = { @{ LiteralPath = 'IeaNoSuchProvider::x', $Real } } }
    ) {
        $parameters = & $Parameters
        Set-IeaServerConfig @parameters -Recommended -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems.FullyQualifiedErrorId) | Should -Be @('InstallationNotFound,ImpactEmploi.PS.Commands.SetIeaServerConfigCommand')
        (Get-IeaServerConfig -LiteralPath $Real).IsRecommended | Should -BeTrue
    }

    It 'Get-Item Env:<name> | Get-IeaServerConfig is InstallationNotFound' {
        $found = Get-Item "Env:$Name" | Get-IeaServerConfig -ErrorVariable problems -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        @($problems.FullyQualifiedErrorId) | Should -Be @('InstallationNotFound,ImpactEmploi.PS.Commands.GetIeaServerConfigCommand')
    }

    It 'the folder cmdlets too: Test-IeaLayout -Path Env:<name>, then a drive that does not exist, then a real folder' {
        $checked = Test-IeaLayout -Path "Env:$Name", 'IeaNoSuchDrive:/x', $Real -LayoutPath $LayoutFile -ErrorVariable problems -ErrorAction SilentlyContinue
        @($checked.Path) | Should -Be @($Real)
        @($problems.FullyQualifiedErrorId) | Should -Be @('InstallationNotFound,ImpactEmploi.PS.Commands.TestIeaLayoutCommand', 'InstallationNotFound,ImpactEmploi.PS.Commands.TestIeaLayoutCommand')
    }
}

Describe 'An installation reached twice in one command is processed once' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-twice-" + [guid]::NewGuid().ToString('N'))
        $script:A = Join-Path $Root 'A'
        New-IeaTestInstallation -Path $A | Out-Null
        New-IeaTestInstallation -Path (Join-Path $Root 'B') | Out-Null
        $script:Ini = Join-Path $A 'ImpactEmploi.ini'
        $script:LayoutFile = Join-Path (Split-Path (Get-IeaTestManifest)) 'Layouts/Default.psd1'
    }
    AfterEach { Remove-Item -Recurse -Force -LiteralPath $Root -ErrorAction SilentlyContinue }

    It 'Set-IeaServerConfig -Path <Kind>: one write, one backup, a Verbose line for the duplicate' -ForEach @(
        @{ Kind = 'A,A'; Paths = { $A, $A } }
        @{ Kind = 'A and its settings file'; Paths = { $A, $Ini } }
        @{ Kind = 'X/* and X/A'; Paths = { (Join-Path $Root '*'), $A } }
    ) {
        $verbose = Set-IeaServerConfig -Path (& $Paths) -Recommended -Confirm:$false -Verbose 4>&1 | ForEach-Object { "$_" }
        (Get-IeaServerConfig -LiteralPath $A).IsRecommended | Should -BeTrue
        @(Get-IeaServerConfigBackup -LiteralPath $A).Count | Should -Be 1
        @($verbose | Where-Object { $_ -like "Skipped $Ini here: named more than once*" }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -like '*already as asked*' }).Count | Should -Be 0 -Because 'the second mention is not processed at all'
    }

    It 'Set-IeaServerConfig -WhatIf with A and its settings file says "What if" once' {
        $child = Start-ChildPwsh @('-Command', "Import-Module '$(Get-IeaTestManifest)'; Set-IeaServerConfig -Path `$env:IEA_A, `$env:IEA_INI -Recommended -WhatIf") @{ IEA_A = $A; IEA_INI = $Ini }
        $output = $child.StandardOutput.ReadToEndAsync()
        $child.StandardInput.Close()
        # Hang guard only.
        $child.WaitForExit(60000) | Should -BeTrue
        @($output.Result -split "`n" | Where-Object { $_ -like 'What if:*' }).Count | Should -Be 1
        (Get-IeaServerConfig -LiteralPath $A).IsRecommended | Should -BeFalse
    }

    It 'Restore-IeaServerConfig A and its settings file restores once (a second restore would put the first one back)' {
        Set-IeaServerConfig -LiteralPath $A -Recommended -Confirm:$false
        Restore-IeaServerConfig -Path $A, $Ini -Confirm:$false
        (Get-IeaServerConfig -LiteralPath $A).IsRecommended | Should -BeFalse
        @(Get-IeaServerConfigBackup -LiteralPath $A).Count | Should -Be 2
    }

    It 'Restore-IeaServerConfig A and A through a linked folder restores once: the same settings file by its identity' {
        $linked = Join-Path $Root 'A-link'
        New-Item -ItemType SymbolicLink -Path $linked -Target $A | Out-Null
        Set-IeaServerConfig -LiteralPath $A -Recommended -Confirm:$false
        $verbose = Restore-IeaServerConfig -LiteralPath $A, $linked -Confirm:$false -Verbose 4>&1 | ForEach-Object { "$_" }
        (Get-IeaServerConfig -LiteralPath $A).IsRecommended | Should -BeFalse
        @(Get-IeaServerConfigBackup -LiteralPath $A).Count | Should -Be 2
        @($verbose | Where-Object { $_ -like '*named more than once*' }).Count | Should -Be 1
    }

    It 'read cmdlets write one object: the same folder twice through the pipeline, an installation object twice, -Path A,A' {
        @(Get-Item -LiteralPath $A, $A | Get-IeaServerConfig).Count | Should -Be 1
        $installation = Get-IeaInstallation -LiteralPath $A
        @($installation, $installation | Get-IeaServerConfig).Count | Should -Be 1
        @(Get-IeaConnectionStatus -Path $A, $Ini -Offline).Count | Should -Be 1
        @(Test-IeaLayout -Path $A, $A, $Ini -LayoutPath $LayoutFile).Count | Should -Be 1
    }

    It 'each command starts afresh: a second command processes the installation again' {
        @(Get-IeaServerConfig -Path $A).Count | Should -Be 1
        @(Get-IeaServerConfig -Path $A, (Join-Path $Root 'B')).Count | Should -Be 2
    }
}

Describe 'A layout''s FileName may be a relative path' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-subpath-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path "$Root/Asso/conf" | Out-Null
        $script:Layout = New-Layout "$Root/sub.psd1" @{ "FileName = 'ImpactEmploi.ini'" = "FileName = 'conf\ImpactEmploi.ini'" }
    }
    AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'the installation folder is what precedes the FileName''s segments, from the folder or the file' {
        (Get-IeaServerConfig -Path "$Root/Asso" -LayoutPath $Layout).Path | Should -Be ([IO.Path]::GetFullPath("$Root/Asso"))
        (Get-IeaServerConfig -Path "$Root/Asso/conf/ImpactEmploi.ini" -LayoutPath $Layout).Path | Should -Be ([IO.Path]::GetFullPath("$Root/Asso"))
    }

    It 'a file with the right name in the wrong folder is not the settings file' {
        Copy-Item "$Root/Asso/conf/ImpactEmploi.ini" "$Root/Asso/ImpactEmploi.ini"
        try {
            Get-IeaServerConfig -Path "$Root/Asso/ImpactEmploi.ini" -LayoutPath $Layout -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'InstallationNotFound,*'
        }
        finally { Remove-Item "$Root/Asso/ImpactEmploi.ini" }
    }

    It 'refuses <FileName> with LayoutInvalid naming FileName' -ForEach @(
        @{ FileName = '..\\ImpactEmploi.ini' }, @{ FileName = 'conf\\.\\ImpactEmploi.ini' }, @{ FileName = '/etc/ImpactEmploi.ini' },
        @{ FileName = 'C:\\IEA\\ImpactEmploi.ini' }, @{ FileName = 'Impact*.ini' }, @{ FileName = 'conf\\[a]\\ImpactEmploi.ini' }
    ) {
        $bad = New-Layout "$Root/bad.psd1" @{ "FileName = 'ImpactEmploi.ini'" = "FileName = '$FileName'" }
        { Get-IeaServerConfig -Path "$Root/Asso" -LayoutPath $bad -ErrorAction Stop } | Should -Throw -ErrorId 'LayoutInvalid,*'
        try { Get-IeaServerConfig -Path "$Root/Asso" -LayoutPath $bad -ErrorAction Stop } catch { $_.Exception.Message | Should -BeLike '*FileName*' }
    }
}

Describe 'Layouts: process names and encodings' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-layouts-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path "$Root/Asso" | Out-Null
    }
    AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'refuses the connection program <Name> with LayoutInvalid and never starts it' -ForEach @(
        @{ Name = '../evil.sh' }, @{ Name = '/abs/evil.sh' }, @{ Name = '..' }, @{ Name = 'sub\\evil.exe' }, @{ Name = 'C:evil.exe' }
    ) {
        $marker = "$Root/started"
        New-Item -ItemType Directory "$Root/abs" -Force | Out-Null
        Set-Content "$Root/evil.sh" "#!/bin/sh`ntouch '$marker'" ; Set-Content "$Root/abs/evil.sh" "#!/bin/sh`ntouch '$marker'"
        if ($IsLinux) { chmod +x "$Root/evil.sh" "$Root/abs/evil.sh" }
        $layout = New-Layout "$Root/evil.psd1" @{ "ConnectionProgram = 'ServeurConnexion.exe'" = "ConnectionProgram = '$Name'" }
        { Restart-IeaAuthentication -Path "$Root/Asso" -LayoutPath $layout -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'LayoutInvalid,*'
        try { Restart-IeaAuthentication -Path "$Root/Asso" -LayoutPath $layout -Confirm:$false -ErrorAction Stop } catch { $_.Exception.Message | Should -BeLike '*Processes.ConnectionProgram*' }
        Test-Path $marker | Should -BeFalse
    }

    It 'refuses an application process name with a folder' {
        $layout = New-Layout "$Root/app.psd1" @{ "Application       = 'ImpactEmploi.exe'" = "Application = 'bin/ImpactEmploi.exe'" }
        try { Get-IeaInstallation -Path "$Root/Asso" -LayoutPath $layout -ErrorAction Stop; throw 'accepted' }
        catch { $_.FullyQualifiedErrorId | Should -BeLike 'LayoutInvalid,*'; $_.Exception.Message | Should -BeLike '*Processes.Application*' }
    }

    It 'reads a layout saved as <Kind> the same way: "Sécurisé" matches' -ForEach @(
        @{ Kind = 'ANSI (Windows-1252)'; Encoding = [Text.Encoding]::GetEncoding(1252) }
        @{ Kind = 'UTF-8 without BOM'; Encoding = [Text.UTF8Encoding]::new($false) }
        @{ Kind = 'UTF-8 with BOM'; Encoding = [Text.UTF8Encoding]::new($true) }
        @{ Kind = 'UTF-16 LE with BOM'; Encoding = [Text.UnicodeEncoding]::new($false, $true) }
    ) {
        # Only 'Sécurisé' (written first) names Secure, so the file's value matches only if the layout's é was read as é.
        $layout = New-Layout "$Root/enc.psd1" @{ "Secure = 'Securise', 'Sécurisé'" = "Secure = 'Sécurisé'" } -Encoding $Encoding
        New-IeaTestInstallation -Path "$Root/Secure" -Content (Get-IeaLegacyIni).Replace('Mode=Normal', 'Mode=Sécurisé') | Out-Null
        (Get-IeaServerConfig -Path "$Root/Secure" -LayoutPath $layout).ConnectionMode | Should -Be 'Secure'
    }
}

Describe 'Server address checks' {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-address-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path $Root | Out-Null
        $script:Before = Get-Bytes "$Root/ImpactEmploi.ini"
    }
    AfterEach {
        Get-Bytes "$Root/ImpactEmploi.ini" | Should -Be $Before -Because 'a refused address writes nothing'
        Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    }

    It 'refuses <Parameter> <Address> with <Id>' -ForEach @(
        @{ Parameter = 'AuthenticationServer'; Address = 'https://impact-emploi.urssaf.fr:0/'; Id = 'InvalidServerAddress'; Says = '*port 0*' }
        @{ Parameter = 'AuthenticationServer'; Address = 'https://impact-emploi.urssaf.fr/?next=x'; Id = 'InvalidServerAddress'; Says = '*query*' }
        @{ Parameter = 'UpdateServer'; Address = 'https://impact-emploi.urssaf.fr/updates#x'; Id = 'InvalidServerAddress'; Says = '*fragment*' }
        @{ Parameter = 'UpdateServer'; Address = 'https://u:p@impact-emploi.urssaf.fr/updates'; Id = 'InvalidServerAddress'; Says = '*user name*' }
        @{ Parameter = 'NetEntreprisesServer'; Address = 'https://impact-emploi.urssaf.fr/authentifier/1.0/'; Id = 'NonOfficialServer'; Says = '*NetEntreprisesServer*expected services.net-entreprises.fr*' }
        @{ Parameter = 'AuthenticationServer'; Address = 'https://services.net-entreprises.fr/'; Id = 'NonOfficialServer'; Says = '*AuthenticationServer*expected impact-emploi.urssaf.fr*' }
        @{ Parameter = 'UpdateServer'; Address = 'https://services.net-entreprises.fr/updates'; Id = 'NonOfficialServer'; Says = '*UpdateServer*expected impact-emploi.urssaf.fr*' }
    ) {
        $arguments = @{ $Parameter = $Address }
        try { Set-IeaServerConfig -Path $Root @arguments -Confirm:$false -ErrorAction Stop; throw 'accepted' }
        catch { $_.FullyQualifiedErrorId | Should -BeLike "$Id,*"; $_.Exception.Message | Should -BeLike $Says }
    }

    It 'accepts another role''s host with -AllowCustomServer' {
        Set-IeaServerConfig -Path $Root -NetEntreprisesServer 'https://impact-emploi.urssaf.fr/x' -AllowCustomServer -Confirm:$false
        (Get-IeaServerConfig -Path $Root).NetEntreprisesServer | Should -Be 'https://impact-emploi.urssaf.fr/x'
        $script:Before = Get-Bytes "$Root/ImpactEmploi.ini"
    }
}

Describe 'Stop means stop' -Skip:($IsWindows) {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-stop-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path $Root | Out-Null
    }
    AfterEach { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

    It 'PowerShell.Stop() ends <Command> while it waits 60 s for a lock another process holds; the file is unchanged' -ForEach @(
        @{ Command = 'Set-IeaServerConfig'; Script = 'Set-IeaServerConfig -Path $args[0] -Recommended -LockTimeoutSec 60 -Confirm:$false' }
        @{ Command = 'Enable-IeaAssistanceMode'; Script = 'Enable-IeaAssistanceMode -Path $args[0] -LockTimeoutSec 60 -Confirm:$false' }
        @{ Command = 'Repair-IeaConnection'; Script = 'Repair-IeaConnection -Path $args[0] -LockTimeoutSec 60 -TimeoutSec 1 -RetryCount 0 -Confirm:$false' }
    ) {
        $ini = Join-Path $Root 'ImpactEmploi.ini'
        $before = Get-Bytes $ini
        New-Item -ItemType Directory "$Root/ImpactEmploi.PS" | Out-Null
        $lockPath = "$Root/ImpactEmploi.PS/ImpactEmploi.ini.lock"
        # FileShare.None is the module's own lock (flock on Unix), held here by another process.
        $holder = Start-ChildPwsh @('-Command', "`$s = [IO.FileStream]::new('$lockPath', 'OpenOrCreate', 'ReadWrite', 'None'); 'locked'; Start-Sleep 120")
        try {
            $holder.StandardOutput.ReadLine() | Should -Be 'locked'
            $shell = [powershell]::Create()
            $null = $shell.AddScript("Import-Module '$(Get-IeaTestManifest)'; $Script").AddArgument($Root)
            $running = $shell.BeginInvoke()
            Start-Sleep -Seconds 1
            $running.IsCompleted | Should -BeFalse -Because 'the command waits for the lock'
            $stopping = $shell.BeginStop($null, $null)
            # Hang guard only, far below the 60 s lock timeout: the command must end because it was stopped.
            $stopping.AsyncWaitHandle.WaitOne(20000) | Should -BeTrue
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $ended = try { $shell.EndInvoke($running); $null } catch { $_.Exception.GetBaseException() }
            $ended | Should -BeOfType ([Management.Automation.PipelineStoppedException])
            $shell.Dispose()
            Get-Bytes $ini | Should -Be $before
        }
        finally { $holder.Kill($true); $holder.WaitForExit() }
    }
}

Describe 'Repair-IeaConnectionAtStartup.ps1 -MaxSeconds is a hard budget' -Skip:(-not $IsLinux) {
    It 'ends the process with exit code 2 and its summary when a file operation blocks (a FIFO with no writer)' {
        $root = Join-Path ([IO.Path]::GetTempPath()) ("iea-budget-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path "$root/Asso" | Out-Null
        # Opening a FIFO that no process writes blocks in the system call, as a hung network share would. The module
        # refuses every FIFO it could meet (settings, backups, lock, layout, log): the blocked open here is PowerShell's
        # own, reading a module manifest that the runspace's Import-Module finds first on PSModulePath.
        New-Item -ItemType Directory -Path "$root/mods/ImpactEmploi.PS" | Out-Null
        mkfifo "$root/mods/ImpactEmploi.PS/ImpactEmploi.PS.psd1"
        $moduleFolder = Split-Path (Get-IeaTestManifest)
        $script = Join-Path $moduleFolder 'Scripts/Repair-IeaConnectionAtStartup.ps1'
        $environment = @{ PSModulePath = "$root/mods" + [IO.Path]::PathSeparator + (Split-Path (Split-Path $moduleFolder)) + [IO.Path]::PathSeparator + $env:PSModulePath
            IEA_HOME = "$root/Asso"; IEA_PS_LOG_DIR = "$root/logs" }
        $process = Start-ChildPwsh @('-File', $script, '-MaxSeconds', '3') $environment
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            # Hang guard only: without the hard budget this process never ends.
            $process.WaitForExit(60000) | Should -BeTrue
            $process.ExitCode | Should -Be 2
            $stdout.Result | Should -BeLike '*start-up repair stopped after 3 s*'
        }
        finally {
            if (-not $process.HasExited) { $process.Kill($true) }
            Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
        }
    }
}
