# Logs and the support-request journal when this account may not write where they live: the change still
# happens, the event goes to this account's own folder with one warning, and an event or journal line that
# cannot be written anywhere is named in a warning. On Linux, "another account's folder" is a folder owned by
# nobody, written by root without its override capability (setpriv). The Windows access list of the machine-wide
# folder is checked by the xunit tests (LogFoldersTests).
BeforeDiscovery {
    $script:NoSetpriv = -not ($IsLinux -and (Get-Command setpriv -ErrorAction Ignore) -and (id -u) -eq '0')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-logaccess-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $Root | Out-Null

    # A fresh PowerShell as root without CAP_DAC_OVERRIDE: folders of other accounts are as closed to it as to a user.
    function Invoke-AsRestrictedRoot([string] $Command, [hashtable] $Environment) {
        $exe = (Get-Process -Id $PID).Path
        $info = [Diagnostics.ProcessStartInfo]::new('setpriv')
        foreach ($argument in @('--bounding-set=-dac_override,-dac_read_search', '--', $exe)) { $info.ArgumentList.Add($argument) }
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in @('-NoProfile', '-NonInteractive', '-Command', $Command)) { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.RedirectStandardInput = $true
        $info.UseShellExecute = $false
        foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string] $Environment[$name] }
        $process = [Diagnostics.Process]::Start($info)
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync(); $stderr = $process.StandardError.ReadToEndAsync()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result }
    }
    function New-ForeignFolder([string] $Name) {
        $folder = Join-Path $Root $Name
        New-Item -ItemType Directory $folder | Out-Null
        chown nobody $folder; chmod 755 $folder
        $folder
    }
    function New-OwnFolder([string] $Name) { (New-Item -ItemType Directory (Join-Path $Root $Name)).FullName }
    $script:SetAndShowWarnings = "Import-Module '$(Get-IeaTestManifest)'; Set-IeaServerConfig -Path '{0}' -Recommended -Confirm:`$false -WarningVariable w -WarningAction SilentlyContinue; `$w | ForEach-Object {{ 'WARNING: ' + `$_ }}"
}
AfterAll { Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue }

Describe 'The audit log when the log folder belongs to another account' -Skip:$NoSetpriv {
    It 'makes the change, logs to this account''s own folder and warns once, naming the folder tried' {
        $installation = Join-Path $Root 'inst-fallback'
        New-IeaTestInstallation -Path $installation | Out-Null
        $foreign = New-ForeignFolder 'foreign-logs'
        $own = New-OwnFolder 'own-state'
        $result = Invoke-AsRestrictedRoot ($SetAndShowWarnings -f $installation) @{ IEA_PS_LOG_DIR = $foreign; XDG_STATE_HOME = $own }
        $result.ExitCode | Should -Be 0
        $warnings = @($result.StdOut -split "`r?`n" | Where-Object { $_ -like 'WARNING: *' })
        $warnings.Count | Should -Be 1
        $warnings[0] | Should -BeLike "*$foreign*$own*"
        (& { Import-Module (Get-IeaTestManifest); Get-IeaServerConfig -Path $installation }).IsRecommended | Should -BeTrue
        @(Get-ChildItem $foreign).Count | Should -Be 0
        $events = @(Get-Content (Get-ChildItem "$own/impactemploi-ps/logs" -Filter 'impactemploi-*.log').FullName | ConvertFrom-Json | Where-Object Operation -EQ 'Set-IeaServerConfig')
        $events.Count | Should -Be 3
    }

    It 'falls back when the folder is writable but today''s file belongs to another account' {
        $installation = Join-Path $Root 'inst-dayfile'
        New-IeaTestInstallation -Path $installation | Out-Null
        $shared = New-OwnFolder 'shared-logs'
        $dayFile = Join-Path $shared ('impactemploi-{0:yyyyMMdd}.log' -f (Get-Date))
        Set-Content $dayFile '' ; chown nobody $dayFile; chmod 644 $dayFile
        $own = New-OwnFolder 'own-state-2'
        $result = Invoke-AsRestrictedRoot ($SetAndShowWarnings -f $installation) @{ IEA_PS_LOG_DIR = $shared; XDG_STATE_HOME = $own }
        $result.ExitCode | Should -Be 0
        @($result.StdOut -split "`r?`n" | Where-Object { $_ -like "WARNING: *$shared*" }).Count | Should -Be 1
        (Get-Item $dayFile).Length | Should -BeLessOrEqual 2
        @(Get-ChildItem "$own/impactemploi-ps/logs" -Filter 'impactemploi-*.log').Count | Should -Be 1
    }

    It 'names every event it cannot write anywhere, and still makes the change' {
        $installation = Join-Path $Root 'inst-lost'
        New-IeaTestInstallation -Path $installation | Out-Null
        $foreign = New-ForeignFolder 'foreign-logs-2'
        $foreignState = New-ForeignFolder 'foreign-state'
        $foreignTemp = New-ForeignFolder 'foreign-temp'
        $result = Invoke-AsRestrictedRoot ($SetAndShowWarnings -f $installation) @{ IEA_PS_LOG_DIR = $foreign; XDG_STATE_HOME = $foreignState; TMPDIR = $foreignTemp }
        $result.ExitCode | Should -Be 0
        $warnings = @($result.StdOut -split "`r?`n" | Where-Object { $_ -like 'WARNING: *' })
        $warnings.Count | Should -Be 3
        foreach ($warning in $warnings) {
            $warning | Should -BeLike "*$foreign*$foreignState*$foreignTemp*"
            $warning | Should -BeLike "*Audit Set-IeaServerConfig*$installation*"
        }
        (& { Import-Module (Get-IeaTestManifest); Get-IeaServerConfig -Path $installation }).IsRecommended | Should -BeTrue
    }
}

