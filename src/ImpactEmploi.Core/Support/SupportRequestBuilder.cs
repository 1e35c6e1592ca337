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
        /// (status.Version when null). The body is French whatever the UI culture: URSSAF's support reads French. Texts
        /// the status carries in the user's language (a probe's message, a deviation) are quoted as technical detail.
        /// </summary>
        public static IeaSupportRequest Build(IeaConnectionStatus status, string? version, ContactDetails? contact,
            string moduleVersion, DateTimeOffset now)
        {
            if (status is null) throw new ArgumentNullException(nameof(status));
            contact ??= new ContactDetails();
            string? knownVersion = CleanVersion(version) ?? CleanVersion(status.Version);

            var lines = new List<string>
            {
                French("SupportGreeting"),
                "",
                French("SupportIntro"),
                "",
                French("SupportContactHeading"),
                "  " + French("SupportOrganisation", OrNotGiven(contact.Organisation)),
                "  " + French("SupportContactName", OrNotGiven(contact.ContactName)),
                "  " + French("SupportPhone", OrNotGiven(contact.Phone)),
                "  " + French("SupportEmail", OrNotGiven(contact.Email)),
                "",
                French("SupportDiagnosisHeading", OneLine(moduleVersion),
                    now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)),
                "  " + French("SupportComputer", OneLine(status.ComputerName)),
                "  " + French("SupportInstallation", OneLine(status.Path)),
                "  " + (knownVersion is null ? French("SupportVersionUnknown") : French("SupportVersion", knownVersion)),
                "  " + (status.Case == 0
                    ? French("SupportStateLine", French("ConnectionState" + status.State))
                    : French("SupportStateCaseLine", French("ConnectionState" + status.State), status.Case)),
                "  " + French("SupportAssistanceMode", French(status.AssistanceMode ? "SupportOn" : "SupportOff")),
                "  " + French("SupportLastAuthenticationLine", French("SupportAuthentication" +
                    (Enum.TryParse<Layouts.AuthenticationResult>(status.LastAuthenticationResult, true, out var last) ? last : Layouts.AuthenticationResult.Unknown))),
            };

            if (status.Deviations.Count > 0)
            {
                lines.Add("  " + French("SupportDeviationsTechnical"));
                lines.AddRange(status.Deviations.Select(d => "    - " + OneLine(d)));
            }

            if (status.ServerTests.Count == 0)
            {
                lines.Add("  " + French("SupportServersNotTested"));
            }
            else
            {
                lines.Add("  " + French("SupportServersHeading"));
                foreach (var test in status.ServerTests)
                {
                    lines.Add("    - " + (test.Reachable
                        ? French("SupportServerReachableLine", RoleInFrench(test.RoleValue), OneLine(test.Uri))
                        : French("SupportServerUnreachableLine", RoleInFrench(test.RoleValue), OneLine(test.Uri), FailureInFrench(test.FailureValue))));
                    if (!test.Reachable && !string.IsNullOrWhiteSpace(test.Message))
                    {
                        lines.Add("      " + French("SupportTechnicalDetail", OneLine(test.Message)));
                    }
                }
            }

            lines.Add("");
            lines.Add(French("SupportClosing"));
            lines.Add("");
            lines.Add(French("SupportRegards"));
            lines.AddRange(new[] { contact.ContactName, contact.Organisation }
                .Where(value => !string.IsNullOrWhiteSpace(value))
                .Select(OneLine));

            return new IeaSupportRequest
            {
                To = SupportAddress,
                Subject = SubjectFor(knownVersion),
                Body = UserInfo.Replace(string.Join(NewLine, lines), "") + NewLine,
                CreatedAt = now,
                Path = status.Path,
            };
        }

        /// <summary>True when none of the contact details is given: support would not know whom to answer.</summary>
        public static bool HasNoContact(ContactDetails? contact) =>
            contact is null || new[] { contact.Organisation, contact.ContactName, contact.Phone, contact.Email }.All(string.IsNullOrWhiteSpace);

        /// <summary>Why a server could not be reached, in plain French (a word a newer probe adds reads as "not classified").</summary>
        public static string FailureInFrench(ProbeFailure failure) => FrenchOr("SupportFailure" + failure, "SupportFailureOther");

        /// <summary>The dialog's name for a server, in French.</summary>
        public static string RoleInFrench(ServerRole role) => FrenchOr("SupportRole" + role, "SupportRoleCustom");

        private static string FrenchOr(string key, string fallbackKey)
        {
            var text = Text.GetFrench(key);
            return text == key ? Text.GetFrench(fallbackKey) : text;
        }

        private static string French(string key) => Text.GetFrench(key);

        private static string French(string key, params object?[] args) => Text.FormatFrench(key, args);

        /// <summary>The version as IEA writes it, or null when unknown or not a plain one-line text.</summary>
        private static string? CleanVersion(string? version)
        {
            string? trimmed = version?.Trim();
            return string.IsNullOrEmpty(trimmed) || trimmed!.Any(char.IsControl) ? null : trimmed;
        }

        private static string OrNotGiven(string? value) =>
            string.IsNullOrWhiteSpace(value) ? French("SupportNotGiven") : OneLine(value!);

        private static string OneLine(string? value)
        {
            if (string.IsNullOrEmpty(value)) return "";
            var builder = new StringBuilder(value!.Length);
            foreach (char c in value) builder.Append(char.IsControl(c) ? ' ' : c);
            return builder.ToString().Trim();
        }
    }
}
