using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactEmploi.Probing
{
    /// <summary>
    /// Name resolution and TCP connect as RFC 8305 ("Happy Eyeballs") does: addresses interleaved IPv6 first, a new
    /// attempt every 250 ms or as soon as one fails, the first connection wins. A dropped IPv6 path costs 250 ms, not the budget.
    /// </summary>
    internal static class HappyEyeballs
    {
        public static readonly TimeSpan AttemptDelay = TimeSpan.FromMilliseconds(250);

        /// <summary>Resolves <paramref name="host"/> (an address literal is used as is). Throws SocketException when the name has no address.</summary>
        public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return new[] { literal };
            var lookup = Dns.GetHostAddressesAsync(host);
            // Dns.GetHostAddressesAsync takes no token before .NET 6: stop waiting for it instead.
            var finished = await Task.WhenAny(lookup, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
            if (finished != lookup)
            {
                _ = lookup.ContinueWith(t => t.Exception, TaskScheduler.Default); // observed: never an unobserved exception
                cancellationToken.ThrowIfCancellationRequested();
            }
            var addresses = await lookup.ConfigureAwait(false);
            if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
            return addresses;
        }

        /// <summary>Interleaves the families, the first family of the resolver's answer first (IPv6 when the system prefers it).</summary>
        public static IReadOnlyList<IPAddress> Order(IReadOnlyList<IPAddress> addresses)
        {
            var v6 = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6).ToList();
            var v4 = addresses.Where(a => a.AddressFamily != AddressFamily.InterNetworkV6).ToList();
            var first = addresses.Count > 0 && addresses[0].AddressFamily == AddressFamily.InterNetwork ? v4 : v6;
            var second = ReferenceEquals(first, v6) ? v4 : v6;
            var ordered = new List<IPAddress>(addresses.Count);
            for (var i = 0; i < Math.Max(v6.Count, v4.Count); i++)
            {
                if (i < first.Count) ordered.Add(first[i]);
                if (i < second.Count) ordered.Add(second[i]);
            }
            return ordered;
        }

        /// <summary>Connects to the first address that accepts; throws the first failure when none does.</summary>
        public static async Task<Socket> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
        {
            var ordered = Order(addresses);
            var pending = new List<(Task Task, Socket Socket)>();
            Exception? firstFailure = null;
            var next = 0;
            using var cancelAll = cancellationToken.Register(() =>
            {
                lock (pending) foreach (var p in pending) p.Socket.Dispose();
            });
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (next < ordered.Count)
                    {
                        var address = ordered[next++];
                        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        lock (pending) pending.Add((socket.ConnectAsync(new IPEndPoint(address, port)), socket));
                    }
                    if (pending.Count == 0)
                        throw firstFailure ?? new SocketException((int)SocketError.HostNotFound);

                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var delay = Task.Delay(next < ordered.Count ? AttemptDelay : Timeout.InfiniteTimeSpan, wait.Token);
                    var done = await Task.WhenAny(Snapshot(pending).Select(p => p.Task).Concat(new[] { delay })).ConfigureAwait(false);
                    wait.Cancel();
                    cancellationToken.ThrowIfCancellationRequested();
                    if (done == delay) continue;

                    (Task Task, Socket Socket) finished;
                    lock (pending)
                    {
                        finished = pending.First(p => p.Task == done);
                        pending.Remove(finished);
                    }
                    if (done.Status == TaskStatus.RanToCompletion) return finished.Socket;
                    firstFailure ??= done.Exception?.GetBaseException();
                    finished.Socket.Dispose();
                }
            }
            finally
            {
                lock (pending)
                {
                    foreach (var p in pending)
                    {
                        p.Socket.Dispose();
                        _ = p.Task.ContinueWith(t => t.Exception, TaskScheduler.Default);
                    }
                    pending.Clear();
                }
            }
        }

        private static List<(Task Task, Socket Socket)> Snapshot(List<(Task Task, Socket Socket)> pending)
        {
            lock (pending) return pending.ToList();
        }
    }
}
