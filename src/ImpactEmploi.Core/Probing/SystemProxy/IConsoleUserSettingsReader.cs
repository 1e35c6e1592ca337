namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>The seam between the proxy decision and the Windows registry and sessions.</summary>
    public interface IConsoleUserSettingsReader
    {
        /// <summary>The console user's settings; null when nobody is logged on.</summary>
        ConsoleUserSettings? Read();
    }
}
