namespace ImpactEmploi.Documents
{
    /// <summary>Which registry view a value is read from on 64-bit Windows: the process's own, the 32-bit or the 64-bit one.</summary>
    public enum RegistryView
    {
        Default,
        Registry32,
        Registry64,
    }
}
