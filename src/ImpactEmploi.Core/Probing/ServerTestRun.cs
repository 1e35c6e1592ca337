using System;
using System.Collections.Generic;
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
        public static ProbeSettings SettingsFor(IeaServerConfig? config, NetworkCredential? proxyCredential, TimeSpan attemptTimeout, int retryCount) =>
            new ProbeSettings
            {
                ConnectionType = config?.ConnectionType ?? ConnectionType.Direct,
                ProxyHost = config?.ProxyHost,
                ProxyPort = config?.ProxyPort ?? 0,
                ProxyCredential = proxyCredential,
                AttemptTimeout = attemptTimeout,
                RetryCount = retryCount,
            };

        public static async Task<IReadOnlyList<IeaServerTestResult>> RunAsync(
            IReadOnlyList<(ServerRole Role, string? Address)> addresses, ProbeSettings settings, string? configPath, CancellationToken cancellationToken)
        {
            var probed = addresses
                .Select((a, index) => (a.Role, Index: index, Uri: Uri.TryCreate(a.Address?.Trim(), UriKind.Absolute, out var uri) &&
                    (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null))
                .Where(a => a.Uri != null)
                .ToList();
            var answers = await new ServerProbe()
                .ProbeAsync(probed.Select(a => new ProbeTarget(a.Role, a.Uri!)).ToList(), settings, cancellationToken)
                .ConfigureAwait(false);

            var results = new IeaServerTestResult[addresses.Count];
            for (var i = 0; i < probed.Count; i++)
            {
                results[probed[i].Index] = answers[i];
            }

            for (var i = 0; i < results.Length; i++)
            {
                results[i] ??= new IeaServerTestResult
                {
                    Role = addresses[i].Role,
                    Uri = addresses[i].Address ?? "",
                    Failure = ProbeFailure.Unknown,
                    Message = Text.Format("ProbeAddressUnusable", addresses[i].Role, string.IsNullOrEmpty(addresses[i].Address) ? Text.Get("NotSet") : addresses[i].Address),
                };
                Log.Information("Server test {Role} {Uri:l} ({ConfigPath:l}): reachable {Reachable}, {Failure}, status {StatusCode}, {ElapsedMs} ms, {Attempts} attempt(s), via proxy {ViaProxy}",
                    results[i].Role, results[i].Uri, configPath ?? "-", results[i].Reachable, results[i].Failure, results[i].StatusCode,
                    results[i].ElapsedMs, results[i].Attempts, results[i].ViaProxy);
            }

            return results;
        }
    }
}
