namespace ImpactEmploi.Documents
{
    /// <summary>The value kinds a layout may place settings in: REG_SZ and REG_DWORD.</summary>
    public enum RegistryValueKind
    {
#pragma warning disable CA1720 // The layout's word, as Windows names the kind.
        String,
#pragma warning restore CA1720
        DWord,
    }
}
