using System;

namespace ImpactEmploi.Layouts
{
    /// <summary>The fiche's settings, as a layout states them.</summary>
    // A plain immutable value (netstandard2.0 has no records): its shape repeats NamedValue's, nothing else.
    public sealed class RecommendedSettings
    {
        public RecommendedSettings(ConnectionMode connectionMode, Uri authenticationServer, Uri updateServer, Uri netEntreprisesServer)
        {
            ConnectionMode = connectionMode;
            AuthenticationServer = authenticationServer;
            UpdateServer = updateServer;
            NetEntreprisesServer = netEntreprisesServer;
        }

        public ConnectionMode ConnectionMode { get; }
        public Uri AuthenticationServer { get; }
        public Uri UpdateServer { get; }
        public Uri NetEntreprisesServer { get; }
    }
}
