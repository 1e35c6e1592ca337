using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Support
{
    /// <summary>Writes the mail the fiche asks for: one address, a fixed subject with the version, contact details and a short diagnosis.</summary>
    public static class SupportRequestBuilder
    {
        public const string SupportAddress = "impact-emploi-association@urssaf.fr";

        /// <summary>What the fiche writes when it does not know the version.</summary>
        public const string UnknownVersion = "3.00.XX";

        private const string SubjectPrefix = "Serveur de connexion ";
        private const string NewLine = "\r\n";

        // "https://user:secret@host" keeps its user info out of the mail: the inputs should never hold one, but a
        // settings file or a probe message could.
        private static readonly Regex UserInfo = new Regex(@"(?<=://)[^/\s@]*@", RegexOptions.CultureInvariant);

        /// <summary>The subject exactly as the fiche asks (French whatever the UI culture): "Serveur de connexion 3.00.72".</summary>
        public static string SubjectFor(string? version) => SubjectPrefix + (CleanVersion(version) ?? UnknownVersion);

        /// <summary>
        /// The request for <paramref name="status"/>'s installation. <paramref name="version"/> is the installed version
        /// (status.Version when null); the body follows the current UI culture.
        /// </summary>
        public static IeaSupportRequest Build(IeaConnectionStatus status, string? version, ContactDetails? contact,
            string moduleVersion, DateTimeOffset now)
        {
            if (status is null) throw new ArgumentNullException(nameof(status));
            contact ??= new ContactDetails();
            string? knownVersion = CleanVersion(version) ?? CleanVersion(status.Version);

            var lines = new List<string>
            {
                Text.Get("SupportGreeting"),
                "",
                Text.Get("SupportIntro"),
                "",
                Text.Get("SupportContactHeading"),
                "  " + Text.Format("SupportOrganisation", OrNotGiven(contact.Organisation)),
                "  " + Text.Format("SupportContactName", OrNotGiven(contact.ContactName)),
                "  " + Text.Format("SupportPhone", OrNotGiven(contact.Phone)),
                "  " + Text.Format("SupportEmail", OrNotGiven(contact.Email)),
                "",
                Text.Format("SupportDiagnosisHeading", OneLine(moduleVersion),
                    now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)),
                "  " + Text.Format("SupportComputer", OneLine(status.ComputerName)),
                "  " + Text.Format("SupportInstallation", OneLine(status.Path)),
                "  " + (knownVersion is null ? Text.Get("SupportVersionUnknown") : Text.Format("SupportVersion", knownVersion)),
                "  " + (status.Case == 0
                    ? Text.Format("SupportStateNoCase", status.State, Text.Get("ConnectionState" + status.State))
                    : Text.Format("SupportState", status.State, Text.Get("ConnectionState" + status.State), status.Case)),
                "  " + Text.Format("SupportAssistanceMode", Text.Get(status.AssistanceMode ? "SupportOn" : "SupportOff")),
                "  " + Text.Format("SupportLastAuthentication", OrNotGiven(status.LastAuthenticationResult)),
            };

            if (status.Deviations.Count > 0)
            {
                lines.Add("  " + Text.Get("SupportDeviations"));
                lines.AddRange(status.Deviations.Select(d => "    - " + OneLine(d)));
            }

            if (status.ServerTests.Count == 0)
            {
                lines.Add("  " + Text.Get("SupportServersNotTested"));
            }
            else
            {
                lines.Add("  " + Text.Get("SupportServersHeading"));
                lines.AddRange(status.ServerTests.Select(t => "    - " + (t.Reachable
                    ? Text.Format("SupportServerReachable", t.Role, OneLine(t.Uri))
                    : Text.Format("SupportServerUnreachable", t.Role, OneLine(t.Uri), t.Failure, OneLine(t.Message)))));
            }

            lines.Add("");
            lines.Add(Text.Get("SupportThanks"));

            return new IeaSupportRequest
            {
                To = SupportAddress,
                Subject = SubjectFor(knownVersion),
                Body = UserInfo.Replace(string.Join(NewLine, lines), "") + NewLine,
                CreatedAt = now,
                Path = status.Path,
            };
        }

        /// <summary>The version as IEA writes it, or null when unknown or not a plain one-line text.</summary>
        private static string? CleanVersion(string? version)
        {
            string? trimmed = version?.Trim();
            return string.IsNullOrEmpty(trimmed) || trimmed!.Any(char.IsControl) ? null : trimmed;
        }

        private static string OrNotGiven(string? value) =>
            string.IsNullOrWhiteSpace(value) ? Text.Get("SupportNotGiven") : OneLine(value!);

        private static string OneLine(string? value)
        {
            if (string.IsNullOrEmpty(value)) return "";
            var builder = new StringBuilder(value!.Length);
            foreach (char c in value) builder.Append(char.IsControl(c) ? ' ' : c);
            return builder.ToString().Trim();
        }
    }
}
