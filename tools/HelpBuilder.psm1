<#
.SYNOPSIS
    Turns the help Markdown of ImpactEmploi.PS (docs/help/<culture>/) into MAML and about_*.help.txt files.

.DESCRIPTION
    platyPS is not available to this build, so this small generator carries the part of it the module needs.
    Runs in Windows PowerShell 5.1 and PowerShell 7. Entry point: Build-IeaHelp (called by build.ps1).

    CMDLET FILES: docs/help/<culture>/<Cmdlet-Name>.md, one per cmdlet, in this platyPS-like layout:

        # Get-IeaServerConfig                      the cmdlet's name, the same as the file name
        ## SYNOPSIS                                one paragraph
        ## DESCRIPTION                             paragraphs, lists, fenced code
        ## EXAMPLES
        ### Example 1: Read the settings          "<word> <n>: <title>" ("Exemple 1 : ..." in French)
        ```powershell                              exactly one PowerShell block, first; it must parse
        Get-IeaServerConfig
        ```
        Remarks: paragraphs, lists, more fenced blocks (```output) after the code.
        ## PARAMETERS
        ### -Path                                  one per parameter, common parameters excepted;
        Description.                               -WhatIf and -Confirm included
        ## INPUTS
        ### System.String[]                        a type name (or None), then its description
        ## OUTPUTS
        ### ImpactEmploi.IeaServerConfig
        ## NOTES
        ## RELATED LINKS
        - [about_ImpactEmploi]()                   list items: [text](uri) or plain text
        - [Fiche pratique](https://...)            only http(s) addresses are kept as links

    All eight sections are required, each once, in any order; the section and "###" headings stay in English
    in every language except the example titles. Parameter facts are NOT written in Markdown: type, aliases,
    required, position, pipeline input, accepted values (ValidateSet), wildcards (SupportsWildcards) and the
    parameter sets of the syntax are read from the real cmdlet (Get-Command) at build time; the default value
    is read from a new instance of the cmdlet class (a value type's zero and null show as None).
    A "### -Name" the cmdlet does not have is an error; a parameter of the cmdlet with no "### -Name" is a
    warning (the help tests then fail, so it cannot ship).

    ABOUT FILES: docs/help/<culture>/about_<Topic>.md:

        # about_ImpactEmploi
        ## SHORT DESCRIPTION                      first "##": one line of at most 76 characters (Get-Help lists
                                                  the 5th line of the file as the topic's synopsis)
        ## LONG DESCRIPTION                       then any "##" (upper-cased) and "###" headings, paragraphs,
                                                  lists, pipe tables and fenced code (kept as written)

    The "##" headings are written as given, so a French file may use "DESCRIPTION COURTE". Text is wrapped at
    80 columns, indented by 4 (code by 8). Inline Markdown is reduced to plain text: `code` and **bold** lose
    their marks, [text](https://uri) becomes "text (https://uri)".

    Every file is written as UTF-8 with a byte order mark: Windows PowerShell 5.1 reads a help file without a
    BOM in the ANSI code page, which breaks accents.
#>
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$script:CommandSections = @('SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:Utf8Bom = New-Object System.Text.UTF8Encoding $true
$script:Utf8NoBom = New-Object System.Text.UTF8Encoding $false
$script:Maml = 'http://schemas.microsoft.com/maml/2004/10'
$script:Command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:Dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

# ---------------------------------------------------------------------------------------------------------
# Markdown reading
# ---------------------------------------------------------------------------------------------------------

function New-HelpError([string] $Source, [int] $Line, [string] $Message) {
    $where = $Source
    if ($Line -gt 0) { $where = "$Source, line $Line" }
    return New-Object System.IO.InvalidDataException ("Help Markdown $where`: $Message")
}

# A fence left open would swallow every heading after it: say so rather than report missing sections.
function Assert-FencesClosed([string[]] $Lines, [string] $Source) {
    $fence = $null; $opened = 0
    for ($i = 0; $i -lt $Lines.Count; $i++) {
        if ($null -ne $fence) { if ($Lines[$i].Trim().StartsWith($fence)) { $fence = $null } }
        elseif ($Lines[$i] -match '^\s*(```+|~~~+)') { $fence = $Matches[1]; $opened = $i + 1 }
    }
    if ($null -ne $fence) { throw (New-HelpError $Source $opened "the code block opened here is never closed ($fence).") }
}

function Split-Lines([string] $Text) {
    if ($Text.Length -gt 0 -and $Text[0] -eq [char] 0xFEFF) { $Text = $Text.Substring(1) }
    return , ($Text -replace "`r`n", "`n" -replace "`r", "`n").Split("`n")
}

