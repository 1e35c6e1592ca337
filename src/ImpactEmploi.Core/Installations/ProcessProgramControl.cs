using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace ImpactEmploi.Installations
{
    public sealed class ProcessProgramControl : IProgramControl
    {
        // How often a wait for a process to exit looks at the stop token: Ctrl+C ends it well within a second.
        private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(100);

        public void Terminate(int processId, TimeSpan grace, CancellationToken cancellationToken)
        {
            try
            {
                using var process = Process.GetProcessById(processId);
                if (process.CloseMainWindow() && WaitForExit(process, grace, cancellationToken))
                {
                    return;
                }

                process.Kill();
                WaitForExit(process, grace, cancellationToken);
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

        /// <summary>Process.WaitForExit that Ctrl+C can end (netstandard2.0 has no cancellable wait for a process).</summary>
        private static bool WaitForExit(Process process, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var left = timeout - watch.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                if (process.WaitForExit((int)Math.Ceiling(Math.Min(left.TotalMilliseconds, WaitSlice.TotalMilliseconds))))
                {
                    return true;
                }
            }
        }
    }
}
