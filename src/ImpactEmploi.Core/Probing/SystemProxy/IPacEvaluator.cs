using System;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>Runs a proxy auto-configuration script (WinHttpGetProxyForUrl on Windows).</summary>
    public interface IPacEvaluator
    {
        /// <summary>
        /// What the script at <paramref name="scriptAddress"/> (or the one found by WPAD when it is null) answers
        /// for <paramref name="target"/>.
        /// </summary>
        PacResult Evaluate(Uri target, Uri? scriptAddress);
    }
}
