using System;
using System.Collections.Generic;
using System.Text;

namespace ImpactEmploi.Layouts
{
    /// <summary>The fiche's settings, as a layout states them.</summary>
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
