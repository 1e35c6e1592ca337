using System;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>Evaluates a PAC script, or finds one by WPAD, with WinHttpGetProxyForUrl. Windows only.</summary>
    public sealed class WinHttpPacEvaluator : IPacEvaluator
    {
        private const int AccessTypeNoProxy = 1;
        private const int AutoProxyAutoDetect = 1;
        private const int AutoProxyConfigUrl = 2;
        private const int AutoDetectDhcp = 1;
        private const int AutoDetectDnsA = 2;
        private const int ErrorAutoDetectionFailed = 12180;

        public PacResult Evaluate(Uri target, Uri? scriptAddress)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            var session = NativeMethods.WinHttpOpen("ImpactEmploi.PS", AccessTypeNoProxy, null, null, 0);
            if (session == IntPtr.Zero) return PacResult.Failed(Describe(Marshal.GetLastWin32Error()));
            try
            {
                var options = new AutoProxyOptions
                {
                    Flags = scriptAddress is null ? AutoProxyAutoDetect : AutoProxyConfigUrl,
                    AutoDetectFlags = scriptAddress is null ? AutoDetectDhcp | AutoDetectDnsA : 0,
                    AutoConfigUrl = scriptAddress?.AbsoluteUri,
                    AutoLogonIfChallenged = 1,
                };
                if (!NativeMethods.WinHttpGetProxyForUrl(session, target.AbsoluteUri, ref options, out var info))
                {
                    var error = Marshal.GetLastWin32Error();
                    return scriptAddress is null && error == ErrorAutoDetectionFailed ? PacResult.NoScriptFound() : PacResult.Failed(Describe(error));
                }

                try
                {
                    var proxies = info.Proxy == IntPtr.Zero ? null : Marshal.PtrToStringUni(info.Proxy);
                    return info.AccessType == AccessTypeNoProxy || string.IsNullOrWhiteSpace(proxies) ? PacResult.Direct() : PacResult.Through(proxies!);
                }
                finally
                {
                    if (info.Proxy != IntPtr.Zero) _ = NativeMethods.GlobalFree(info.Proxy);
                    if (info.ProxyBypass != IntPtr.Zero) _ = NativeMethods.GlobalFree(info.ProxyBypass);
                }
            }
            finally
            {
                _ = NativeMethods.WinHttpCloseHandle(session);
            }
        }

        private static string Describe(int error) =>
            Text.Format("SystemProxyWinHttpError", error.ToString(CultureInfo.InvariantCulture), new Win32Exception(error).Message);

        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        private struct AutoProxyOptions
        {
            public int Flags;
            public int AutoDetectFlags;
            [MarshalAs(UnmanagedType.LPWStr)] public string? AutoConfigUrl;
            public IntPtr Reserved1;
            public int Reserved2;
            public int AutoLogonIfChallenged;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct ProxyInfo
        {
            public int AccessType;
            public IntPtr Proxy;
            public IntPtr ProxyBypass;
        }

        private static class NativeMethods
        {
            [DllImport("winhttp.dll", CharSet = CharSet.Unicode, SetLastError = true)]
            internal static extern IntPtr WinHttpOpen(string? userAgent, int accessType, string? proxyName, string? proxyBypass, int flags);

            [DllImport("winhttp.dll", CharSet = CharSet.Unicode, SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool WinHttpGetProxyForUrl(IntPtr session, string url, ref AutoProxyOptions options, out ProxyInfo proxyInfo);

            [DllImport("winhttp.dll")]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool WinHttpCloseHandle(IntPtr handle);

            [DllImport("kernel32.dll")]
            internal static extern IntPtr GlobalFree(IntPtr memory);
        }
    }
}
