using System;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Configuration
{
    /// <summary>Server addresses as IEA's dialog holds them: compared and checked the way the fiche needs.</summary>
    public static class ServerAddress
    {
        /// <summary>
        /// Same scheme, host (any case), port and path (ignoring a trailing slash), as the public contract asks;
        /// an address that is not a URL equals nothing.
        /// </summary>
        public static bool AreSame(string? text, Uri expected)
        {
            if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var actual))
            {
                return false;
            }

            return string.Equals(actual.Scheme, expected.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(actual.Host, expected.Host, StringComparison.OrdinalIgnoreCase)
                && actual.Port == expected.Port
                && string.Equals(actual.AbsolutePath.TrimEnd('/'), expected.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);
        }

        /// <summary>
        /// Checks an address the user wants to write: an absolute http(s) URL (InvalidServerAddress), https when
        /// the connection mode is Secure (InsecureServerAddress), an official host unless custom servers are
        /// allowed (NonOfficialServer).
        /// </summary>
        public static Uri Validate(string text, string settingName, ConnectionMode mode, IeaLayout layout, bool allowCustomServer)
        {
            if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.UserInfo.Length > 0)
            {
                throw new IeaException(ErrorIds.InvalidServerAddress, IeaErrorCategory.InvalidArgument,
                    Text.Format("InvalidServerAddress", settingName, text), text, Text.Get("InvalidServerAddressAction"));
            }

            if (mode == ConnectionMode.Secure && uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new IeaException(ErrorIds.InsecureServerAddress, IeaErrorCategory.InvalidArgument,
                    Text.Format("InsecureServerAddress", settingName, text), text, Text.Get("InsecureServerAddressAction"));
            }

            if (!allowCustomServer && !layout.IsOfficialHost(uri.Host))
            {
                throw new IeaException(ErrorIds.NonOfficialServer, IeaErrorCategory.InvalidArgument,
                    Text.Format("NonOfficialServer", settingName, uri.Host, string.Join(", ", layout.OfficialHosts)), text,
                    Text.Get("NonOfficialServerAction"));
            }

            return uri;
        }
    }
}
