@{
    RootModule           = 'ImpactEmploi.PS.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    GUID                 = '6b0f3c8e-5d7a-4f1e-9a63-2f4c1d8e7b52'
    Author               = 'ImpactEmploi.PS contributors'
    CompanyName          = 'ImpactEmploi.PS contributors'
    Copyright            = '(c) 2026 ImpactEmploi.PS contributors. MIT licence.'
    Description          = 'Checks and repairs the connection of "Impact emploi association" (URSSAF''s payroll program) to URSSAF''s servers, from a console, an Intune remediation, a GPO script or a remote session. Not affiliated with URSSAF.'
    FormatsToProcess     = @('ImpactEmploi.PS.Format.ps1xml')
    TypesToProcess       = @('ImpactEmploi.PS.Types.ps1xml')
    # Runs before the root module's assemblies load: clear errors for .NET Framework below 4.7.2, blocked files, network shares.
    NestedModules        = @('ImpactEmploi.PS.Prerequisites.psm1')
    CmdletsToExport      = @(
        'Get-IeaInstallation'
        'Get-IeaServerConfig'
        'Set-IeaServerConfig'
        'Get-IeaServerConfigBackup'
        'Restore-IeaServerConfig'
        'Test-IeaServers'
        'Restart-IeaAuthentication'
        'Get-IeaConnectionStatus'
        'Enable-IeaAssistanceMode'
        'Disable-IeaAssistanceMode'
        'Repair-IeaConnection'
        'New-IeaSupportRequest'
        'Find-IeaSetting'
        'New-IeaLayout'
        'Test-IeaLayout'
        'Export-IeaFleetReport'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('ImpactEmploi', 'IEA', 'URSSAF', 'Intune', 'Remediation', 'Payroll', 'Windows', 'PSEdition_Desktop', 'PSEdition_Core')
            ProjectUri   = 'https://impactemploi-ps.example.invalid/'
            LicenseUri   = 'https://impactemploi-ps.example.invalid/LICENSE'
            ReleaseNotes = @'
Checks and repairs the connection settings of URSSAF's "Impact emploi association" (IEA) as its fiche pratique
describes: Get-IeaConnectionStatus, Repair-IeaConnection, Test-IeaServers, Set-IeaServerConfig and backups,
assistance mode, New-IeaSupportRequest (the French mail to impact-emploi-association@urssaf.fr, refused for a
fault on the PC's side) and Export-IeaFleetReport (one HTML page and a CSV for hundreds of PCs).
Every change is atomic, backed up, locked and honours -WhatIf. Help in English and French: Get-Help about_ImpactEmploi.
'@
        }
    }
}