# Splits lines at the headings of one level ("## " or "### "), ignoring headings inside fenced code.
# Returns the text before the first heading (Title $null) and then one section per heading.
function Split-HelpSection {
    param([string[]] $Lines, [int] $Level, [int] $FirstLine)
    $marker = ('#' * $Level) + ' '
    $sections = New-Object System.Collections.ArrayList
    $current = [pscustomobject]@{ Title = $null; Line = $FirstLine; Lines = (New-Object System.Collections.Generic.List[string]) }
    $fence = $null
    for ($i = 0; $i -lt $Lines.Count; $i++) {
        $line = $Lines[$i]
        if ($null -ne $fence) {
            if ($line.Trim().StartsWith($fence)) { $fence = $null }
        }
        elseif ($line -match '^\s*(```+|~~~+)') {
            $fence = $Matches[1]
        }
        elseif ($line.StartsWith($marker)) {
            [void] $sections.Add($current)
            $current = [pscustomobject]@{ Title = $line.Substring($marker.Length).Trim(); Line = $FirstLine + $i; Lines = (New-Object System.Collections.Generic.List[string]) }
            continue
        }
        $current.Lines.Add($line)
    }
    [void] $sections.Add($current)
    return $sections.ToArray()
}

# Moves the paragraph, list items or table rows gathered so far into $Blocks as one block each, and empties them.
function Add-PendingHelpBlock([System.Collections.ArrayList] $Blocks, $Paragraph, $Items, $Table) {
    if ($Paragraph.Count) { [void] $Blocks.Add([pscustomobject]@{ Kind = 'Paragraph'; Text = ($Paragraph -join ' '); Items = $null; Language = $null }); $Paragraph.Clear() }
    if ($Items.Count) { [void] $Blocks.Add([pscustomobject]@{ Kind = 'List'; Text = $null; Items = $Items.ToArray(); Language = $null }); $Items.Clear() }
    if ($Table.Count) { [void] $Blocks.Add([pscustomobject]@{ Kind = 'Table'; Text = ($Table -join "`n"); Items = $null; Language = $null }); $Table.Clear() }
}

# Paragraphs, lists, tables and fenced code blocks of a run of lines.
function ConvertTo-HelpBlock {
    param([string[]] $Lines, [string] $Source, [int] $FirstLine)
    $blocks = New-Object System.Collections.ArrayList
    $paragraph = New-Object System.Collections.Generic.List[string]
    $items = New-Object System.Collections.Generic.List[string]
    $table = New-Object System.Collections.Generic.List[string]
    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        if ($line -match '^\s*(```+|~~~+)\s*([\w-]*)\s*$') {
            Add-PendingHelpBlock $blocks $paragraph $items $table
            $fence = $Matches[1]; $language = $Matches[2]; $start = $i
            $code = New-Object System.Collections.Generic.List[string]
            $i++
            while ($i -lt $Lines.Count -and -not $Lines[$i].Trim().StartsWith($fence)) { $code.Add($Lines[$i]); $i++ }
            if ($i -ge $Lines.Count) { throw (New-HelpError $Source ($FirstLine + $start) "the code block opened here is never closed ($fence).") }
            [void] $blocks.Add([pscustomobject]@{ Kind = 'Code'; Text = ($code -join "`n"); Items = $null; Language = $language.ToLowerInvariant() })
            $i++
            continue
        }
        if ($line.Trim().Length -eq 0) { Add-PendingHelpBlock $blocks $paragraph $items $table; $i++; continue }
        if ($line -match '^\s*\|') {
            if ($paragraph.Count -or $items.Count) { Add-PendingHelpBlock $blocks $paragraph $items $table }
            $table.Add($line.Trim()); $i++; continue
        }
        if ($line -match '^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$') {
            if ($paragraph.Count -or $table.Count) { Add-PendingHelpBlock $blocks $paragraph $items $table }
            $items.Add($Matches[1].Trim()); $i++; continue
        }
        if ($items.Count -and $line -match '^\s+\S') {
            $items[$items.Count - 1] = $items[$items.Count - 1] + ' ' + $line.Trim(); $i++; continue
        }
        if ($table.Count) { Add-PendingHelpBlock $blocks $paragraph $items $table }
        if ($items.Count) { Add-PendingHelpBlock $blocks $paragraph $items $table }
        $text = $line.Trim()
        if ($text -match '^#{1,6}\s+(.*)$') { Add-PendingHelpBlock $blocks $paragraph $items $table; $paragraph.Add($Matches[1]); Add-PendingHelpBlock $blocks $paragraph $items $table; $i++; continue }
        $paragraph.Add($text)
        $i++
    }
    Add-PendingHelpBlock $blocks $paragraph $items $table
    return $blocks.ToArray()
}

