using System;
using System.Runtime.InteropServices;
using ImpactEmploi.Windows;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>Chooses the resolver that answers for the PC's user in this process's situation.</summary>
    public static class SystemProxyResolvers
    {
        private static readonly TimeSpan ChallengeTimeout = TimeSpan.FromSeconds(5);

        /// <summary>
        /// On Windows in session 0, as a service account or without a visible desktop (Intune, GPO, WinRM): the
        /// console user's settings; else the runtime's own (this process is the user).
        /// </summary>
        public static ISystemProxyResolver ForThisProcess()
        {
            var isWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            return Choose(isWindows, isWindows && WindowsSession.IsDetachedFromConsoleUser(),
                () => new UserProxyResolver(new WindowsConsoleUserSettingsReader(), new WinHttpPacEvaluator(),
                    new TcpProxyChallenge(ChallengeTimeout), Logging.Log.UserName()));
        }

        public static ISystemProxyResolver Choose(bool isWindows, bool detachedFromConsoleUser, Func<ISystemProxyResolver> forConsoleUser)
        {
            if (forConsoleUser is null) throw new ArgumentNullException(nameof(forConsoleUser));
            return isWindows && detachedFromConsoleUser ? forConsoleUser() : new RuntimeProxyResolver();
        }
    }
}
