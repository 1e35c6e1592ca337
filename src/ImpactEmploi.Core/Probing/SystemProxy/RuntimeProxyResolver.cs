using System;
using System.Net;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>The proxy the .NET runtime itself would use for this process (WinINet settings of the current user on
    /// Windows, HTTPS_PROXY/HTTP_PROXY/NO_PROXY elsewhere).</summary>
    public sealed class RuntimeProxyResolver : ISystemProxyResolver
    {
        public SystemProxyDecision Resolve(Uri target)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            const string source = "system proxy settings of this process";
            IWebProxy? proxy = WebRequest.DefaultWebProxy;
            if (proxy is null || proxy.IsBypassed(target)) return SystemProxyDecision.Direct(source);
            Uri? chosen = proxy.GetProxy(target);
            if (chosen is null || chosen == target) return SystemProxyDecision.Direct(source);
            return SystemProxyDecision.Through(chosen, source);
        }
    }
}