# Markdown inline marks to plain text. Code spans are kept as written, without their backticks.
function ConvertFrom-HelpInline([string] $Text) {
    if ($null -eq $Text) { return $null }
    $parts = [regex]::Split($Text, '(`+[^`]*?`+)')
    $out = New-Object System.Text.StringBuilder
    foreach ($part in $parts) {
        if ($part -match '^(`+)(.*?)\1$') { [void] $out.Append($Matches[2].Trim()); continue }
        $plain = [regex]::Replace($part, '\[([^\]]+)\]\(([^)\s]*)\)', {
                param($m)
                if ($m.Groups[2].Value -match '^https?://') { return $m.Groups[1].Value + ' (' + $m.Groups[2].Value + ')' }
                return $m.Groups[1].Value
            })
        $plain = [regex]::Replace($plain, '(\*\*|__)(.+?)\1', '$2')
        $plain = [regex]::Replace($plain, '\\([\\`*_{}\[\]()#+\-.!<>|])', '$1')
        [void] $out.Append($plain)
    }
    return $out.ToString()
}

function Get-BlockText($Blocks) {
    foreach ($block in @($Blocks)) {
        if ($block.Kind -eq 'Paragraph') { ConvertFrom-HelpInline $block.Text }
        elseif ($block.Kind -eq 'List') { (@($block.Items | ForEach-Object { '- ' + (ConvertFrom-HelpInline $_) }) -join "`n") }
        else { $block.Text }
    }
}

