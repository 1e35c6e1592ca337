namespace ImpactEmploi.Documents
{
    /// <summary>
    /// The registry values a layout places settings in (the seam: Windows' registry, or an in-memory one in tests).
    /// Values are text: a REG_SZ (or REG_EXPAND_SZ, unexpanded) as it is, a REG_DWORD as its decimal number.
    /// </summary>
    public interface IRegistryStore
    {
        /// <summary>The value's text; null when the value or its key is absent.</summary>
        /// <exception cref="IeaException">ConfigAccessDenied, ConfigUnreadable.</exception>
        string? Read(RegistryLocation location);

        /// <summary>Writes the value as the location's kind, creating its key when missing.</summary>
        /// <exception cref="IeaException">ConfigAccessDenied, ConfigUnreadable.</exception>
        void Write(RegistryLocation location, string value);

        /// <summary>Removes the value (rolling back a value that did not exist before); absent is fine.</summary>
        void Delete(RegistryLocation location);
    }
}
