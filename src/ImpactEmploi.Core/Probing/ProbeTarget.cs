using System;

namespace ImpactEmploi.Probing
{
    /// <summary>One address to test, with the role it plays in IEA's connection dialog.</summary>
    public sealed class ProbeTarget
    {
        public ProbeTarget(ServerRole role, Uri uri)
        {
            if (uri is null) throw new ArgumentNullException(nameof(uri));
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new ArgumentException("An absolute http or https address is required.", nameof(uri));
            Role = role;
            Uri = uri;
        }

        public ServerRole Role { get; }
        public Uri Uri { get; }

        public override string ToString() => $"{Role} {Uri}";
    }
}