<#
.SYNOPSIS
    Parses one cmdlet help Markdown file (see the module's description for the layout).
#>
# The blocks of one section or subsection.
function Get-SectionBlock($Section, [string] $Source) {
    ConvertTo-HelpBlock -Lines $Section.Lines.ToArray() -Source $Source -FirstLine ($Section.Line + 1)
}

# The '### ...' subsections of the section $Key; no text may come before the first ($What names what is expected).
function Get-HelpSubsection($Sections, [string] $Key, [string] $What, [string] $Source) {
    $split = @(Split-HelpSection -Lines $Sections[$Key].Lines.ToArray() -Level 3 -FirstLine ($Sections[$Key].Line + 1))
    if (@($split[0].Lines | Where-Object { $_.Trim() }).Count) { throw (New-HelpError $Source $split[0].Line "text in '## $Key' before the first '### $What'.") }
    , @($split | Select-Object -Skip 1)
}

# INPUTS or OUTPUTS: one entry per '### TypeName' subsection.
function Get-HelpTypeList($Sections, [string] $Key, [string] $Source) {
    $list = New-Object System.Collections.ArrayList
    foreach ($part in (Get-HelpSubsection $Sections $Key 'TypeName' $Source)) {
        [void] $list.Add([pscustomobject]@{ Type = (ConvertFrom-HelpInline $part.Title); Description = @(Get-SectionBlock $part $Source) })
    }
    if (-not $list.Count) { throw (New-HelpError $Source $Sections[$Key].Line "the $Key section needs at least one '### TypeName' (or '### None').") }
    , $list.ToArray()
}

function ConvertFrom-IeaHelpMarkdown {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [AllowEmptyString()] [string] $Markdown,
        [string] $Source = '<markdown>',
        # The cmdlet name the file must describe (the file's base name); not checked when empty.
        [string] $ExpectedName
    )
    $lines = Split-Lines $Markdown
    Assert-FencesClosed $lines $Source
    $top = @(Split-HelpSection -Lines $lines -Level 1 -FirstLine 1)
    $titled = @($top | Where-Object { $null -ne $_.Title })
    if ($titled.Count -ne 1) { throw (New-HelpError $Source 0 "expected exactly one '# <Cmdlet-Name>' heading, found $($titled.Count).") }
    if (@($top[0].Lines | Where-Object { $_.Trim() }).Count) { throw (New-HelpError $Source 1 "text before the '# <Cmdlet-Name>' heading.") }
    $name = $titled[0].Title
    if ($ExpectedName -and $name -ne $ExpectedName) { throw (New-HelpError $Source $titled[0].Line "the heading names '$name' but the file is for '$ExpectedName'.") }

    $sections = @{}
    $parts = @(Split-HelpSection -Lines $titled[0].Lines.ToArray() -Level 2 -FirstLine ($titled[0].Line + 1))
    if (@($parts[0].Lines | Where-Object { $_.Trim() }).Count) { throw (New-HelpError $Source $parts[0].Line "text between '# $name' and the first '## SECTION'.") }
    foreach ($part in @($parts | Select-Object -Skip 1)) {
        $key = $part.Title.ToUpperInvariant()
        if ($script:CommandSections -notcontains $key) { throw (New-HelpError $Source $part.Line "unknown section '## $($part.Title)'; the sections are: $($script:CommandSections -join ', ').") }
        if ($sections.ContainsKey($key)) { throw (New-HelpError $Source $part.Line "the section '## $key' appears twice.") }
        $sections[$key] = $part
    }
    foreach ($key in $script:CommandSections) {
        if (-not $sections.ContainsKey($key)) { throw (New-HelpError $Source 0 "the section '## $key' is missing (required: $($script:CommandSections -join ', ')).") }
    }


    $synopsis = @(Get-SectionBlock $sections['SYNOPSIS'] $Source)
    if ($synopsis.Count -ne 1 -or $synopsis[0].Kind -ne 'Paragraph') { throw (New-HelpError $Source $sections['SYNOPSIS'].Line 'the SYNOPSIS must be one paragraph.') }
    $description = @(Get-SectionBlock $sections['DESCRIPTION'] $Source)
    if (-not $description.Count) { throw (New-HelpError $Source $sections['DESCRIPTION'].Line 'the DESCRIPTION is empty.') }

    $examples = New-Object System.Collections.ArrayList
    foreach ($part in (Get-HelpSubsection $sections 'EXAMPLES' 'Example 1: title' $Source)) {
        if ($part.Title -notmatch '^\S+\s+\d+\s*:\s*\S') { throw (New-HelpError $Source $part.Line "an example's heading must read '### Example <n>: <title>', not '### $($part.Title)'.") }
        $blocks = @(Get-SectionBlock $part $Source)
        if (-not $blocks.Count -or $blocks[0].Kind -ne 'Code' -or @('powershell', 'ps', 'ps1', 'pwsh', '') -notcontains $blocks[0].Language) {
            throw (New-HelpError $Source $part.Line ("the example '$($part.Title)' must start with its " + '```powershell' + ' code block (remarks come after it).'))
        }
        [void] $examples.Add([pscustomobject]@{ Title = $part.Title; Code = $blocks[0].Text; Remarks = @($blocks | Select-Object -Skip 1) })
    }
    if (-not $examples.Count) { throw (New-HelpError $Source $sections['EXAMPLES'].Line 'the EXAMPLES section has no example.') }

    $parameters = New-Object System.Collections.Specialized.OrderedDictionary ([StringComparer]::OrdinalIgnoreCase)
    foreach ($part in (Get-HelpSubsection $sections 'PARAMETERS' '-Name' $Source)) {
        if ($part.Title -notmatch '^-(\w+)$') { throw (New-HelpError $Source $part.Line "a parameter's heading must read '### -Name', not '### $($part.Title)'.") }
        $parameterName = $Matches[1]
        if ($parameters.Contains($parameterName)) { throw (New-HelpError $Source $part.Line "the parameter -$parameterName is described twice.") }
        $blocks = @(Get-SectionBlock $part $Source)
        if (-not $blocks.Count) { throw (New-HelpError $Source $part.Line "the parameter -$parameterName has no description.") }
        $parameters[$parameterName] = [pscustomobject]@{ Name = $parameterName; Description = $blocks; Line = $part.Line }
    }

    $inputs = Get-HelpTypeList $sections 'INPUTS' $Source
    $outputs = Get-HelpTypeList $sections 'OUTPUTS' $Source

    $notes = @(Get-SectionBlock $sections['NOTES'] $Source)
    if (-not $notes.Count) { throw (New-HelpError $Source $sections['NOTES'].Line 'the NOTES section is empty.') }

    $links = New-Object System.Collections.ArrayList
    foreach ($block in @(Get-SectionBlock $sections['RELATED LINKS'] $Source)) {
        if ($block.Kind -ne 'List') { throw (New-HelpError $Source $sections['RELATED LINKS'].Line 'RELATED LINKS must be a list ("- [text](uri)" or "- text").') }
        foreach ($item in $block.Items) {
            if ($item -match '^\[([^\]]+)\]\(([^)\s]*)\)$') {
                $text = $Matches[1]; $uri = $Matches[2]
                if ($uri -notmatch '^https?://') { $uri = '' }
                [void] $links.Add([pscustomobject]@{ Text = $text; Uri = $uri })
            }
            else { [void] $links.Add([pscustomobject]@{ Text = (ConvertFrom-HelpInline $item); Uri = '' }) }
        }
    }

    [pscustomobject]@{
        Name        = $name
        Source      = $Source
        Synopsis    = ConvertFrom-HelpInline $synopsis[0].Text
        Description = $description
        Examples    = $examples.ToArray()
        Parameters  = $parameters
        Inputs      = $inputs
        Outputs     = $outputs
        Notes       = $notes
        Links       = $links.ToArray()
    }
}

# ---------------------------------------------------------------------------------------------------------
# MAML writing
# ---------------------------------------------------------------------------------------------------------

function Get-ShortTypeName([type] $Type) {
    if ($Type.IsArray) { return (Get-ShortTypeName $Type.GetElementType()) + '[]' }
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { return Get-ShortTypeName $inner }
    return $Type.Name
}

function Get-FullTypeName([type] $Type) {
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { return $inner.FullName }
    return $Type.FullName
}

function Get-HelpParameterName($CommandInfo) {
    $excluded = New-Object System.Collections.Generic.HashSet[string] ([StringComparer]::OrdinalIgnoreCase)
    foreach ($name in [System.Management.Automation.Cmdlet]::CommonParameters) { [void] $excluded.Add($name) }
    [void] $excluded.Add('UseTransaction')
    @($CommandInfo.Parameters.Keys | Where-Object { -not $excluded.Contains($_) })
}

