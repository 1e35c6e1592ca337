namespace ImpactEmploi.Documents
{
    /// <summary>The hives a layout may place registry settings in.</summary>
    public enum RegistryHive
    {
        LocalMachine,
        CurrentUser,
        Users,
    }
}
