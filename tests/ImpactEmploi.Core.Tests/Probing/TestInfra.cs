using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace ImpactEmploi.Tests.Probing
{
    /// <summary>Where the integration tests find their tools and the test PKI, and why they skip when they cannot.</summary>
    internal static class TestInfra
    {
        /// <summary>The folder New-TestPki.ps1 wrote; SSL_CERT_FILE must point to its bundle.crt (or any bundle holding its CA).</summary>
        public const string PkiVariable = "IEA_TEST_PKI";

        /// <summary>Not a timing bound: a test waiting this long has hung, and fails rather than holding the suite.</summary>
        public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

        public static string RepoRoot { get; } = FindRepoRoot();

        public static string InfraDir => Path.Combine(RepoRoot, "tests", "infra");

        public static string? PkiDir => Environment.GetEnvironmentVariable(PkiVariable) is { Length: > 0 } dir ? dir : null;

        public static string PkiFile(string name) => Path.Combine(PkiDir!, name);

        /// <summary>Null when the test PKI is there and trusted by this process through SSL_CERT_FILE; else why not.</summary>
        public static string? PkiSkipReason { get; } = CheckPki();

        public static string? NginxSkipReason { get; } = CheckTool("nginx", "nginx");

        public static string? TinyProxySkipReason { get; } = CheckTool("tinyproxy", "tinyproxy");

        private const string HowTo =
            "run: bash tests/infra/install-deps.sh && dotnet pwsh tests/infra/New-TestPki.ps1 -Path /tmp/iea-pki && " +
            "IEA_TEST_PKI=/tmp/iea-pki SSL_CERT_FILE=/tmp/iea-pki/bundle.crt dotnet test tests/ImpactEmploi.Core.Tests";

        private static string? CheckPki()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                return "The integration servers (nginx, tinyproxy) run on Linux only.";
            if (PkiDir is null)
                return $"{PkiVariable} is not set; {HowTo}";
            foreach (var f in new[] { "ca.crt", "bundle.crt", "valid.crt", "valid.key", "soon.crt", "expired.crt", "wronghost.crt" })
                if (!File.Exists(PkiFile(f)))
                    return $"{PkiFile(f)} is missing; {HowTo}";
            var bundle = Environment.GetEnvironmentVariable("SSL_CERT_FILE");
            var ca = File.ReadAllText(PkiFile("ca.crt")).Trim();
            if (string.IsNullOrEmpty(bundle) || !File.Exists(bundle) || !File.ReadAllText(bundle).Contains(ca, StringComparison.Ordinal))
                return $"SSL_CERT_FILE ({bundle ?? "unset"}) does not hold the test CA of {PkiDir}; {HowTo}";
            return null;
        }

        private static string? CheckTool(string name, string package) =>
            !RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? $"{name} tests run on Linux only."
            : FindExecutable(name) is null ? $"{name} is not installed (Debian package {package}); {HowTo}"
            : null;

        public static string? FindExecutable(string name)
        {
            var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" });
            return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        }

        private static string FindRepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ImpactEmploi.PS.sln")))
                    return dir.FullName;
            throw new InvalidOperationException("Repository root (ImpactEmploi.PS.sln) not found above " + AppContext.BaseDirectory);
        }

        /// <summary>A port free right now on 127.0.0.1 (the caller retries if someone takes it first).</summary>
        public static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        public static bool WaitForPort(int port, Process process, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < timeout && !process.HasExited)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return true;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }
            return false;
        }

        /// <summary>Starts a process with its output captured (so a full pipe never blocks it).</summary>
        public static Process Start(string file, StringBuilder output, params string[] args)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) info.ArgumentList.Add(a);
            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        public static void Stop(Process? process)
        {
            if (process is null) return;
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            process.Dispose();
        }

        public static string ReadShared(string path)
        {
            if (!File.Exists(path)) return "";
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        public static string Fill(string template, params (string Key, string Value)[] values)
        {
            var text = File.ReadAllText(Path.Combine(InfraDir, template));
            foreach (var (key, value) in values) text = text.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
            return text;
        }
    }
}