Describe 'The support-request journal when its folder belongs to another account' -Skip:$NoSetpriv {
    It 'writes the .eml, warns that the journal line is lost, and ends without an error' {
        $installation = Join-Path $Root 'inst-support'
        New-IeaTestInstallation -Path $installation | Out-Null
        $state = New-ForeignFolder 'foreign-journal'
        $own = New-OwnFolder 'support-out'
        $command = "Import-Module '$(Get-IeaTestManifest)'; Get-IeaConnectionStatus -Path '$installation' -Offline | New-IeaSupportRequest -OutFile '$own/request.eml' -WarningVariable w -WarningAction SilentlyContinue | Out-Null; `$w | ForEach-Object { 'WARNING: ' + `$_ }; 'ERRORS: ' + `$Error.Count"
        $result = Invoke-AsRestrictedRoot $command @{ IEA_PS_STATE_DIR = $state; IEA_PS_LOG_DIR = (New-OwnFolder 'support-logs') }
        $result.ExitCode | Should -Be 0
        $result.StdErr | Should -BeNullOrEmpty
        "$own/request.eml" | Should -Exist
        $lines = @($result.StdOut -split "`r?`n")
        @($lines | Where-Object { $_ -like "WARNING: *$state*support-requests.log*" }).Count | Should -Be 1
        $lines | Should -Contain 'ERRORS: 0'
    }
}

Describe 'The audit log when today''s file is a FIFO' -Skip:(-not $IsLinux) {
    It 'never waits on it: the change is made and the events go to this account''s own folder, with a warning' {
        $installation = Join-Path $Root 'inst-fifo'
        New-IeaTestInstallation -Path $installation | Out-Null
        $logs = New-OwnFolder 'fifo-logs'
        $own = New-OwnFolder 'fifo-state'
        mkfifo (Join-Path $logs ('impactemploi-{0:yyyyMMdd}.log' -f (Get-Date)))
        $command = $SetAndShowWarnings -f $installation
        $info = [Diagnostics.ProcessStartInfo]::new((Get-Process -Id $PID).Path)
        if ([IO.Path]::GetFileNameWithoutExtension($info.FileName) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in @('-NoProfile', '-NonInteractive', '-Command', $command)) { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardOutput = $true; $info.RedirectStandardInput = $true; $info.UseShellExecute = $false
        $info.Environment['IEA_PS_LOG_DIR'] = $logs; $info.Environment['XDG_STATE_HOME'] = $own
        $process = [Diagnostics.Process]::Start($info)
        try {
            $process.StandardInput.Close()
            $stdout = $process.StandardOutput.ReadToEndAsync()
            # Hang guard only: before the fix the open of the FIFO never returned.
            $process.WaitForExit(60000) | Should -BeTrue
            $process.ExitCode | Should -Be 0
            @($stdout.Result -split "`r?`n" | Where-Object { $_ -like 'WARNING: *' }).Count | Should -Be 1
            (& { Import-Module (Get-IeaTestManifest); Get-IeaServerConfig -Path $installation }).IsRecommended | Should -BeTrue
            @(Get-ChildItem "$own/impactemploi-ps/logs" -Filter 'impactemploi-*.log').Count | Should -Be 1
        }
        finally { if (-not $process.HasExited) { $process.Kill($true) } }
    }
}
