using System;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>Asks a proxy, without credentials, whether it lets a request through.</summary>
    public interface IProxyChallenge
    {
        /// <summary>True when <paramref name="proxy"/> answers 407 (credentials required) for <paramref name="target"/>.</summary>
        bool RequiresCredentials(Uri proxy, Uri target);
    }
}
