# The CI workflow and the parts of build.ps1 that exist for other machines (Windows, other PowerShells).
BeforeDiscovery {
    $script:NoYaml = $true
    $python = Get-Command python3, python -ErrorAction Ignore | Select-Object -First 1
    if ($python) { & $python.Source -c 'import yaml' 2>$null; $script:NoYaml = $LASTEXITCODE -ne 0 }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Repo = $env:IEA_REPO_ROOT
    $script:Workflow = Join-Path $Repo '.github/workflows/ci.yml'
    $tokens = $null; $errors = $null
    $ast = [Management.Automation.Language.Parser]::ParseFile((Join-Path $Repo 'build.ps1'), [ref] $tokens, [ref] $errors)
    $taskParameter = $ast.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq 'Task' }
    $script:Tasks = @(($taskParameter.Attributes | Where-Object { $_.TypeName.Name -eq 'ValidateSet' }).PositionalArguments | ForEach-Object { $_.Value })
    $script:BuildParameters = @($ast.ParamBlock.Parameters | ForEach-Object { $_.Name.VariablePath.UserPath })
}

Describe 'The CI workflow' {
    It 'parses as YAML, with a Linux job and a Windows matrix of 5.1, 7.2, 7.4 and 7.6 (python3 and PyYAML needed)' -Skip:$NoYaml {
        $python = Get-Command python3, python -ErrorAction Ignore | Select-Object -First 1
        $json = & $python.Source -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding="utf-8"))))' $Workflow
        $LASTEXITCODE | Should -Be 0
        $document = $json | ConvertFrom-Json
        $document.jobs.linux.'runs-on' | Should -Be 'ubuntu-latest'
        $document.jobs.windows.'runs-on' | Should -Be 'windows-latest'
        @($document.jobs.windows.strategy.matrix.include.powershell) | Should -Be @('5.1', '7.2', '7.4', '')

        $runs = @($document.jobs.linux.steps + $document.jobs.windows.steps | Where-Object { $_.PSObject.Properties['run'] } | ForEach-Object { $_.run })
        $runs.Count | Should -BeGreaterThan 0
        foreach ($run in $runs) {
            $called = [regex]::Matches($run, "build\.ps1'?,?\s*'?-Task'?,?\s*'?(\w+)") | ForEach-Object { $_.Groups[1].Value }
            @($called).Count | Should -BeGreaterThan 0 -Because "every run step is a build.ps1 task: $run"
            foreach ($task in $called) { $Tasks | Should -Contain $task }
            foreach ($parameter in [regex]::Matches($run, "'-(\w+)'|\s-(\w+)") | ForEach-Object { $_.Groups[1].Value + $_.Groups[2].Value }) {
                if ($parameter -in 'NoProfile', 'ExecutionPolicy', 'File', 'E') { continue }
                $BuildParameters | Should -Contain $parameter -Because "build.ps1 has no -$parameter ($run)"
            }
            $other = ($run -split "`n" | Where-Object { $_.Trim() }) | Where-Object {
                $_ -notmatch 'build\.ps1|^\s*dotnet tool restore\s*$|^\s*(if \(|exit |\$arguments|& powershell\.exe)' }
            @($other) | Should -BeNullOrEmpty -Because 'run steps call build.ps1 tasks only (and restore its dotnet tool)'
        }
    }
}

Describe 'build.ps1 on other machines' {
    It 'Sign stops at once with a clear message where there is no Windows' -Skip:$IsWindows {
        $result = Invoke-IeaChildPwsh -File (Join-Path $Repo 'build.ps1') -ArgumentList '-Task', 'Sign', '-CertificateThumbprint', ('AB' * 20)
        $result.ExitCode | Should -Not -Be 0
        ($result.StdOut + $result.StdErr) | Should -BeLike '*-Task Sign needs Windows*'
        ($result.StdOut + $result.StdErr) | Should -Not -BeLike '*==> Build*'
    }

    It 'Test refuses a PowerShell it cannot run the tests in, before building' {
        $result = Invoke-IeaChildPwsh -Command "& '$(Join-Path $Repo 'build.ps1')' -Task Test -PowerShellVersion 6.2"
        ($result.StdOut + $result.StdErr) | Should -BeLike '*PowerShellVersion*'
        ($result.StdOut + $result.StdErr) | Should -Not -BeLike '*==> Build*'
    }

    It 'quotes child arguments for Windows PowerShell 5.1 (no ArgumentList there) so that they arrive whole' {
        $echo = Join-Path ([IO.Path]::GetTempPath()) ("iea-echo-" + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content $echo 'foreach ($a in $args) { "<$a>" }'
        try {
            $list = @('plain', 'with space', 'quote"inside', 'C:\path with\', 'back\\slash', '', 'end\')
            $exe = (Get-Process -Id $PID).Path
            $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
            $info = New-Object Diagnostics.ProcessStartInfo $exe
            $info.Arguments = ConvertTo-IeaCommandLine ($prefix + @('-NoProfile', '-NonInteractive', '-File', $echo) + $list)
            $info.RedirectStandardOutput = $true; $info.UseShellExecute = $false
            $process = [Diagnostics.Process]::Start($info)
            $out = $process.StandardOutput.ReadToEnd(); $process.WaitForExit()
            @($out -split "`r?`n" | Where-Object { $_ }) | Should -Be @($list | ForEach-Object { "<$_>" })
        }
        finally { Remove-Item $echo -ErrorAction SilentlyContinue }
    }
}
