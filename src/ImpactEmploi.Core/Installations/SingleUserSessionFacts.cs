namespace ImpactEmploi.Installations
{
    /// <summary>
    /// Outside Windows there are no Windows sessions: every process counts as the caller's, and the caller as an
    /// interactive user who is neither elevated nor SYSTEM, so the connection program is stopped and started as in a
    /// user's own session on Windows. IEA runs on Windows only: this serves the module's tests on Linux.
    /// </summary>
    public sealed class SingleUserSessionFacts : ISessionFacts
    {
        /// <summary>
        /// Always 1, a user's session. Not the Linux session id: that is 0 in a container whose session leader lives
        /// outside its PID namespace, which would read as Windows' services session.
        /// </summary>
        public int SessionId => 1;

        public bool HasInteractiveDesktop => true;

        public bool IsElevated => false;

        public bool IsSystem => false;

        public int SessionOf(int processId) => SessionId;

        public bool IsWritableByNonAdministrators(string path) => false;
    }
}
