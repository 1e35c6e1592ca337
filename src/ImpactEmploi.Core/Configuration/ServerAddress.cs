using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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
        /// Checks an address the user wants to write: an absolute http(s) URL with a port other than 0 and no
        /// user name, query or fragment (InvalidServerAddress), https when the connection mode is Secure
        /// (InsecureServerAddress), and, unless custom servers are allowed, on its role's own host (NonOfficialServer,
        /// see <see cref="HostsFor"/>).
        /// </summary>
        public static Uri Validate(string text, Setting role, ConnectionMode mode, IeaLayout layout, bool allowCustomServer)
        {
            var settingName = role.ToString();
            if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            {
                throw Invalid("InvalidServerAddress", settingName, text);
            }

            if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                throw Invalid("InvalidServerAddressExtra", settingName, text);
            }

            if (uri.Port == 0)
            {
                throw Invalid("InvalidServerAddressPort", settingName, text);
            }

            if (mode == ConnectionMode.Secure && uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new IeaException(ErrorIds.InsecureServerAddress, IeaErrorCategory.InvalidArgument,
                    Text.Format("InsecureServerAddress", settingName, text), text, Text.Get("InsecureServerAddressAction"));
            }

            var hosts = HostsFor(role, layout);
            if (!allowCustomServer && !hosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            {
                throw new IeaException(ErrorIds.NonOfficialServer, IeaErrorCategory.InvalidArgument,
                    Text.Format("NonOfficialServer", settingName, uri.Host, string.Join(", ", hosts)), text,
                    Text.Get("NonOfficialServerAction"));
            }

            return uri;
        }

        /// <summary>As <see cref="Validate(string, Setting, ConnectionMode, IeaLayout, bool)"/>, the role named as a <see cref="Setting"/>.</summary>
        public static Uri Validate(string text, string settingName, ConnectionMode mode, IeaLayout layout, bool allowCustomServer) =>
            Validate(text, (Setting)Enum.Parse(typeof(Setting), settingName, true), mode, layout, allowCustomServer);

        /// <summary>
        /// The hosts a server role may use without -AllowCustomServer: the host of the layout's Recommended address
        /// for that role, and any OfficialHosts entry that no other role's Recommended address uses (a mirror the
        /// layout names). With the default layout: impact-emploi.urssaf.fr for the authentication and update servers,
        /// services.net-entreprises.fr for Net-Entreprises, and neither for the other's role.
        /// </summary>
        public static IReadOnlyList<string> HostsFor(Setting role, IeaLayout layout) =>
            RoleHosts.GetValue(layout, ComputeRoleHosts).TryGetValue(role, out var hosts)
                ? hosts
                : throw new ArgumentOutOfRangeException(nameof(role), role, "Not a server address.");

        // A layout never changes once parsed: its hosts per role are computed once (a no-op write checks three addresses per installation).
        private static readonly ConditionalWeakTable<IeaLayout, Dictionary<Setting, IReadOnlyList<string>>> RoleHosts =
            new ConditionalWeakTable<IeaLayout, Dictionary<Setting, IReadOnlyList<string>>>();

        private static Dictionary<Setting, IReadOnlyList<string>> ComputeRoleHosts(IeaLayout layout)
        {
            var recommended = new Dictionary<Setting, string>
            {
                [Setting.AuthenticationServer] = layout.Recommended.AuthenticationServer.Host,
                [Setting.UpdateServer] = layout.Recommended.UpdateServer.Host,
                [Setting.NetEntreprisesServer] = layout.Recommended.NetEntreprisesServer.Host,
            };
            var result = new Dictionary<Setting, IReadOnlyList<string>>();
            foreach (var pair in recommended)
            {
                var others = recommended.Values.Where(host => !string.Equals(host, pair.Value, StringComparison.OrdinalIgnoreCase)).ToList();
                result[pair.Key] = new[] { pair.Value }
                    .Concat(layout.OfficialHosts.Where(host => !others.Contains(host, StringComparer.OrdinalIgnoreCase)))
                    .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            }

            return result;
        }

        private static IeaException Invalid(string message, string settingName, string? text) =>
            new IeaException(ErrorIds.InvalidServerAddress, IeaErrorCategory.InvalidArgument,
                Text.Format(message, settingName, text), text, Text.Get("InvalidServerAddressAction"));
    }
}
