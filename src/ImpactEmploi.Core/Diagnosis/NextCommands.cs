using System;
using ImpactEmploi.Support;

namespace ImpactEmploi.Diagnosis
{
    /// <summary>The one command a status's next step starts with, short enough for a table column.</summary>
    public static class NextCommands
    {
        public static string For(IeaConnectionStatus status)
        {
            if (status is null) throw new ArgumentNullException(nameof(status));
            switch (status.StateValue)
            {
                case ConnectionState.Connected:
                    return "";
                case ConnectionState.NotTested:
                    return "Test-IeaServers";
                case ConnectionState.AuthorizationDenied:
                case ConnectionState.LicenseNotRecognized:
                    return "New-IeaSupportRequest";
                case ConnectionState.Disconnected when SupportRequestPolicy.IsLocalFault(status):
                    return "Test-IeaServers";
                default:
                    // Assistance mode (with -DailyPassword), outdated settings, unreachable servers: the fiche in one command.
                    return "Repair-IeaConnection";
            }
        }
    }
}
