using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactEmploi.Probing
{
    /// <summary>Opens the connection of one attempt step by step (name, then TCP with Happy Eyeballs), noting each step in the trace.</summary>
    internal sealed class ProbeConnector
    {
        private readonly ProbeTrace _trace;
        private readonly bool _opaqueToProxy;

        public ProbeConnector(ProbeTrace trace, bool opaqueToProxy)
        {
            _trace = trace;
            _opaqueToProxy = opaqueToProxy;
        }

        /// <summary>Connects to <paramref name="endPoint"/>: the server, or the proxy when the attempt goes through one.</summary>
        public async Task<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
        {
            if (!_trace.ViaProxy) _trace.Reached(ProbePhase.Dns);
            var addresses = await HappyEyeballs.ResolveAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
            if (!_trace.ViaProxy) _trace.Reached(ProbePhase.Connect);
            var socket = await HappyEyeballs.ConnectAsync(addresses, endPoint.Port, cancellationToken).ConfigureAwait(false);
            _trace.RemoteAddress = (socket.RemoteEndPoint as IPEndPoint)?.ToString();
            return new ObservingStream(new NetworkStream(socket, ownsSocket: true), _trace, _opaqueToProxy);
        }
    }
}
