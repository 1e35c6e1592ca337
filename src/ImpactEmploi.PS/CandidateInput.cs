using System;
using System.Collections;
using System.Management.Automation;
using ImpactEmploi.Discovery;
using ImpactEmploi.Layouts;

namespace ImpactEmploi.PS
{
    /// <summary>
    /// Reads setting candidates from the pipeline: the module's own objects, or ones that came back from another PC
    /// through remoting or Export-Clixml (Deserialized.ImpactEmploi.Discovery.IeaSettingCandidate, words as
    /// strings). Null for an object that is not a candidate.
    /// </summary>
    internal static class CandidateInput
    {
        public static IeaSettingCandidate? From(PSObject input)
        {
            if (input.BaseObject is IeaSettingCandidate candidate)
            {
                return candidate;
            }

            if (!Enum.TryParse<Setting>(Text(input, "Setting"), true, out var setting) || !Enum.TryParse<SettingFormat>(Text(input, "Format"), true, out var format))
            {
                return null;
            }

            return new IeaSettingCandidate
            {
                Path = Text(input, "Path") ?? "",
                Location = Text(input, "Location") ?? "",
                RelativePath = Text(input, "RelativePath"),
                FormatValue = format,
                Section = Text(input, "Section"),
                Key = Text(input, "Key"),
                XPath = Text(input, "XPath"),
                XmlNamespaces = (input.Properties["XmlNamespaces"]?.Value as PSObject)?.BaseObject as Hashtable ?? input.Properties["XmlNamespaces"]?.Value as Hashtable,
                JsonPath = Text(input, "JsonPath"),
                RegistryKey = Text(input, "RegistryKey"),
                ValueName = Text(input, "ValueName"),
                View = Text(input, "View"),
                ValueKind = Text(input, "ValueKind"),
                Encoding = Text(input, "Encoding"),
                Entry = Text(input, "Entry") ?? "",
                Value = Text(input, "Value") ?? "",
                SettingValue = setting,
                ConfidenceValue = Enum.TryParse<CandidateConfidence>(Text(input, "Confidence"), true, out var confidence) ? confidence : CandidateConfidence.Low,
                Reason = Text(input, "Reason") ?? "",
            };
        }

        private static string? Text(PSObject input, string name) => input.Properties[name]?.Value?.ToString();
    }
}
