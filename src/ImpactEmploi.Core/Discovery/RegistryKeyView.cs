namespace ImpactEmploi.Discovery
{
    /// <summary>The registry view a key is read in, with the names a layout's View field uses.</summary>
    public enum RegistryKeyView
    {
        /// <summary>The only view of HKCU and HKU.</summary>
        Default,
        Registry32,
        Registry64,
    }
}
