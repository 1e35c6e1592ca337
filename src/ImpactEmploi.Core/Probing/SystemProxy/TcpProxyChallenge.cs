using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>
    /// Sends one request without credentials to the proxy (CONNECT for https, HEAD for http) and reads the status
    /// line. Anything other than a clear 407 (no answer, refused, an error) counts as "no credentials asked": the
    /// server test that follows reports such failures itself.
    /// </summary>
    public sealed class TcpProxyChallenge : IProxyChallenge
    {
        private readonly TimeSpan _timeout;

        public TcpProxyChallenge(TimeSpan timeout) => _timeout = timeout;

        public bool RequiresCredentials(Uri proxy, Uri target)
        {
            if (proxy is null) throw new ArgumentNullException(nameof(proxy));
            if (target is null) throw new ArgumentNullException(nameof(target));
            try
            {
                using var client = new TcpClient();
                var milliseconds = (int)_timeout.TotalMilliseconds;
                if (!client.ConnectAsync(proxy.Host, proxy.Port).Wait(milliseconds)) return false;
                client.ReceiveTimeout = milliseconds;
                client.SendTimeout = milliseconds;
                var authority = target.IdnHost + ":" + target.Port.ToString(CultureInfo.InvariantCulture);
                var request = target.Scheme == Uri.UriSchemeHttps
                    ? "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n"
                    : "HEAD " + target.AbsoluteUri + " HTTP/1.1\r\nHost: " + authority + "\r\nConnection: close\r\n\r\n";
                var stream = client.GetStream();
                var bytes = Encoding.ASCII.GetBytes(request);
                stream.Write(bytes, 0, bytes.Length);
                using var reader = new StreamReader(stream, Encoding.ASCII);
                var statusLine = reader.ReadLine() ?? "";
                var parts = statusLine.Split(' ');
                return parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal) && parts[1] == "407";
            }
            catch (Exception e) when (e is SocketException || e is IOException || e is AggregateException || e is ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
