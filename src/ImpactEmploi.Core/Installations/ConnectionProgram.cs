using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using ImpactEmploi.Layouts;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Installations
{
    /// <summary>The seam between the module and starting or stopping a program.</summary>
    public interface IProgramControl
    {
        /// <summary>Asks the process to close (its window, on Windows), then ends it after <paramref name="grace"/>.</summary>
        void Terminate(int processId, TimeSpan grace);

        /// <summary>Starts the program from its folder and returns its process id.</summary>
        int Start(string executablePath);
    }

    public sealed class ProcessProgramControl : IProgramControl
    {
        public void Terminate(int processId, TimeSpan grace)
        {
            try
            {
                using var process = Process.GetProcessById(processId);
                if (process.CloseMainWindow() && process.WaitForExit((int)grace.TotalMilliseconds))
                {
                    return;
                }

                process.Kill();
                process.WaitForExit((int)grace.TotalMilliseconds);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        public int Start(string executablePath)
        {
            using var process = Process.Start(new ProcessStartInfo(executablePath)
            {
                WorkingDirectory = Path.GetDirectoryName(executablePath) ?? "",
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException(executablePath);
            return process.Id;
        }
    }

    public sealed class RestartOutcome
    {
        public RestartOutcome(IReadOnlyList<int> stopped, int? startedProcessId, bool declined)
        {
            Stopped = stopped;
            StartedProcessId = startedProcessId;
            Declined = declined;
        }

        public IReadOnlyList<int> Stopped { get; }
        public int? StartedProcessId { get; }
        public bool Declined { get; }
    }

    /// <summary>
    /// "Relancer l'authentification auprès du serveur" (the fiche's case 2): the connection program authenticates
    /// when it starts, so restarting it from the installation folder retries the authentication.
    /// </summary>
    public static class ConnectionProgram
    {
        public static RestartOutcome Restart(string folder, IeaLayout layout, IProcessTable processes, IProgramControl control,
            Func<string, string, bool> confirm)
        {
            var executable = ExecutablePath(folder, layout);
            if (!File.Exists(executable))
            {
                throw new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                    Text.Format("ConnectionProgramMissing", executable), executable, Text.Get("ConnectionProgramMissingAction"));
            }

            var running = processes.Find(layout.ConnectionProgramProcess, folder);
            var action = running.Count == 0 ? Text.Get("ConnectionProgramStartAction") : Text.Format("ConnectionProgramRestartAction", string.Join(", ", running));
            if (!confirm(executable, action))
            {
                return new RestartOutcome(running, null, true);
            }

            if (running.Count == 0)
            {
                Log.Verbose(Text.Format("ConnectionProgramNotRunning", executable));
            }

            WarnIfServiceSession(executable);

            foreach (var id in running)
            {
                control.Terminate(id, TimeSpan.FromSeconds(10));
            }

            var started = control.Start(executable);
            Log.Information("Connection program {Executable:l} restarted: stopped {Stopped}, started {Started}", executable, running, started);
            return new RestartOutcome(running, started, false);
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
        /// Windows services, Intune and GPO startup scripts run in session 0, which no user sees: a tray program
        /// started from there authenticates, but shows no icon. Says so before starting it.
        /// </summary>
        public static void WarnIfServiceSession(string executable)
        {
            if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows))
            {
                return;
            }

            using var current = Process.GetCurrentProcess();
            if (current.SessionId == 0)
            {
                LogPump.Current?.Enqueue(PumpLevel.Warning, Text.Format("ConnectionProgramServiceSession", executable));
            }
        }
    }
}
