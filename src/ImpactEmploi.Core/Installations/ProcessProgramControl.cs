using System;
using System.Diagnostics;
using System.IO;

namespace ImpactEmploi.Installations
{
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
}
