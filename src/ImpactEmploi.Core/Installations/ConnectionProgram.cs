using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ImpactEmploi.Layouts;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// "Relancer l'authentification auprès du serveur" (the fiche's case 2): the connection program authenticates
    /// when it starts, so restarting it from the installation folder retries the authentication. Only from a user's
    /// own desktop session, only the copies of that session, never as SYSTEM, and never (elevated) from a folder
    /// that non-administrators can change. The wait for a copy to exit ends with OperationCanceledException when the
    /// caller's token is cancelled (Ctrl+C); nothing is started then.
    /// </summary>
    public static class ConnectionProgram
    {
        public static RestartOutcome Restart(string folder, IeaLayout layout, IProcessTable processes, IProgramControl control,
            ISessionFacts session, Func<string, string, bool> confirm, CancellationToken cancellationToken = default)
        {
            var executable = ExecutableOf(folder, layout);
            var copies = SessionCopies.Split(processes.Find(layout.ConnectionProgramProcess, folder), session);
            return Restart(executable, copies, control, session, confirm, cancellationToken);
        }

        /// <summary>Restarts the given copies (the caller's session's) of the program at <paramref name="executable"/>.</summary>
        public static RestartOutcome Restart(string executable, SessionCopies copies, IProgramControl control, ISessionFacts session,
            Func<string, string, bool> confirm, CancellationToken cancellationToken = default)
        {
            if (!MayStartIn(session))
            {
                return RestartOutcome.Needed(copies);
            }

            ThrowIfUnsafe(executable, session);
            var action = copies.Mine.Count == 0 ? Text.Get("ConnectionProgramStartAction") : Text.Format("ConnectionProgramRestartAction", string.Join(", ", copies.Mine));
            if (!confirm(executable, action))
            {
                return RestartOutcome.Declined(copies);
            }

            if (copies.Mine.Count == 0)
            {
                Log.Verbose(Text.Format("ConnectionProgramNotRunning", executable));
            }

            Stop(copies.Mine, control, cancellationToken);
            var started = control.Start(executable);
            Log.Information("Connection program {Executable:l} restarted: stopped {Stopped}, started {Started}", executable, copies.Mine, started);
            return RestartOutcome.Done(copies, started);
        }

        /// <summary>The program's path in the installation folder; InstallationNotFound when it is not there.</summary>
        public static string ExecutableOf(string folder, IeaLayout layout)
        {
            var executable = ExecutablePath(folder, layout);
            if (!File.Exists(executable))
            {
                throw new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                    Text.Format("ConnectionProgramMissing", executable), executable, Text.Get("ConnectionProgramMissingAction"));
            }

            return executable;
        }

        /// <summary>
        /// The connection program's path: always directly inside the installation folder (the layout's parser
        /// allows only a bare file name; this checks again, so that nothing else is ever started).
        /// </summary>
        public static string ExecutablePath(string folder, IeaLayout layout)
        {
            var full = Path.GetFullPath(folder);
            var executable = Path.GetFullPath(Path.Combine(full, layout.ConnectionProgramProcess));
            var comparison = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)
                ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (!string.Equals(Path.GetDirectoryName(executable)?.TrimEnd(Path.DirectorySeparatorChar), full.TrimEnd(Path.DirectorySeparatorChar), comparison))
            {
                throw new IeaException(ErrorIds.LayoutInvalid, IeaErrorCategory.InvalidData,
                    Text.Format("LayoutBadValue", layout.Source, "Processes.ConnectionProgram", layout.ConnectionProgramProcess),
                    layout.Source, Text.Get("LayoutInvalidAction"));
            }

            return executable;
        }

        /// <summary>
        /// A program started from here would reach the user: a session with a visible desktop, not the services'
        /// session 0 (Intune, GPO start-up scripts), not a WinRM or SSH shell, and not as SYSTEM.
        /// </summary>
        public static bool MayStartIn(ISessionFacts session) =>
            session.SessionId > 0 && session.HasInteractiveDesktop && !session.IsSystem;

        /// <summary>
        /// Elevated, a program started from a folder that users can change runs their code with an administrator's
        /// token: UnsafeProgramFolder, before anything is stopped.
        /// </summary>
        public static void ThrowIfUnsafe(string executable, ISessionFacts session)
        {
            if (!session.IsElevated)
            {
                return;
            }

            var folder = Path.GetDirectoryName(executable) ?? executable;
            if (session.IsWritableByNonAdministrators(folder) || session.IsWritableByNonAdministrators(executable))
            {
                throw new IeaException(ErrorIds.UnsafeProgramFolder, IeaErrorCategory.SecurityError,
                    Text.Format("UnsafeProgramFolder", executable, folder), executable, Text.Get("UnsafeProgramFolderAction"));
            }
        }

        public static void Stop(IReadOnlyList<int> processIds, IProgramControl control, CancellationToken cancellationToken = default)
        {
            if (processIds is null) throw new ArgumentNullException(nameof(processIds));
            if (control is null) throw new ArgumentNullException(nameof(control));
            foreach (var id in processIds)
            {
                control.Terminate(id, TimeSpan.FromSeconds(10), cancellationToken);
            }
        }
    }
}
