using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Probing
{
    /// <summary>
    /// "Tester l'accès aux serveurs" for one installation: which addresses, through which connection, and a
    /// logged result per server. An address that is not a web address is reported, not probed.
    /// </summary>
    public static class ServerTestRun
    {
        /// <summary>The dialog's three addresses, in its order.</summary>
        public static IReadOnlyList<(ServerRole Role, string? Address)> AddressesOf(IeaServerConfig config) => new[]
        {
            (ServerRole.Authentication, config.AuthenticationServer),
            (ServerRole.Update, config.UpdateServer),
            (ServerRole.NetEntreprises, config.NetEntreprisesServer),
        };

        /// <summary>The connection the installation uses (direct when there is no installation to follow).</summary>
        public static ProbeSettings SettingsFor(IeaServerConfig? config, NetworkCredential? proxyCredential, TimeSpan budget, int retryCount) =>
            new ProbeSettings
            {
                ConnectionType = config?.ConnectionTypeValue ?? ConnectionType.Direct,
                ProxyHost = config?.ProxyHost,
                ProxyPort = config?.ProxyPort ?? 0,
                ProxySecure = config?.ProxySecure ?? false,
                ProxyCredential = proxyCredential,
                Budget = budget,
                RetryCount = retryCount,
            };

        /// <summary>
        /// What decides a test's outcome on this PC: the connection settings and the three addresses. Installations with
        /// the same key get the same answers, so one call may test them once (the proxy account is the call's own).
        /// </summary>
        public static string TestKeyOf(IeaServerConfig config)
        {
            if (config is null) throw new ArgumentNullException(nameof(config));
            // Each field with its length first: a value holding the separator (XML, JSON, registry) cannot shift the others.
            var fields = new[]
            {
                config.ConnectionTypeValue.ToString(), config.ProxyHost, config.ProxyPort.ToString(CultureInfo.InvariantCulture),
                config.ProxySecure.ToString(), config.AuthenticationServer, config.UpdateServer, config.NetEntreprisesServer,
            };
            return string.Concat(fields.Select(field => field is null ? "-;" : field.Length.ToString(CultureInfo.InvariantCulture) + ":" + field + ";"));
        }

        /// <summary>Logs a result taken over from another installation's test (same settings, same addresses), as its own.</summary>
        public static void LogSharedResult(IeaServerTestResult result, string? configPath) => Done(result, configPath, null);

        public static Task<IReadOnlyList<IeaServerTestResult>> RunAsync(
            IReadOnlyList<(ServerRole Role, string? Address)> addresses, ProbeSettings settings, string? configPath, CancellationToken cancellationToken) =>
            RunAsync(addresses, settings, configPath, null, cancellationToken);

        /// <summary>
        /// Tests the addresses; each result is also put in <paramref name="ready"/> as soon as it is known (in the order
        /// they come), for a caller that writes them from its own thread. The returned list keeps the addresses' order.
        /// </summary>
        public static async Task<IReadOnlyList<IeaServerTestResult>> RunAsync(
            IReadOnlyList<(ServerRole Role, string? Address)> addresses, ProbeSettings settings, string? configPath,
            System.Collections.Concurrent.ConcurrentQueue<IeaServerTestResult>? ready, CancellationToken cancellationToken)
        {
            if (addresses is null) throw new ArgumentNullException(nameof(addresses));
            var results = new IeaServerTestResult[addresses.Count];
            var probed = new List<(int Index, ProbeTarget Target)>();
            for (var i = 0; i < addresses.Count; i++)
            {
                if (Uri.TryCreate(addresses[i].Address?.Trim(), UriKind.Absolute, out var uri) &&
                    (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    probed.Add((i, new ProbeTarget(addresses[i].Role, uri)));
                    continue;
                }
                results[i] = new IeaServerTestResult
                {
                    RoleValue = addresses[i].Role,
                    Uri = addresses[i].Address ?? "",
                    FailureValue = ProbeFailure.Unknown,
                    PhaseValue = ProbePhase.Settings,
                    SideValue = FaultSide.Local,
                    Message = Text.Format("ProbeAddressUnusable", addresses[i].Role, string.IsNullOrEmpty(addresses[i].Address) ? Text.Get("NotSet") : addresses[i].Address),
                };
                Done(results[i], configPath, ready);
            }

            await new ServerProbe()
                .ProbeAsync(probed.Select(p => p.Target).ToList(), settings, (index, result) =>
                {
                    results[probed[index].Index] = result;
                    Done(result, configPath, ready);
                }, cancellationToken)
                .ConfigureAwait(false);
            return results;
        }

        private static void Done(IeaServerTestResult result, string? configPath, System.Collections.Concurrent.ConcurrentQueue<IeaServerTestResult>? ready)
        {
            // Never a credential: the proxy is host:port only, the message quotes no account.
            Log.Information("Server test {Role} {Uri:l} ({ConfigPath:l}): reachable {Reachable}, {Failure} at {Phase}, side {Side}, answer {Answer}, status {StatusCode}, " +
                "proxy {Proxy:l}, address {RemoteAddress:l}, {ElapsedMs} ms, {Attempts} attempt(s): {Message:l}",
                result.Role, result.Uri, configPath ?? "-", result.Reachable, result.Failure, result.Phase, result.Side, result.Answer, result.StatusCode,
                result.ProxyUsed ?? "-", result.RemoteAddress ?? "-", result.ElapsedMs, result.Attempts, result.Message);
            ready?.Enqueue(result);
        }
    }
}
