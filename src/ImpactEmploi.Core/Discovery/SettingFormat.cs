namespace ImpactEmploi.Discovery
{
    /// <summary>Where a setting was found: the settings-file formats a layout can name, and the registry.</summary>
    public enum SettingFormat
    {
        Ini,
        Xml,
        Properties,
        Json,
        Registry,
    }
}
