using System.Diagnostics;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// Outside Windows there are no Windows sessions: every process counts as the caller's, and the caller as an
    /// interactive user who is neither elevated nor SYSTEM, so the connection program is stopped and started as in a
    /// user's own session on Windows. IEA runs on Windows only: this serves the module's tests on Linux.
    /// </summary>
    public sealed class SingleUserSessionFacts : ISessionFacts
    {
        public int SessionId { get; } = CurrentSessionId();

        public bool HasInteractiveDesktop => true;

        public bool IsElevated => false;

        public bool IsSystem => false;

        public int SessionOf(int processId) => SessionId;

        public bool IsWritableByNonAdministrators(string path) => false;

        private static int CurrentSessionId()
        {
            using var current = Process.GetCurrentProcess();
            return current.SessionId;
        }
    }
}
