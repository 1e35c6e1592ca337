using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using ImpactEmploi.Probing;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    /// <summary>
    /// The engine in a process of its own (tests/infra/Invoke-IeaProbe.ps1 under the repository's PowerShell tool):
    /// to prove that SSL_CERT_FILE is what makes .NET trust the test CA, and to resolve a name under .invalid
    /// in a network namespace that has nothing but loopback, so that no lookup can leave the machine.
    /// </summary>
    public class ChildProcessTests : IClassFixture<NginxFixture>
    {
        private readonly NginxFixture _servers;

        public ChildProcessTests(NginxFixture servers) => _servers = servers;

        private sealed record ChildRun(int ExitCode, string Output, JsonElement? Json);

        private static ChildRun RunProbe(string[] prefix, IDictionary<string, string?> environment, params string[] uris)
        {
            var info = new ProcessStartInfo(prefix[0])
            {
                WorkingDirectory = TestInfra.RepoRoot, // where .config/dotnet-tools.json names pwsh
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            for (var i = 1; i < prefix.Length; i++) info.ArgumentList.Add(prefix[i]);
            foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(TestInfra.InfraDir, "Invoke-IeaProbe.ps1"),
                "-AssemblyDir", AppContext.BaseDirectory, "-Uri", string.Join(",", uris), "-TimeoutSec", "5" })
                info.ArgumentList.Add(a);
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            info.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            foreach (var (key, value) in environment)
                if (value is null) info.Environment.Remove(key); else info.Environment[key] = value;

            using var process = new Process { StartInfo = info };
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the child probe did not end: " + output);
            }
            process.WaitForExit();
            var text = output.ToString();
            Skip.If(text.Contains("dotnet tool restore", StringComparison.Ordinal) || text.Contains("Cannot find a tool", StringComparison.Ordinal),
                "PowerShell is not restored as a local tool: run `dotnet tool restore` in the repository root.");
            JsonElement? json = null;
            foreach (var line in text.Split('\n'))
                if (line.TrimStart().StartsWith("{\"Interfaces\"", StringComparison.Ordinal))
                    json = JsonDocument.Parse(line).RootElement.Clone();
            return new ChildRun(process.ExitCode, text, json);
        }

        private static JsonElement OnlyResult(ChildRun run)
        {
            Assert.True(run.ExitCode == 0 && run.Json.HasValue, "child probe failed: " + run.Output);
            var results = run.Json!.Value.GetProperty("Results");
            Assert.Equal(1, results.GetArrayLength());
            return results[0];
        }

        [SkippableFact]
        public void SSL_CERT_FILE_is_what_makes_the_runtime_trust_the_test_CA()
        {
            Skip.If(_servers.SkipReason != null, _servers.SkipReason);
            var url = _servers.Valid.Url("/ssl-cert-file").ToString();
            var dotnet = new[] { "dotnet" };

            // With it: this test process, which build.ps1 starts with SSL_CERT_FILE naming the test bundle (one child
            // process fewer than running both halves in children; the runtime reads the variable once per process).
            Skip.IfNot(Environment.GetEnvironmentVariable("SSL_CERT_FILE") == TestInfra.PkiFile("bundle.crt"),
                "This test process was not started with SSL_CERT_FILE naming the test bundle (build.ps1 -Task Test does that).");
            var with = new ServerProbe().ProbeAsync(new List<ProbeTarget> { new ProbeTarget(ServerRole.Custom, new Uri(url)) },
                new ProbeSettings { Budget = TimeSpan.FromSeconds(5), RetryCount = 0 }).WaitAsync(TestInfra.HangGuard).GetAwaiter().GetResult()[0];
            Assert.True(with.Reachable, with.Message);
            Assert.Equal(200, with.StatusCode);

            // Without it (only the system's certificates): the very same server is not trusted.
            var without = OnlyResult(RunProbe(dotnet, new Dictionary<string, string?> { ["SSL_CERT_FILE"] = null }, url));
            Assert.False(without.GetProperty("Reachable").GetBoolean(), without.ToString());
            Assert.Equal("Certificate", without.GetProperty("Failure").GetString());
        }

        private static string? UnshareSkipReason()
        {
            if (!OperatingSystem.IsLinux()) return "Network namespaces are Linux only.";
            var unshare = TestInfra.FindExecutable("unshare");
            if (unshare is null) return "unshare (util-linux) is not installed.";
            using var probe = Process.Start(new ProcessStartInfo(unshare, "--net true") { RedirectStandardError = true, UseShellExecute = false })!;
            probe.WaitForExit(10_000);
            return probe.ExitCode == 0 ? null
                : "`unshare --net` is not allowed here (needs root or unprivileged user namespaces): " + probe.StandardError.ReadToEnd().Trim()
                  + ". The .invalid lookup is not tested rather than sent to a real DNS server.";
        }

        [SkippableFact]
        public void A_name_under_invalid_is_a_name_resolution_failure_and_no_lookup_leaves_the_machine()
        {
            var reason = UnshareSkipReason();
            Skip.If(reason != null, reason);

            var name = "iea-" + Guid.NewGuid().ToString("N")[..8] + ".invalid";
            var run = RunProbe(new[] { "unshare", "--net", "--", "dotnet" }, new Dictionary<string, string?>(), $"https://{name}/");
            var result = OnlyResult(run);

            // The child saw no interface but loopback: no packet, DNS included, could leave the machine.
            Assert.Equal(0, run.Json!.Value.GetProperty("Interfaces").GetArrayLength());
            Assert.Equal("NameResolution", result.GetProperty("Failure").GetString());
            Assert.Equal(1, result.GetProperty("Attempts").GetInt32()); // never retried
            Assert.Contains(name, result.GetProperty("Message").GetString(), StringComparison.Ordinal);
        }
    }
}