function Get-PipelineInputText([bool] $ByValue, [bool] $ByPropertyName) {
    if ($ByValue -and $ByPropertyName) { return 'True (ByPropertyName, ByValue)' }
    if ($ByValue) { return 'True (ByValue)' }
    if ($ByPropertyName) { return 'True (ByPropertyName)' }
    return 'False'
}

# The default value of each parameter, from a new instance of the cmdlet class.
function Get-ParameterDefault($CommandInfo) {
    $defaults = @{}
    $instance = $null
    if ($CommandInfo -is [System.Management.Automation.CmdletInfo] -and $CommandInfo.ImplementingType) {
        try { $instance = [Activator]::CreateInstance($CommandInfo.ImplementingType) } catch { $instance = $null }
    }
    foreach ($name in $CommandInfo.Parameters.Keys) {
        $type = $CommandInfo.Parameters[$name].ParameterType
        $text = 'None'
        if ($type -eq [System.Management.Automation.SwitchParameter]) { $text = 'False' }
        if ($null -ne $instance) {
            $property = $CommandInfo.ImplementingType.GetProperty($name)
            if ($property -and $property.CanRead) {
                $value = $null
                try { $value = $property.GetValue($instance, $null) } catch { $value = $null }
                if ($value -is [System.Management.Automation.SwitchParameter]) {
                    if ($value.IsPresent) { $text = 'True' }
                }
                elseif ($null -ne $value -and -not ($value.GetType().IsValueType -and $value.Equals([Activator]::CreateInstance($value.GetType())))) {
                    $text = [string] $value
                    if ($value -is [Array]) { $text = (@($value) -join ', ') }
                }
            }
        }
        $defaults[$name] = $text
    }
    return $defaults
}

function Write-Paragraphs([System.Xml.XmlWriter] $Writer, $Blocks) {
    $Writer.WriteStartElement('maml', 'description', $script:Maml)
    foreach ($text in (Get-BlockText $Blocks)) { $Writer.WriteElementString('maml', 'para', $script:Maml, $text) }
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, [bool] $Required, [string] $Position, [string] $PipelineInput, $Blocks,
        [string] $Default, [bool] $InSyntax)
    $type = $Parameter.ParameterType
    $isSwitch = $type -eq [System.Management.Automation.SwitchParameter]
    $globbing = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
    $aliases = 'none'
    if (@($Parameter.Aliases).Count) { $aliases = @($Parameter.Aliases) -join ', ' }
    $Writer.WriteStartElement('command', 'parameter', $script:Command)
    $Writer.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $type.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $PipelineInput)
    $Writer.WriteAttributeString('position', $Position)
    $Writer.WriteAttributeString('aliases', $aliases)
    $Writer.WriteElementString('maml', 'name', $script:Maml, $Parameter.Name)
    Write-Paragraphs $Writer $Blocks
    $validateSet = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1)
    if ($InSyntax -and $validateSet.Count) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $script:Command)
        foreach ($value in $validateSet[0].ValidValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $script:Command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $script:Command, 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    elseif (-not ($InSyntax -and $isSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $script:Command)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', $type.IsArray.ToString().ToLowerInvariant())
        $Writer.WriteString((Get-ShortTypeName $type))
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:Dev)
    $Writer.WriteElementString('maml', 'name', $script:Maml, (Get-FullTypeName $type))
    $Writer.WriteElementString('maml', 'uri', $script:Maml, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $script:Dev, $Default)
    $Writer.WriteEndElement()
}

# A parameter's description blocks; one empty paragraph for a parameter the Markdown does not describe.
function Get-ParameterBlock($Help, [string] $Name) {
    if ($Help.Parameters.Contains($Name)) { return , $Help.Parameters[$Name].Description }
    , @([pscustomobject]@{ Kind = 'Paragraph'; Text = ''; Items = $null; Language = $null })
}

