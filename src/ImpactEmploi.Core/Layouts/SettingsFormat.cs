namespace ImpactEmploi.Layouts
{
    /// <summary>How a setting is stored: in the layout's settings file (Ini, Xml, Properties, Json) or as a registry value.</summary>
    public enum SettingsFormat
    {
        Ini,
        Xml,
        Properties,
        Json,
        Registry,
    }
}
