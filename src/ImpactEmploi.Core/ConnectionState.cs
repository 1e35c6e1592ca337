namespace ImpactEmploi
{
    /// <summary>
    /// The installation's state. Declared in alphabetical order on purpose: Sort-Object State then gives the same
    /// order for local objects (sorted by value) and for deserialized ones (sorted as words).
    /// </summary>
    public enum ConnectionState
    {
        AssistanceMode,
        AuthorizationDenied,
        ConfigurationOutdated,
        Connected,
        Disconnected,
        LicenseNotRecognized,
        NotTested,
    }
}
