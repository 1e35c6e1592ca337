using System.Text.RegularExpressions;

namespace ImpactEmploi.Reporting
{
    /// <summary>A server a PC could not reach.</summary>
    public sealed class FleetReportServer
    {
        /// <summary>The ServerRole word.</summary>
        public string Role { get; set; } = "";
        public string Uri { get; set; } = "";

        /// <summary>The ProbeFailure word.</summary>
        public string Failure { get; set; } = "";
        public string Message { get; set; } = "";

        public override string ToString() => $"{Role} {Uri} ({Failure})";

        /// <summary>
        /// A server test that was serialized as its text: PowerShell remoting sends nested objects beyond depth 1 as
        /// <see cref="IeaServerTestResult.ToString"/>, "Role Uri: OK" or "Role Uri: Failure". Null when it was reachable.
        /// </summary>
        public static FleetReportServer? Parse(string? text)
        {
            text = (text ?? "").Trim();
            var match = Regex.Match(text, @"^(?<role>\S+) (?<uri>.*): (?<failure>\w+)$");
            if (!match.Success) return text.Length == 0 ? null : new FleetReportServer { Uri = text };
            if (match.Groups["failure"].Value == "OK") return null;
            return new FleetReportServer { Role = match.Groups["role"].Value, Uri = match.Groups["uri"].Value, Failure = match.Groups["failure"].Value };
        }
    }
}
