using System;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>
    /// Answers which proxy the system settings choose for an address. A seam: the probe asks it for ConnectionType
    /// SystemProxy; on Windows as SYSTEM it must answer for the logged-on user, not for the service account.
    /// </summary>
    public interface ISystemProxyResolver
    {
        SystemProxyDecision Resolve(Uri target);
    }
}
