namespace ImpactEmploi.Documents
{
    /// <summary>
    /// The JSON type a layout gives a setting (its ValueKind): what a value is written as where the file has none yet
    /// (a property the module adds, or null). A value already in the file keeps the file's type.
    /// </summary>
    public enum JsonKind
    {
#pragma warning disable CA1720 // The layout's words, as JSON names its types.
        String,
#pragma warning restore CA1720
        Number,
        Boolean,
    }
}
