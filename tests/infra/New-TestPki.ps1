#Requires -Version 7.0
using namespace System.Security.Cryptography
using namespace System.Security.Cryptography.X509Certificates
<#
.SYNOPSIS
    Makes the test PKI for the integration tests, without touching the machine's trust store.
.DESCRIPTION
    Writes into -Path (PEM files):
      ca.crt                        the test CA (its key is never written)
      valid.crt / valid.key         server cert for 127.0.0.1 and localhost, valid for a year
      soon.crt / soon.key           the same, expiring in 10 days (the 30-day warning)
      expired.crt / expired.key     the same, expired 30 days ago
      wronghost.crt / wronghost.key valid, but for wrong-host.example.test only
      bundle.crt                    the system bundle + the test CA: export it as SSL_CERT_FILE
                                    before starting the test process (.NET on Linux/macOS honours it)
    Regenerates everything on every run; returns an object with Path, CaFile, BundleFile.
.EXAMPLE
    dotnet pwsh tests/infra/New-TestPki.ps1 -Path /tmp/iea-pki
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [string] $SystemBundle = '/etc/ssl/certs/ca-certificates.crt'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$null = New-Item -ItemType Directory -Force -Path $Path
$Path = (Resolve-Path -LiteralPath $Path).ProviderPath
$now = [DateTimeOffset]::UtcNow

function New-Serial { $b = [byte[]]::new(16); [RandomNumberGenerator]::Fill($b); $b[0] = $b[0] -band 0x7F; $b }

function Write-Pem([string] $name, [X509Certificate2] $cert, [RSA] $key) {
    [IO.File]::WriteAllText((Join-Path $Path "$name.crt"), $cert.ExportCertificatePem() + "`n")
    if ($key) {
        $keyFile = Join-Path $Path "$name.key"
        [IO.File]::WriteAllText($keyFile, $key.ExportPkcs8PrivateKeyPem() + "`n")
        if (-not $IsWindows) { [IO.File]::SetUnixFileMode($keyFile, [IO.UnixFileMode]'UserRead, UserWrite') }
    }
}

# The CA
$caKey = [RSA]::Create(2048)
$caReq = [CertificateRequest]::new('CN=ImpactEmploi.PS Test CA, O=ImpactEmploi.PS tests', $caKey,
    [HashAlgorithmName]::SHA256, [RSASignaturePadding]::Pkcs1)
$caReq.CertificateExtensions.Add([X509BasicConstraintsExtension]::new($true, $true, 0, $true))
$caReq.CertificateExtensions.Add([X509KeyUsageExtension]::new('KeyCertSign, CrlSign', $true))
$caReq.CertificateExtensions.Add([X509SubjectKeyIdentifierExtension]::new($caReq.PublicKey, $false))
$ca = $caReq.CreateSelfSigned($now.AddDays(-400), $now.AddYears(2))
Write-Pem 'ca' $ca $null

function New-ServerCert([string] $name, [string[]] $dnsNames, [string[]] $ips, [DateTimeOffset] $from, [DateTimeOffset] $to) {
    $key = [RSA]::Create(2048)
    $req = [CertificateRequest]::new("CN=$($dnsNames[0])", $key, [HashAlgorithmName]::SHA256, [RSASignaturePadding]::Pkcs1)
    $san = [SubjectAlternativeNameBuilder]::new()
    foreach ($d in $dnsNames) { $san.AddDnsName($d) }
    foreach ($i in $ips) { $san.AddIpAddress([Net.IPAddress]::Parse($i)) }
    $req.CertificateExtensions.Add($san.Build())
    $req.CertificateExtensions.Add([X509BasicConstraintsExtension]::new($false, $false, 0, $true))
    $req.CertificateExtensions.Add([X509KeyUsageExtension]::new('DigitalSignature, KeyEncipherment', $true))
    $eku = [OidCollection]::new(); $null = $eku.Add([Oid]::new('1.3.6.1.5.5.7.3.1'))
    $req.CertificateExtensions.Add([X509EnhancedKeyUsageExtension]::new($eku, $false))
    $req.CertificateExtensions.Add([X509AuthorityKeyIdentifierExtension]::CreateFromCertificate($ca, $true, $false))
    $cert = $req.Create($ca, $from, $to, (New-Serial))
    Write-Pem $name $cert $key
}

New-ServerCert 'valid'     @('localhost') @('127.0.0.1') $now.AddDays(-1)  $now.AddDays(365)
New-ServerCert 'soon'      @('localhost') @('127.0.0.1') $now.AddDays(-1)  $now.AddDays(10)
New-ServerCert 'expired'   @('localhost') @('127.0.0.1') $now.AddDays(-60) $now.AddDays(-30)
New-ServerCert 'wronghost' @('wrong-host.example.test') @() $now.AddDays(-1) $now.AddDays(365)

$caPem = [IO.File]::ReadAllText((Join-Path $Path 'ca.crt'))
$system = if (Test-Path -LiteralPath $SystemBundle) { [IO.File]::ReadAllText($SystemBundle).TrimEnd() + "`n" } else { '' }
$bundle = Join-Path $Path 'bundle.crt'
[IO.File]::WriteAllText($bundle, $system + $caPem)

[pscustomobject]@{ Path = $Path; CaFile = (Join-Path $Path 'ca.crt'); BundleFile = $bundle }
