# The help of the built module: for every exported cmdlet and in every culture, what Get-Help -Full
# shows in a fresh PowerShell whose UI culture is set; the about_ topics; and the generator (tools/HelpBuilder.psm1).
BeforeDiscovery {
    $manifest = $env:IEA_MODULE_MANIFEST
    if (-not $manifest) { throw 'IEA_MODULE_MANIFEST is not set: run the tests with build.ps1 -Task Test.' }
    # The manifest's list, not the Markdown files: a cmdlet exported without help must fail here.
    $script:Cmdlets = @((Import-PowerShellDataFile $manifest).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    $script:Cultures = @(@{ Culture = 'en-US' }, @{ Culture = 'fr-FR' })
    $script:Topics = @(@{ Topic = 'about_ImpactEmploi'; Mark = 'impact-emploi-association@urssaf.fr' },
        @{ Topic = 'about_ImpactEmploi_Layout'; Mark = 'LayoutInvalid' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:RepoRoot = $env:IEA_REPO_ROOT
    if (-not $RepoRoot) { $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }
    Import-Module (Join-Path $RepoRoot 'tools/HelpBuilder.psm1') -Force

    # Runs in a child PowerShell: the UI culture must be set before the first Get-Help of the process, and setting
    # [CultureInfo]::CurrentUICulture there is enough for Get-Help to pick <culture>/ImpactEmploi.PS.dll-Help.xml.
    $child = {
        param([string] $Culture, [string] $Manifest, [string] $OutFile)
        $ErrorActionPreference = 'Stop'
        [System.Globalization.CultureInfo]::CurrentUICulture = $Culture
        $module = Import-Module $Manifest -PassThru
        $excluded = @([System.Management.Automation.Cmdlet]::CommonParameters) + 'UseTransaction'
        $text = { param($items) (@($items | Where-Object { $_ } | ForEach-Object { $_.Text }) -join "`n").Trim() }
        $commands = foreach ($command in @($module.ExportedCmdlets.Values)) {
            $help = Get-Help $command.Name -Full
            [ordered]@{
                Name        = $command.Name
                UICulture   = [System.Globalization.CultureInfo]::CurrentUICulture.Name
                Synopsis    = ([string] $help.Synopsis).Trim()
                Description = & $text $help.description
                Parameters  = @(foreach ($p in @($help.parameters.parameter)) {
                        if ($p) { [ordered]@{ Name = [string] $p.name; Description = (& $text $p.description); Default = [string] $p.defaultValue; PipelineInput = [string] $p.pipelineInput } }
                    })
                Actual      = @($command.Parameters.Keys | Where-Object { $excluded -notcontains $_ })
                Examples    = @(foreach ($e in @($help.examples.example)) { if ($e) { [ordered]@{ Title = [string] $e.title; Code = [string] $e.code } } })
                Outputs     = @($help.returnValues.returnValue | Where-Object { $_ } | ForEach-Object { [string] $_.type.name })
                OutputTypes = @($command.OutputType | ForEach-Object { $_.Name })
                Notes       = & $text $help.alertSet.alert
                Links       = @($help.relatedLinks.navigationLink | Where-Object { $_ } | ForEach-Object { [string] $_.linkText })
            }
        }
        $listed = @(Get-Help 'about_ImpactEmploi*')
        $topics = foreach ($topic in 'about_ImpactEmploi', 'about_ImpactEmploi_Layout') {
            $found = @(Get-Help $topic)
            [ordered]@{ Name = $topic; Count = $found.Count; Text = ($found | Out-String -Width 200); Synopsis = [string] (@($listed | Where-Object Name -EQ $topic) | Select-Object -First 1).Synopsis }
        }
        $json = [ordered]@{ Commands = @($commands); Topics = @($topics) } | ConvertTo-Json -Depth 6
        [System.IO.File]::WriteAllText($OutFile, $json, (New-Object System.Text.UTF8Encoding $false))
    }

    # One child per culture, run side by side.
    $script:Reports = @{}
    $runs = foreach ($culture in 'en-US', 'fr-FR') {
        $out = Join-Path ([IO.Path]::GetTempPath()) ("iea-help-$culture-" + [guid]::NewGuid().ToString('N') + '.json')
        $command = "& { $child } -Culture '$culture' -Manifest '$((Get-IeaTestManifest).Replace("'", "''"))' -OutFile '$out'"
        [pscustomobject]@{ Culture = $culture; Out = $out; Job = (Start-ThreadJob -ScriptBlock {
                    param($Helpers, $Command)
                    Import-Module $Helpers
                    Invoke-IeaChildPwsh -Command $Command
                } -ArgumentList (Join-Path $PSScriptRoot 'TestHelpers.psm1'), $command)
        }
    }
    foreach ($run in $runs) {
        $result = $run.Job | Wait-Job | Receive-Job
        $run.Job | Remove-Job
        if ($result.ExitCode -ne 0 -or -not (Test-Path $run.Out)) { throw "The $($run.Culture) child failed ($($result.ExitCode)): $($result.StdErr)" }
        $Reports[$run.Culture] = Get-Content -Raw -Encoding utf8 $run.Out | ConvertFrom-Json
        Remove-Item $run.Out
    }

    function Get-CommandReport([string] $Culture, [string] $Name) {
        @($Reports[$Culture].Commands | Where-Object Name -EQ $Name)[0]
    }
}

Describe 'Help of <Culture>' -ForEach $Cultures {
    Context '<Name>' -ForEach $Cmdlets {
        BeforeAll {
            $script:Report = Get-CommandReport $Culture $Name
            $script:Source = Join-Path $RepoRoot "docs/help/$Culture/$Name.md"
        }

        It 'has its Markdown source, docs/help/<Culture>/<Name>.md' {
            $Source | Should -Exist -Because "every exported cmdlet needs help in $Culture"
        }

        It 'is the help of that Markdown, in <Culture>' {
            $Report.UICulture | Should -Be $Culture
            $markdown = ConvertFrom-IeaHelpMarkdown -Markdown (Get-Content -Raw -Encoding utf8 $Source) -Source $Source
            $Report.Synopsis | Should -BeExactly $markdown.Synopsis
        }

        It 'has a synopsis and a description' {
            $Report.Synopsis | Should -Not -BeNullOrEmpty
            # Without a help file, PowerShell makes the synopsis up from the syntax.
            $Report.Synopsis | Should -Not -Match "^$([regex]::Escape($Name))\s"
            $Report.Description | Should -Not -BeNullOrEmpty
        }

        It 'documents exactly the parameters of the cmdlet' {
            @($Report.Parameters.Name | Sort-Object) | Should -Be @($Report.Actual | Sort-Object)
        }

        It 'describes every parameter' {
            $undescribed = @($Report.Parameters | Where-Object { -not $_.Description } | ForEach-Object Name)
            $undescribed | Should -BeNullOrEmpty -Because 'every parameter needs a description'
        }

        It 'has at least two examples, and the code of each parses' {
            @($Report.Examples).Count | Should -BeGreaterOrEqual 2
            foreach ($example in $Report.Examples) {
                $errors = $null
                $null = [System.Management.Automation.Language.Parser]::ParseInput($example.Code, [ref] $null, [ref] $errors)
                @($errors | ForEach-Object { "$($example.Title): $($_.Message)" }) | Should -BeNullOrEmpty
            }
        }

        It 'lists the output types of the cmdlet, and has notes and related links' {
            foreach ($type in $Report.OutputTypes) { $Report.Outputs | Should -Contain $type }
            $Report.Notes | Should -Not -BeNullOrEmpty
            @($Report.Links).Count | Should -BeGreaterThan 0
        }
    }

    Context '<Topic>' -ForEach $Topics {
        It 'is found by Get-Help, in <Culture>, with its synopsis' {
            $topic = @($Reports[$Culture].Topics | Where-Object Name -EQ $Topic)[0]
            $topic.Count | Should -Be 1
            $topic.Text | Should -Match ([regex]::Escape($Mark))
            $first = 'TOPIC'
            if ($Culture -like 'fr*') { $first = 'RUBRIQUE' }
            $topic.Text.TrimStart() | Should -BeLike "$first*"
            $topic.Synopsis | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'The help files of the module' {
    It 'are UTF-8 with a byte order mark, in en-US and fr-FR' {
        $folder = Split-Path (Get-IeaTestManifest)
        $files = @(Get-ChildItem -Path (Join-Path $folder 'en-US'), (Join-Path $folder 'fr-FR') -File)
        @($files.Name | Sort-Object -Unique) | Should -Be @('about_ImpactEmploi.help.txt', 'about_ImpactEmploi_Layout.help.txt', 'ImpactEmploi.PS.dll-Help.xml' | Sort-Object)
        $files.Count | Should -Be 6
        foreach ($file in $files) {
            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            '{0:X2}{1:X2}{2:X2}' -f $bytes[0], $bytes[1], $bytes[2] | Should -Be 'EFBBBF' -Because $file.FullName
        }
    }

    It 'shows the real default of a parameter (LockTimeoutSec) and pipeline input (Path)' {
        $set = Get-CommandReport 'en-US' 'Set-IeaServerConfig'
        @($set.Parameters | Where-Object Name -EQ 'LockTimeoutSec')[0].Default | Should -Be '10'
        @($set.Parameters | Where-Object Name -EQ 'Force')[0].Default | Should -Be 'False'
        @($set.Parameters | Where-Object Name -EQ 'Path')[0].PipelineInput | Should -Be 'True (ByPropertyName)'
        @($set.Parameters | Where-Object Name -EQ 'InputObject')[0].PipelineInput | Should -Be 'True (ByValue)'
    }
}

Describe 'HelpBuilder (the generator)' {
    BeforeAll {
        function Test-IeaTiny {
            [CmdletBinding(DefaultParameterSetName = 'ByName')]
            param(
                [Parameter(Position = 0, ValueFromPipeline, ParameterSetName = 'ByName')] [ValidateSet('x', 'y')] [string] $Name,
                [Parameter(Mandatory, ParameterSetName = 'ByCount')] [int] $Count,
                [switch] $Force
            )
        }
        $script:Tiny = @'
# Test-IeaTiny

## SYNOPSIS
Compares <a> & "b" with 'c'.

## DESCRIPTION
A paragraph with `code` and **bold**,
over two lines.

- one
- two

## EXAMPLES

### Example 1: Quotes "here" & <there>
```powershell
Test-IeaTiny -Name 'x' | Where-Object { $_ -lt 3 -and "a&b" }
```
Remark.

## PARAMETERS

### -Name
The <name>.

### -Count
How many.

### -Force
Go & see.

## INPUTS
### System.String
Names.

## OUTPUTS
### None
Nothing.

## NOTES
A note.

## RELATED LINKS
- [about_ImpactEmploi]()
- [Site](https://example.org/a?b=1&c=2)
'@
        function ConvertTo-TinyMaml([string] $Markdown) {
            $help = ConvertFrom-IeaHelpMarkdown -Markdown $Markdown -Source 'tiny.md' -ExpectedName 'Test-IeaTiny'
            ConvertTo-IeaMaml -Help $help -Command (Get-Command Test-IeaTiny)
        }
    }

    It 'escapes <, & and quotes, and reads back the same text' {
        $text = ConvertTo-TinyMaml $Tiny
        $text | Should -Match ([regex]::Escape('Compares &lt;a&gt; &amp; "b" with ''c''.'))
        $text | Should -Match ([regex]::Escape('&amp;c=2'))
        [xml] $xml = $text
        $ns = New-Object System.Xml.XmlNamespaceManager $xml.NameTable
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        $xml.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
        $xml.SelectSingleNode('//command:details/maml:description/maml:para', $ns).InnerText | Should -BeExactly 'Compares <a> & "b" with ''c''.'
        $xml.SelectSingleNode('//command:example/dev:code', $ns).InnerText | Should -BeExactly 'Test-IeaTiny -Name ''x'' | Where-Object { $_ -lt 3 -and "a&b" }'
        $xml.SelectSingleNode('//command:example/maml:title', $ns).InnerText | Should -BeLike '*Example 1: Quotes "here" & <there>*'
        $paras = @($xml.SelectNodes('/*/command:command/maml:description/maml:para', $ns) | ForEach-Object InnerText)
        $paras[0] | Should -BeExactly 'A paragraph with code and bold, over two lines.'
        $paras[1] | Should -BeExactly "- one`n- two"
        $xml.SelectSingleNode('//maml:navigationLink[maml:linkText="Site"]/maml:uri', $ns).InnerText | Should -Be 'https://example.org/a?b=1&c=2'
    }

    It 'takes syntax, required, position, pipeline input and accepted values from the command' {
        [xml] $xml = ConvertTo-TinyMaml $Tiny
        $ns = New-Object System.Xml.XmlNamespaceManager $xml.NameTable
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $items = @($xml.SelectNodes('//command:syntaxItem', $ns))
        $items.Count | Should -Be 2
        @($items[0].SelectNodes('command:parameter/maml:name', $ns) | ForEach-Object InnerText) | Should -Be @('Name', 'Force')
        @($items[0].SelectNodes('command:parameter[maml:name="Name"]/command:parameterValueGroup/command:parameterValue', $ns) | ForEach-Object InnerText) | Should -Be @('x', 'y')
        $name = $xml.SelectSingleNode('//command:parameters/command:parameter[maml:name="Name"]', $ns)
        $name.GetAttribute('position') | Should -Be '0'
        $name.GetAttribute('pipelineInput') | Should -Be 'True (ByValue)'
        $xml.SelectSingleNode('//command:parameters/command:parameter[maml:name="Count"]', $ns).GetAttribute('required') | Should -Be 'true'
        $xml.SelectSingleNode('//command:parameters/command:parameter[maml:name="Name"]/maml:description/maml:para', $ns).InnerText | Should -Be 'The <name>.'
    }

    It 'says clearly which section is missing' {
        $broken = $Tiny -replace '(?ms)^## NOTES.*?(?=^## RELATED LINKS)', ''
        { ConvertTo-TinyMaml $broken } | Should -Throw "*tiny.md*'## NOTES' is missing*"
    }

    It 'refuses <Case>, naming the file and line' -ForEach @(
        @{ Case = 'a parameter the command does not have'; From = '### -Force'; To = '### -Forse'; Message = "*tiny.md, line 29: '### -Forse': Test-IeaTiny has no parameter -Forse*" }
        @{ Case = 'an example without code'; From = '(?s)```powershell.*?```'; To = 'Text first.'; Message = '*tiny.md, line 15: the example*must start with its*code block*' }
        @{ Case = 'an unknown section'; From = '## NOTES'; To = '## NOTE'; Message = "*unknown section '## NOTE'*" }
        @{ Case = 'a file for another cmdlet'; From = '# Test-IeaTiny'; To = '# Test-Other'; Message = "*names 'Test-Other' but the file is for 'Test-IeaTiny'*" }
        @{ Case = 'an unclosed code block'; From = 'Remark\.'; To = '```'; Message = '*tiny.md, line 19: the code block opened here is never closed*' }
        @{ Case = 'a parameter without description'; From = 'How many\.'; To = ''; Message = '*the parameter -Count has no description*' }
    ) {
        { ConvertTo-TinyMaml ($Tiny -replace $From, $To) } | Should -Throw $Message
    }

    It 'writes an about topic whose 5th line is the short description, wrapped at 80 columns' {
        $about = "# about_Tiny`n`n## SHORT DESCRIPTION`nA short line.`n`n## LONG DESCRIPTION`n" + ('word & <more> ' * 30) +
            "`n`n### A part`n- an item`n`n``````powershell`nGet-Thing -With 'a very long line of code that is not wrapped at all because code keeps its lines as written'`n```````n"
        $lines = (ConvertTo-IeaAboutText -Markdown $about -Source 'about_Tiny.md' -Culture 'fr-FR') -split "`r`n"
        $lines[0] | Should -Be 'RUBRIQUE'
        $lines[1] | Should -Be '    about_Tiny'
        $lines[4] | Should -Be '    A short line.'
        @($lines | Where-Object { $_.Length -gt 80 -and $_ -notmatch '^ {8}Get-Thing' }) | Should -BeNullOrEmpty
        $lines | Should -Contain '    A part'
        $lines | Should -Contain '    - an item'
        { ConvertTo-IeaAboutText -Markdown ($about.Replace('A short line.', ('long ' * 20))) -Source 'about_Tiny.md' } | Should -Throw '*at most 76 characters*'
    }
}