function Write-MamlCommand([System.Xml.XmlWriter] $Writer, $Help, $CommandInfo) {
    $source = $Help.Source
    $names = Get-HelpParameterName $CommandInfo
    foreach ($described in $Help.Parameters.Keys) {
        if ($names -notcontains $described) {
            throw (New-HelpError $source $Help.Parameters[$described].Line "'### -$described': $($CommandInfo.Name) has no parameter -$described (its parameters: $($names -join ', ')).")
        }
    }
    $missing = @($names | Where-Object { -not $Help.Parameters.Contains($_) })
    if ($missing.Count) { Write-Warning "$source`: no '### -Name' for $($missing -join ', ') of $($CommandInfo.Name); the help tests will fail until they are described." }
    # The Markdown's order, then what it misses.
    $ordered = @(@($Help.Parameters.Keys | ForEach-Object { [string] $_ }) + $missing)
    $defaults = Get-ParameterDefault $CommandInfo

    $Writer.WriteStartElement('command', 'command', $script:Command)
    $Writer.WriteAttributeString('xmlns', 'maml', $null, $script:Maml)
    $Writer.WriteAttributeString('xmlns', 'command', $null, $script:Command)
    $Writer.WriteAttributeString('xmlns', 'dev', $null, $script:Dev)

    $Writer.WriteStartElement('command', 'details', $script:Command)
    $Writer.WriteElementString('command', 'name', $script:Command, $CommandInfo.Name)
    $Writer.WriteElementString('command', 'verb', $script:Command, $CommandInfo.Verb)
    $Writer.WriteElementString('command', 'noun', $script:Command, $CommandInfo.Noun)
    $Writer.WriteStartElement('maml', 'description', $script:Maml)
    $Writer.WriteElementString('maml', 'para', $script:Maml, $Help.Synopsis)
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    Write-Paragraphs $Writer $Help.Description

    # One syntax item per parameter set, the default set first; positional parameters first, by position.
    $Writer.WriteStartElement('command', 'syntax', $script:Command)
    $sets = @($CommandInfo.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $script:Command)
        $Writer.WriteElementString('maml', 'name', $script:Maml, $CommandInfo.Name)
        $inSet = @($set.Parameters | Where-Object { $names -contains $_.Name })
        $positional = @($inSet | Where-Object { $_.Position -ge 0 } | Sort-Object Position)
        $named = @($ordered | ForEach-Object { $n = $_; $inSet | Where-Object { $_.Name -eq $n -and $_.Position -lt 0 } })
        foreach ($parameter in @($positional + $named)) {
            $position = 'named'
            if ($parameter.Position -ge 0) { $position = [string] $parameter.Position }
            Write-MamlParameter -Writer $Writer -Parameter $parameter -Required $parameter.IsMandatory -Position $position `
                -PipelineInput (Get-PipelineInputText $parameter.ValueFromPipeline $parameter.ValueFromPipelineByPropertyName) `
                -Blocks (Get-ParameterBlock $Help $parameter.Name) -Default $defaults[$parameter.Name] -InSyntax $true
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # Parameters: required when mandatory in every set it belongs to; pipeline input from any set.
    $Writer.WriteStartElement('command', 'parameters', $script:Command)
    foreach ($name in $ordered) {
        $inSets = @($CommandInfo.ParameterSets | ForEach-Object { $_.Parameters | Where-Object { $_.Name -eq $name } })
        $positions = @($inSets | Where-Object { $_.Position -ge 0 } | ForEach-Object { $_.Position } | Sort-Object -Unique)
        $position = 'named'
        if ($positions.Count) { $position = [string] $positions[0] }
        $required = @($inSets | Where-Object { -not $_.IsMandatory }).Count -eq 0
        $byValue = @($inSets | Where-Object { $_.ValueFromPipeline }).Count -gt 0
        $byName = @($inSets | Where-Object { $_.ValueFromPipelineByPropertyName }).Count -gt 0
        Write-MamlParameter -Writer $Writer -Parameter $inSets[0] -Required $required -Position $position `
            -PipelineInput (Get-PipelineInputText $byValue $byName) -Blocks (Get-ParameterBlock $Help $name) -Default $defaults[$name] -InSyntax $false
    }
    $Writer.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $Help.Inputs), @('returnValues', 'returnValue', $Help.Outputs))) {
        $Writer.WriteStartElement('command', $kind[0], $script:Command)
        foreach ($item in $kind[2]) {
            $Writer.WriteStartElement('command', $kind[1], $script:Command)
            $Writer.WriteStartElement('dev', 'type', $script:Dev)
            $Writer.WriteElementString('maml', 'name', $script:Maml, $item.Type)
            $Writer.WriteEndElement()
            Write-Paragraphs $Writer $item.Description
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('maml', 'alertSet', $script:Maml)
    $Writer.WriteStartElement('maml', 'alert', $script:Maml)
    foreach ($text in (Get-BlockText $Help.Notes)) { $Writer.WriteElementString('maml', 'para', $script:Maml, $text) }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $script:Command)
    foreach ($example in $Help.Examples) {
        $Writer.WriteStartElement('command', 'example', $script:Command)
        $Writer.WriteElementString('maml', 'title', $script:Maml, "--------- $($example.Title) ---------")
        $Writer.WriteElementString('dev', 'code', $script:Dev, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $script:Dev)
        foreach ($text in (Get-BlockText $example.Remarks)) { $Writer.WriteElementString('maml', 'para', $script:Maml, $text) }
        # An empty paragraph: Get-Help then leaves a blank line before the next example's title.
        $Writer.WriteElementString('maml', 'para', $script:Maml, '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('maml', 'relatedLinks', $script:Maml)
    foreach ($link in $Help.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $script:Maml)
        $Writer.WriteElementString('maml', 'linkText', $script:Maml, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $script:Maml, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

<#
.SYNOPSIS
    Writes the MAML document (helpItems) for parsed help documents and their commands, as a string.
.PARAMETER Help
    Objects from ConvertFrom-IeaHelpMarkdown.
.PARAMETER Command
    The commands (Get-Command) they describe, matched by name.
#>
function ConvertTo-IeaMaml {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [object[]] $Help,
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo[]] $Command
    )
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = $script:Utf8NoBom
    $settings.NewLineChars = "`r`n"
    $stream = New-Object System.IO.MemoryStream
    $writer = [System.Xml.XmlWriter]::Create($stream, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($document in $Help) {
            $info = @($Command | Where-Object { $_.Name -eq $document.Name })
            if (-not $info.Count) { throw (New-HelpError $document.Source 0 "no command named '$($document.Name)' was given to describe.") }
            Write-MamlCommand $writer $document $info[0]
        }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
        $writer.Flush()
        return $script:Utf8NoBom.GetString($stream.ToArray())
    }
    finally { $writer.Dispose(); $stream.Dispose() }
}

# ---------------------------------------------------------------------------------------------------------
# about_ topics
# ---------------------------------------------------------------------------------------------------------

function Format-Wrapped([string] $Text, [int] $Indent, [int] $Hanging = -1, [int] $Width = 80) {
    if ($Hanging -lt 0) { $Hanging = $Indent }
    $lines = New-Object System.Collections.Generic.List[string]
    $line = ' ' * $Indent
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt $Width) {
            $lines.Add($line)
            $line = (' ' * $Hanging) + $word
        }
        elseif ($empty) { $line += $word }
        else { $line += ' ' + $word }
        $empty = $false
    }
    $lines.Add($line)
    return , $lines.ToArray()
}

<#
.SYNOPSIS
    Converts an about_ topic's Markdown to the plain text of an about_*.help.txt file.
.PARAMETER Culture
    The culture of the text: the first line is TOPIC (RUBRIQUE in French).
#>
function ConvertTo-IeaAboutText {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [AllowEmptyString()] [string] $Markdown,
        [string] $Source = '<markdown>',
        [string] $Culture = 'en-US',
        [string] $ExpectedName
    )
    $lines = Split-Lines $Markdown
    Assert-FencesClosed $lines $Source
    $top = @(Split-HelpSection -Lines $lines -Level 1 -FirstLine 1)
    $titled = @($top | Where-Object { $null -ne $_.Title })
    if ($titled.Count -ne 1 -or $titled[0].Title -notmatch '^about_\w+$') { throw (New-HelpError $Source 0 "expected exactly one '# about_<Topic>' heading.") }
    $name = $titled[0].Title
    if ($ExpectedName -and $name -ne $ExpectedName) { throw (New-HelpError $Source $titled[0].Line "the heading names '$name' but the file is for '$ExpectedName'.") }
    $parts = @(Split-HelpSection -Lines $titled[0].Lines.ToArray() -Level 2 -FirstLine ($titled[0].Line + 1))
    $sections = @($parts | Select-Object -Skip 1)
    if ($sections.Count -lt 2) { throw (New-HelpError $Source 0 "an about topic needs a short description ('## SHORT DESCRIPTION', one line) and a long description ('## LONG DESCRIPTION').") }
    $short = @(ConvertTo-HelpBlock -Lines $sections[0].Lines.ToArray() -Source $Source -FirstLine ($sections[0].Line + 1))
    $shortText = ''
    if ($short.Count -eq 1 -and $short[0].Kind -eq 'Paragraph') { $shortText = ConvertFrom-HelpInline $short[0].Text }
    if (-not $shortText -or $shortText.Length -gt 76) {
        throw (New-HelpError $Source $sections[0].Line "the short description (first '##' section) must be one paragraph of at most 76 characters: Get-Help lists the 5th line of the file as the topic's synopsis.")
    }

    $topic = 'TOPIC'
    if ($Culture -like 'fr*') { $topic = 'RUBRIQUE' }
    $out = New-Object System.Collections.Generic.List[string]
    $out.Add($topic); $out.Add("    $name"); $out.Add('')
    $out.Add($sections[0].Title.ToUpper([Globalization.CultureInfo]::InvariantCulture)); $out.Add("    $shortText")
    foreach ($section in @($sections | Select-Object -Skip 1)) {
        $out.Add('')
        $out.Add($section.Title.ToUpperInvariant())
        foreach ($part in @(Split-HelpSection -Lines $section.Lines.ToArray() -Level 3 -FirstLine ($section.Line + 1))) {
            if ($null -ne $part.Title) {
                $title = ConvertFrom-HelpInline $part.Title
                $out.Add(''); $out.Add("    $title"); $out.Add('    ' + ('-' * $title.Length))
            }
            foreach ($block in @(ConvertTo-HelpBlock -Lines $part.Lines.ToArray() -Source $Source -FirstLine ($part.Line + 1))) {
                $out.Add('')
                switch ($block.Kind) {
                    'Paragraph' { $out.AddRange([string[]] (Format-Wrapped (ConvertFrom-HelpInline $block.Text) 4)) }
                    'List' {
                        foreach ($item in $block.Items) { $out.AddRange([string[]] (Format-Wrapped ('- ' + (ConvertFrom-HelpInline $item)) 4 6)) }
                    }
                    'Table' {
                        foreach ($row in $block.Text.Split("`n")) {
                            if ($row -match '^\|[\s:|-]+\|$') { continue }
                            $cells = @($row.Trim().Trim('|').Split('|') | ForEach-Object { ConvertFrom-HelpInline $_.Trim() })
                            $out.AddRange([string[]] (Format-Wrapped ($cells -join ' | ') 4 8))
                        }
                    }
                    default { foreach ($codeLine in $block.Text.Split("`n")) { $out.Add(('        ' + $codeLine).TrimEnd()) } }
                }
            }
        }
    }
    $out.Add('')
    return ($out -join "`r`n")
}

