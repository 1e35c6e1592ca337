namespace ImpactEmploi.Discovery
{
    /// <summary>One registry value as discovery reads it: REG_SZ and REG_EXPAND_SZ as String, REG_DWORD as DWord.</summary>
    public sealed class RegistryValueData
    {
        public RegistryValueData(string name, string value, string kind)
        {
            Name = name;
            Value = value;
            Kind = kind;
        }

        public string Name { get; }

        /// <summary>The text, or the DWORD in decimal.</summary>
        public string Value { get; }

        /// <summary>String or DWord, as a layout's ValueKind names them.</summary>
        public string Kind { get; }
    }
}
