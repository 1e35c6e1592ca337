using System.Runtime.InteropServices;

namespace ImpactEmploi.Installations
{
    /// <summary>The facts of the session this process runs in, read from the operating system.</summary>
    public static class SessionFacts
    {
        /// <summary>Windows' answers on Windows; elsewhere (where IEA does not run, only the module's tests) <see cref="SingleUserSessionFacts"/>.</summary>
        public static ISessionFacts Current() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new WindowsSessionFacts() : new SingleUserSessionFacts();
    }
}