# ---------------------------------------------------------------------------------------------------------
# The build step
# ---------------------------------------------------------------------------------------------------------

function Write-IeaHelpFile([string] $Path, [string] $Text) {
    $folder = Split-Path -Parent $Path
    if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Force -Path $folder | Out-Null }
    [System.IO.File]::WriteAllText($Path, $Text, $script:Utf8Bom)
}

<#
.SYNOPSIS
    Builds the help of a module: for each culture folder under -SourcePath, the MAML of its cmdlets and its
    about_ topics, written into that culture's folder of -OutputPath.
.PARAMETER ModuleManifest
    The built module; it is imported to read its cmdlets' real metadata (run this in a child process: a
    binary module cannot be unloaded).
#>
function Build-IeaHelp {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ModuleManifest,
        [Parameter(Mandatory)] [string] $SourcePath,
        [Parameter(Mandatory)] [string] $OutputPath
    )
    $module = Import-Module $ModuleManifest -Force -PassThru -ErrorAction Stop
    $exported = @($module.ExportedCmdlets.Values) + @($module.ExportedFunctions.Values)
    $cultures = @(Get-ChildItem -LiteralPath $SourcePath -Directory | Where-Object { $_.Name -match '^[a-z]{2}(-[A-Z]{2})?$' } | Sort-Object Name)
    if (-not $cultures.Count) { throw "No culture folder (en-US, fr-FR, ...) under $SourcePath." }
    $written = New-Object System.Collections.ArrayList
    foreach ($culture in $cultures) {
        $target = Join-Path $OutputPath $culture.Name
        $documents = New-Object System.Collections.ArrayList
        foreach ($file in @(Get-ChildItem -LiteralPath $culture.FullName -Filter '*.md' | Sort-Object Name)) {
            $markdown = [System.IO.File]::ReadAllText($file.FullName, [System.Text.Encoding]::UTF8)
            $source = "$($culture.Name)/$($file.Name)"
            if ($file.BaseName -like 'about_*') {
                $path = Join-Path $target "$($file.BaseName).help.txt"
                Write-IeaHelpFile $path (ConvertTo-IeaAboutText -Markdown $markdown -Source $source -Culture $culture.Name -ExpectedName $file.BaseName)
                [void] $written.Add($path)
                continue
            }
            if (-not @($exported | Where-Object { $_.Name -eq $file.BaseName }).Count) {
                throw (New-HelpError $source 0 "'$($file.BaseName)' is not a command the module exports ($(@($exported.Name) -join ', ')).")
            }
            [void] $documents.Add((ConvertFrom-IeaHelpMarkdown -Markdown $markdown -Source $source -ExpectedName $file.BaseName))
        }
        foreach ($command in $exported) {
            if (-not @($documents | Where-Object { $_.Name -eq $command.Name }).Count) {
                Write-Warning "$($culture.Name): $($command.Name) has no help Markdown ($($culture.Name)/$($command.Name).md); the help tests will fail until it has."
            }
        }
        # One MAML file per help file name the commands declare (ImpactEmploi.PS.dll-Help.xml for a binary module).
        $groups = @($documents | Group-Object { $d = $_; (@($exported | Where-Object { $_.Name -eq $d.Name })[0]).HelpFile })
        foreach ($group in $groups) {
            $helpFile = Split-Path -Leaf $group.Name
            if (-not $helpFile) { $helpFile = "$($module.Name)-Help.xml" }
            $path = Join-Path $target $helpFile
            Write-IeaHelpFile $path (ConvertTo-IeaMaml -Help @($group.Group) -Command $exported)
            [void] $written.Add($path)
        }
    }
    return $written.ToArray()
}

Export-ModuleMember -Function ConvertFrom-IeaHelpMarkdown, ConvertTo-IeaMaml, ConvertTo-IeaAboutText, Build-IeaHelp
