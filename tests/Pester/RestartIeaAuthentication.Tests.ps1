BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-IeaTestManifest) -Force
}

# On Linux a copy of sleep stands for IEA's connection program: what is checked is that the process running
# from this installation is stopped and the program is started again from the installation folder.
Describe 'Restart-IeaAuthentication' -Skip:(-not $IsLinux) {
    BeforeEach {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("iea-restart-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path $Root | Out-Null
        Copy-Item /bin/sleep "$Root/ServeurConnexion.exe"
        $script:Running = Start-Process "$Root/ServeurConnexion.exe" -ArgumentList 300 -PassThru
        Start-Sleep -Milliseconds 200
    }
    AfterEach {
        $Running | Stop-Process -Force -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    }

    It 'stops the connection program running from this installation and starts it again from its folder' {
        $other = Join-Path ([IO.Path]::GetTempPath()) ("iea-other-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $other | Out-Null
        Copy-Item /bin/sleep "$other/ServeurConnexion.exe"
        $elsewhere = Start-Process "$other/ServeurConnexion.exe" -ArgumentList 300 -PassThru
        try {
            $verbose = Restart-IeaAuthentication -Path $Root -Confirm:$false -Verbose 4>&1 | ForEach-Object { "$_" }
            $Running.WaitForExit(5000) | Should -BeTrue
            $elsewhere.HasExited | Should -BeFalse
            $line = $verbose | Where-Object { $_ -like "*stopped $($Running.Id), started process*" }
            $line | Should -Not -BeNullOrEmpty
            [int] ($line -replace '.*started process (\d+).*', '$1') | Should -Not -Be $Running.Id
        }
        finally {
            $elsewhere | Stop-Process -Force
            Remove-Item -Recurse -Force $other
        }
    }

    It '-WhatIf leaves the program running' {
        Restart-IeaAuthentication -Path $Root -WhatIf
        Start-Sleep -Milliseconds 100
        $Running.HasExited | Should -BeFalse
    }

    It 'starts the program when it was not running, and says so' {
        $Running | Stop-Process -Force
        $Running.WaitForExit(5000) | Out-Null
        $verbose = Restart-IeaAuthentication -Path $Root -Confirm:$false -Verbose 4>&1 | ForEach-Object { "$_" }
        $verbose | Where-Object { $_ -like '*was not running*' } | Should -Not -BeNullOrEmpty
        $verbose | Where-Object { $_ -like '*stopped -, started process*' } | Should -Not -BeNullOrEmpty
    }

    It 'says when the connection program is not installed' {
        $Running | Stop-Process -Force
        $Running.WaitForExit(5000) | Out-Null
        Remove-Item "$Root/ServeurConnexion.exe"
        $thrown = { Restart-IeaAuthentication -Path $Root -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InstallationNotFound,*' -PassThru
        $thrown.Exception.Message | Should -BeLike '*ServeurConnexion.exe*'
    }

    It 'PowerShell.Stop() ends the wait for a copy that never exits, and starts no new copy' {
        $Running | Stop-Process -Force
        $Running.WaitForExit(5000) | Out-Null
        # A parent that never reaps its child: once killed, the copy stays a zombie, which never exits as far as the
        # module can see (as a program hanging while it closes), so the module waits its 10 s grace for it.
        $info = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
        foreach ($argument in '-c', '"$0" 300 & echo $!; exec sleep 120', "$Root/ServeurConnexion.exe") { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $parent = [Diagnostics.Process]::Start($info)
        $marker = "$Root/started"
        try {
            $copy = [int] $parent.StandardOutput.ReadLine()
            $shell = [powershell]::Create()
            $null = $shell.AddScript("Import-Module '$(Get-IeaTestManifest)'; Restart-IeaAuthentication -Path `$args[0] -Confirm:`$false").AddArgument($Root)
            $running = $shell.BeginInvoke()
            # Hang guard only: the module kills the copy, which stays a zombie.
            $watch = [Diagnostics.Stopwatch]::StartNew()
            while ((Get-Content -LiteralPath "/proc/$copy/stat").Split(' ')[2] -ne 'Z' -and $watch.Elapsed.TotalSeconds -lt 30) { Start-Sleep -Milliseconds 50 }
            (Get-Content -LiteralPath "/proc/$copy/stat").Split(' ')[2] | Should -Be 'Z' -Because 'the module killed the copy'
            $running.IsCompleted | Should -BeFalse -Because 'the killed copy never exits, so the command waits'
            # What the module would start next leaves a mark: a new copy started after the stop would create it.
            Remove-Item -LiteralPath "$Root/ServeurConnexion.exe"
            Set-Content -LiteralPath "$Root/ServeurConnexion.exe" -Value "#!/bin/sh`ntouch '$marker'"
            chmod +x "$Root/ServeurConnexion.exe"
            $stopping = $shell.BeginStop($null, $null)
            # Hang guard only.
            $stopping.AsyncWaitHandle.WaitOne(30000) | Should -BeTrue
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $shell.Dispose()
            Start-Sleep -Milliseconds 500
            Test-Path -LiteralPath $marker | Should -BeFalse -Because 'a stopped command starts nothing'
        }
        finally {
            $parent.Kill($true)
            $parent.WaitForExit()
        }
    }

    It 'returns the installation with -PassThru' {
        $installation = Restart-IeaAuthentication -Path $Root -Confirm:$false -PassThru
        $installation.PSObject.TypeNames[0] | Should -Be 'ImpactEmploi.IeaInstallation'
        $installation.Path | Should -Be ([IO.Path]::GetFullPath($Root))
    }
}

Describe 'Restart-IeaAuthentication on Windows' -Tag Windows -Skip:(-not $IsWindows) {
    It 'closes the tray program and starts it again' {
        # A real tray program is needed: notepad stands in for it through a layout naming notepad.exe.
        $root = Join-Path ([IO.Path]::GetTempPath()) ("iea-restart-" + [guid]::NewGuid().ToString('N'))
        New-IeaTestInstallation -Path $root | Out-Null
        Copy-Item "$env:windir\System32\notepad.exe" "$root\ServeurConnexion.exe"
        $running = Start-Process "$root\ServeurConnexion.exe" -PassThru
        try {
            Start-Sleep -Seconds 1
            Restart-IeaAuthentication -Path $root -Confirm:$false
            $running.WaitForExit(10000) | Should -BeTrue
            (Get-IeaInstallation -Path $root).ConnectionProgramRunning | Should -BeTrue
        }
        finally {
            Get-Process ServeurConnexion -ErrorAction SilentlyContinue | Stop-Process -Force
            Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
        }
    }
}
