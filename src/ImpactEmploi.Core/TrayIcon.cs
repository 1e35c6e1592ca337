namespace ImpactEmploi
{
    /// <summary>The connection program's tray icon.</summary>
    public enum TrayIcon
    {
        BlueBall,
        BlueBallRedHeart,
        RedScarab,
    }
}
