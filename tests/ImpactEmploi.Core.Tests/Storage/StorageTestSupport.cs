using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace ImpactEmploi.Tests.Storage
{
    /// <summary>A fresh folder under the temp folder holding a settings file; deleted on Dispose.</summary>
    internal sealed class TempConfig : IDisposable
    {
        public TempConfig(string content = "counter=0")
        {
            // Not Directory.CreateTempSubdirectory: its 0700 mode would keep the access-denied test's other user out.
            Folder = Path.Combine(Path.GetTempPath(), "iea-storage-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            ConfigPath = Path.Combine(Folder, "ImpactEmploi.ini");
            File.WriteAllText(ConfigPath, content);
        }

        public string Folder { get; }
        public string ConfigPath { get; }
        public string BackupFolder => Path.Combine(Folder, "ImpactEmploi.PS");

        public string Text => File.ReadAllText(ConfigPath);

        public void Dispose()
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    if (!OperatingSystem.IsWindows())
                    {
                        foreach (string dir in Directory.EnumerateDirectories(Folder, "*", SearchOption.AllDirectories).Prepend(Folder))
                            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
                    }
                    Directory.Delete(Folder, recursive: true);
                    return;
                }
                catch (DirectoryNotFoundException)
                {
                    return;
                }
                catch (IOException) when (attempt < 20)
                {
                    Thread.Sleep(100); // a killed child's handles may take a moment to go (Windows)
                }
            }
        }
    }

    /// <summary>Builds tests/StorageStress once and runs it as a child process.</summary>
    internal static class StressProgram
    {
#if DEBUG
        private const string Configuration = "Debug";
#else
        private const string Configuration = "Release";
#endif
        private static readonly Lazy<string> Dll = new Lazy<string>(Build, LazyThreadSafetyMode.ExecutionAndPublication);

        public static string DotnetPath =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

        public static Process Start(params string[] args) => StartWith(DotnetPath, new[] { "exec", Dll.Value }.Concat(args));

        /// <summary>Runs the program as another Unix user through setpriv (root only).</summary>
        public static Process StartAsUser(int uid, params string[] args) =>
            StartWith("setpriv", new[] { $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--", DotnetPath, "exec", Dll.Value }.Concat(args));

        public static (int ExitCode, string Output) Run(Process process, TimeSpan timeout)
        {
            using (process)
            {
                System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
                System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(timeout))
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException("The child process did not finish in " + timeout);
                }
                return (process.ExitCode, stdout.Result + stderr.Result);
            }
        }

        private static Process StartWith(string fileName, System.Collections.Generic.IEnumerable<string> args)
        {
            var info = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in args) info.ArgumentList.Add(arg);
            info.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
            info.Environment["DOTNET_NOLOGO"] = "1";
            return Process.Start(info) ?? throw new InvalidOperationException("Could not start " + fileName);
        }

        private static string Build()
        {
            string dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "ImpactEmploi.PS.sln")))
                dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Repository root not found from " + AppContext.BaseDirectory);
            string project = Path.Combine(dir, "tests", "StorageStress", "StorageStress.csproj");
            string built = Path.Combine(dir, "tests", "StorageStress", "bin", Configuration, "net10.0", "StorageStress.dll");
            // The solution build (build.ps1) already built it; the tests may run where no package source is reachable.
            if (File.Exists(built)) return built;

            var info = new ProcessStartInfo(DotnetPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { "build", project, "-c", Configuration, "--nologo", "-v", "q", "--no-restore" }) info.ArgumentList.Add(arg);
            using Process build = Process.Start(info)!;
            var output = new StringBuilder();
            build.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
            build.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
            build.BeginOutputReadLine();
            build.BeginErrorReadLine();
            if (!build.WaitForExit(180_000) || build.ExitCode != 0)
                throw new InvalidOperationException("Building StorageStress failed:\n" + output);
            build.WaitForExit();
            return built;
        }
    }
}
