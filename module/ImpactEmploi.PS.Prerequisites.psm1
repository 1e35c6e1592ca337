# The manifest's first nested module: it runs on every import, before the root module's assemblies load, and
# exports nothing. A nested module, not ScriptsToProcess: that would list it as a module of its own and return it
# from Import-Module -PassThru.
# Only Windows PowerShell needs the checks (ImpactEmploi.PS.Prerequisites.ps1): PowerShell 7 runs on .NET, which
# loads netstandard2.0 assemblies, ignores the mark of the web on assemblies and loads them from shares (and under
# RemoteSigned PowerShell itself refuses a blocked script). PowerShell 7 only runs this gate.
if ($PSVersionTable.PSEdition -eq 'Desktop') {
    . (Join-Path $PSScriptRoot 'ImpactEmploi.PS.Prerequisites.ps1')
    Assert-IeaImportPrerequisite
    Export-ModuleMember -Function @()
}
