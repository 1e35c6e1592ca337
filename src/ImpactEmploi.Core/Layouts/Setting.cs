namespace ImpactEmploi.Layouts
{
    /// <summary>Every setting a layout must place: the dialog's fields, assistance mode and the connection program's last result.</summary>
    public enum Setting
    {
        Version,
        ConnectionType,
        ProxyHost,
        ProxyPort,
        ProxySecure,
        ConnectionMode,
        AuthenticationServer,
        UpdateServer,
        NetEntreprisesServer,
        AssistanceMode,
        DailyPassword,
        LastAuthentication,
        LastAuthenticationResult,
    }
}
