using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactEmploi.Probing
{
    /// <summary>
    /// The connection's stream as the HTTP handler sees it, watched on the way: the CONNECT request and the proxy's
    /// answer (its status and headers), the ClientHello, and what comes back first (nothing, a reset, or plain HTTP).
    /// Only the first bytes are looked at; everything passes through unchanged.
    /// </summary>
    internal sealed class ObservingStream : Stream
    {
        private const int MaxHeaderBytes = 16 * 1024;
        private static readonly string[] LineBreak = { "\r\n" };
        private static readonly char[] Space = { ' ' };
        private readonly Stream _inner;
        private readonly ProbeTrace _trace;
        private readonly bool _expectTunnel;
        private readonly bool _opaque;
        private readonly MemoryStream _tunnelAnswer = new MemoryStream();
        private bool _tunnelRequested;
        private bool _tunnelDone;
        private bool _helloSent;
        private bool _serverSpoke;
        private bool _requestSent;

        public ObservingStream(Stream inner, ProbeTrace trace, bool opaqueToProxy)
        {
            _inner = inner;
            _trace = trace;
            // With TLS to the proxy the bytes here are encrypted: only "something was sent" can be seen.
            _expectTunnel = trace.ViaProxy && trace.IsTls && !opaqueToProxy;
            _tunnelDone = !_expectTunnel;
            _opaque = opaqueToProxy;
            if (opaqueToProxy) _helloSent = _serverSpoke = true;
        }

        public override bool CanRead => _inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => _inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => _inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read;
            try
            {
                read = _inner.Read(buffer, offset, count);
            }
            catch (IOException)
            {
                OnReadFailed();
                throw;
            }
            OnRead(buffer, offset, count, read);
            return read;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int read;
            try
            {
                read = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                OnReadFailed();
                throw;
            }
            OnRead(buffer, offset, count, read);
            return read;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            OnWrite();
            _inner.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            OnWrite();
            return _inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _tunnelAnswer.Dispose();
            }
            base.Dispose(disposing);
        }

        private void OnWrite()
        {
            if (_opaque)
            {
                // TLS to the proxy, then (inside it) CONNECT: the first byte sent is as far as this stream can see.
                _trace.Reached(ProbePhase.ProxyTunnel);
            }
            else if (!_tunnelDone)
            {
                _tunnelRequested = true;
                _trace.Reached(ProbePhase.ProxyTunnel);
            }
            else if (_trace.IsTls && !_helloSent)
            {
                _helloSent = true;
                _trace.Reached(ProbePhase.Tls);
            }
            else if (!_trace.IsTls && !_requestSent)
            {
                _requestSent = true;
                _trace.Reached(ProbePhase.Response);
            }
        }

        private void OnReadFailed()
        {
            if (_helloSent && !_serverSpoke) _trace.CutAfterClientHello = true;
        }

        private void OnRead(byte[] buffer, int offset, int count, int read)
        {
            // SslStream waits for data with zero-byte reads: those say nothing.
            if (count == 0) return;
            if (_tunnelRequested && !_tunnelDone)
            {
                if (read > 0 && _tunnelAnswer.Length < MaxHeaderBytes) _tunnelAnswer.Write(buffer, offset, read);
                var answer = TryParseHead(_tunnelAnswer.ToArray());
                if (answer != null)
                {
                    _trace.TunnelAnswer = answer;
                    _tunnelDone = answer.Status >= 200 && answer.Status < 300;
                }
                return;
            }
            if (_helloSent && !_serverSpoke)
            {
                if (read == 0)
                {
                    _trace.CutAfterClientHello = true;
                    return;
                }
                _serverSpoke = true;
                // A TLS record starts with its content type (0x15 alert, 0x16 handshake); "HTTP/" is a plain answer.
                if (read >= 5 && Encoding.ASCII.GetString(buffer, offset, 5) == "HTTP/") _trace.PlainHttpOnTls = true;
            }
        }

        /// <summary>Parses "HTTP/1.1 502 Bad Gateway" and the headers once the blank line has come; null before.</summary>
        internal static ProxyAnswer? TryParseHead(byte[] bytes)
        {
            var text = Encoding.ASCII.GetString(bytes);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) return null;
            var lines = text.Substring(0, end).Split(LineBreak, StringSplitOptions.None);
            var statusLine = lines[0].Split(Space, 3);
            if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
                !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                return null;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 1; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon > 0) headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
            }
            return new ProxyAnswer(status, statusLine.Length > 2 ? statusLine[2] : "", headers);
        }
    }
}
