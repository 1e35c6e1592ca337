namespace ImpactEmploi.Layouts
{
    /// <summary>What IEA's connection program recorded of its last authentication ([Etat] in the default layout).</summary>
    public enum AuthenticationResult
    {
        Unknown,
        OK,
        ConnectionFailed,
        AuthorizationDenied,
        LicenseNotRecognized,
    }
}
