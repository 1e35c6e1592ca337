namespace ImpactEmploi.Installations
{
    /// <summary>
    /// The seam between the module and what Windows says about the session it runs in: whether a program it starts
    /// would reach a user (an interactive desktop), whether it would run with power (elevated, SYSTEM), and which
    /// session a process belongs to.
    /// </summary>
    public interface ISessionFacts
    {
        /// <summary>The Windows session of this process (0: the services' session, where Intune and GPO scripts run).</summary>
        int SessionId { get; }

        /// <summary>True when this process's window station is visible to a user (false for services, WinRM and SSH shells).</summary>
        bool HasInteractiveDesktop { get; }

        /// <summary>True when this process runs with an administrator's full token.</summary>
        bool IsElevated { get; }

        /// <summary>True when this process runs as LocalSystem (S-1-5-18).</summary>
        bool IsSystem { get; }

        /// <summary>The session of another process; -1 when it cannot be known (the process is then treated as another user's).</summary>
        int SessionOf(int processId);

        /// <summary>
        /// True when an account other than SYSTEM, Administrators and TrustedInstaller may change the file or folder
        /// (write, append, delete children, change its permissions or owner, or own it), or when that cannot be read.
        /// </summary>
        bool IsWritableByNonAdministrators(string path);
    }
}
