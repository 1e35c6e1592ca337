using System;
using System.Diagnostics;

namespace ImpactEmploi.Tests.Storage
{
    /// <summary>Runs a Unix command (mkfifo, stat, chown, mount) and returns its trimmed output.</summary>
    internal static class UnixShell
    {
        public static (int ExitCode, string Output) Try(string fileName, params string[] args)
        {
            var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in args) info.ArgumentList.Add(arg);
            using Process process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + fileName);
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(fileName + " did not finish within 60 s.");
            }
            return (process.ExitCode, output.Trim());
        }

        public static string Run(string fileName, params string[] args)
        {
            var (exitCode, output) = Try(fileName, args);
            if (exitCode != 0) throw new InvalidOperationException($"{fileName} {string.Join(" ", args)} failed ({exitCode}): {output}");
            return output;
        }

        /// <summary>"uid:gid mode" as stat(1) shows them, e.g. "65534:65534 600".</summary>
        public static string OwnerAndMode(string path) => Run("stat", "-c", "%u:%g %a", path);

        public static bool IsRoot => Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows();
    }
}
