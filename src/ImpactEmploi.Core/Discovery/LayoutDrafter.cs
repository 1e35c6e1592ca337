using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ImpactEmploi.Documents;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// Writes a draft layout (.psd1 text) from the candidates of one installation: the settings file with the most
    /// settings found, the best candidate for each setting, the others as comments, and for a setting found nowhere a
    /// placeholder marked as such. INI drafts use only the fields today's layout parser knows; other formats add the
    /// fields of the layout schema (Format, XPath, Key, JsonPath, Store = 'Registry').
    /// </summary>
    public static class LayoutDrafter
    {
        private const int MaxAlternatives = 5;

        private static readonly char[] Separators = { '/', '\\' };

        private static readonly Dictionary<Setting, string[]> Names = new Dictionary<Setting, string[]>
        {
            [Setting.ConnectionType] = new[] { "Direct", "Proxy", "SystemProxy" },
            [Setting.ProxySecure] = new[] { "True", "False" },
            [Setting.ConnectionMode] = new[] { "Normal", "Extended", "Secure" },
            [Setting.AssistanceMode] = new[] { "True", "False" },
            [Setting.LastAuthenticationResult] = new[] { "OK", "ConnectionFailed", "AuthorizationDenied", "LicenseNotRecognized" },
        };

        private static readonly string[][] BooleanPairs =
        {
            new[] { "1", "0" }, new[] { "true", "false" }, new[] { "vrai", "faux" }, new[] { "oui", "non" },
            new[] { "yes", "no" }, new[] { "on", "off" }, new[] { "o", "n" }, new[] { "y", "n" },
        };

        public static IeaLayoutDraft Draft(string installationFolder, IReadOnlyList<IeaSettingCandidate> candidates, IeaLayout baseLayout, DateTime now)
        {
            var files = candidates.Where(c => c.FormatValue != SettingFormat.Registry).GroupBy(c => c.Location, StringComparer.Ordinal)
                .OrderByDescending(g => Score(g))
                .ThenBy(g => g.First().RelativePath!.Count(ch => ch == '/' || ch == '\\'))
                .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var chosenFile = files.FirstOrDefault()?.ToList();
            var format = chosenFile?[0].FormatValue ?? SettingFormat.Ini;
            var fileName = chosenFile?[0].RelativePath ?? baseLayout.FileName;
            var encoding = chosenFile?[0].Encoding ?? "windows-1252";

            var chosen = new Dictionary<Setting, IeaSettingCandidate>();
            foreach (Setting setting in Enum.GetValues(typeof(Setting)))
            {
                var best = Best(chosenFile, setting) ?? Best(candidates.Where(c => c.FormatValue == SettingFormat.Registry && c.ConfidenceValue > CandidateConfidence.Low && IsLayoutRegistryKey(c)), setting);
                if (best != null)
                {
                    chosen[setting] = best;
                }
            }

            var text = new StringBuilder();
            Line(text, 0, "# " + Text.Format("DraftHeader", now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), installationFolder));
            Line(text, 0, "# " + Text.Get("DraftReview"));
            Line(text, 0, "@{");
            Line(text, 1, "Name     = " + Quote("Draft-" + LastSegment(installationFolder)));
            Line(text, 1, "FileName = " + Quote(fileName));
            if (format != SettingFormat.Ini)
            {
                Line(text, 1, "Format   = " + Quote(format.ToString()));
            }

            if (format == SettingFormat.Ini)
            {
                // The other stores read the encoding from the file itself (BOM, XML declaration, JSON's rules).
                Line(text, 1, "Encoding = " + Quote(encoding));
            }

            var namespaces = chosen.Values.Where(c => c.XmlNamespaces != null).SelectMany(c => c.XmlNamespaces!.Keys.Cast<string>()
                .Select(k => (Prefix: k, Uri: (string)c.XmlNamespaces[k]!))).Distinct().OrderBy(p => p.Prefix, StringComparer.Ordinal).ToList();
            if (namespaces.Count > 0)
            {
                Line(text, 1, "XmlNamespaces = @{ " + string.Join("; ", namespaces.Select(p => p.Prefix + " = " + Quote(p.Uri))) + " }");
            }

            Line(text, 0, "");
            Line(text, 1, "Settings = @{");
            var rootElement = chosenFile?.Select(c => c.XPath).FirstOrDefault(x => x != null)?.Split('/')[1];
            foreach (Setting setting in Enum.GetValues(typeof(Setting)))
            {
                chosen.TryGetValue(setting, out var candidate);
                if (candidate == null)
                {
                    Line(text, 2, "# " + Text.Get("DraftNotFound"));
                }
                else
                {
                    Line(text, 2, "# " + Text.Format("DraftChosen", candidate.Confidence, OneLine(candidate.Value), OneLine(candidate.Reason)));
                }

                foreach (var other in candidates.Where(c => c.SettingValue == setting && !ReferenceEquals(c, candidate)).Take(MaxAlternatives))
                {
                    Line(text, 2, "#   " + Text.Format("DraftAlternative", OneLine(other.Location), OneLine(other.Entry), OneLine(other.Value), other.Confidence));
                }

                var fields = candidate != null ? Fields(candidate, format) : Placeholder(setting, format, baseLayout, rootElement);
                var values = Values(setting, candidate?.Value);
                Line(text, 2, setting + " = @{ " + fields + (values == null ? "" : "; Values = " + values) + " }");
            }

            Line(text, 1, "}");
            Line(text, 0, "");
            Line(text, 1, "Processes = @{ Application = " + Quote(baseLayout.ApplicationProcess) + "; ConnectionProgram = " + Quote(baseLayout.ConnectionProgramProcess) + " }");
            Line(text, 1, "OfficialHosts = " + string.Join(", ", baseLayout.OfficialHosts.Select(Quote)));
            Line(text, 1, "Recommended = @{");
            Line(text, 2, "ConnectionMode       = " + Quote(baseLayout.Recommended.ConnectionMode.ToString()));
            Line(text, 2, "AuthenticationServer = " + Quote(baseLayout.Recommended.AuthenticationServer.OriginalString));
            Line(text, 2, "UpdateServer         = " + Quote(baseLayout.Recommended.UpdateServer.OriginalString));
            Line(text, 2, "NetEntreprisesServer = " + Quote(baseLayout.Recommended.NetEntreprisesServer.OriginalString));
            Line(text, 1, "}");
            Line(text, 0, "}");

            return new IeaLayoutDraft
            {
                Path = installationFolder,
                FileName = fileName,
                FormatValue = format,
                Found = chosen.Keys.OrderBy(s => s).Select(s => s.ToString()).ToArray(),
                NotFound = Enum.GetValues(typeof(Setting)).Cast<Setting>().Where(s => !chosen.ContainsKey(s)).Select(s => s.ToString()).ToArray(),
                Text = text.ToString(),
            };
        }

        private static int Score(IEnumerable<IeaSettingCandidate> file) =>
            file.GroupBy(c => c.SettingValue).Sum(g => 1 + (int)g.Max(c => c.ConfidenceValue));

        private static IeaSettingCandidate? Best(IEnumerable<IeaSettingCandidate>? candidates, Setting setting) =>
            candidates?.Where(c => c.SettingValue == setting).OrderByDescending(c => c.ConfidenceValue).FirstOrDefault();

        /// <summary>Whether a layout can name the candidate's key (HKLM:, HKCU: or a user's HKU:\&lt;SID&gt;; not HKU:\.DEFAULT).</summary>
        private static bool IsLayoutRegistryKey(IeaSettingCandidate candidate) =>
            candidate.RegistryKey != null && candidate.ValueName != null &&
            RegistryLocation.Parse(candidate.RegistryKey, candidate.ValueName, RegistryView.Default, RegistryValueKind.String) != null;

        private static string Fields(IeaSettingCandidate candidate, SettingFormat fileFormat)
        {
            if (candidate.FormatValue == SettingFormat.Registry)
            {
                var fields = "Store = 'Registry'; RegistryKey = " + Quote(candidate.RegistryKey!) + "; ValueName = " + Quote(candidate.ValueName!);
                if (candidate.View != null && candidate.View != nameof(RegistryKeyView.Default))
                {
                    fields += "; View = " + Quote(candidate.View);
                }

                return candidate.ValueKind == "DWord" ? fields + "; ValueKind = 'DWord'" : fields;
            }

            return fileFormat switch
            {
                SettingFormat.Xml => "XPath = " + Quote(candidate.XPath!),
                SettingFormat.Json => "JsonPath = " + Quote(candidate.JsonPath!),
                SettingFormat.Properties => "Key = " + Quote(candidate.Key!),
                _ => "Section = " + Quote(candidate.Section!) + "; Key = " + Quote(candidate.Key!),
            };
        }

        /// <summary>Where the base layout puts a setting nobody found, in the draft's format.</summary>
        private static string Placeholder(Setting setting, SettingFormat format, IeaLayout baseLayout, string? rootElement)
        {
            var location = baseLayout[setting];
            return format switch
            {
                SettingFormat.Xml => "XPath = " + Quote("/" + (rootElement ?? "configuration") + "/" + location.Key),
                SettingFormat.Json => "JsonPath = " + Quote(location.Key),
                SettingFormat.Properties => "Key = " + Quote(location.Key),
                _ => "Section = " + Quote(location.Section) + "; Key = " + Quote(location.Key),
            };
        }

        /// <summary>The Values table of a setting with fixed words: the word found first, in the case it was found in.</summary>
        private static string? Values(Setting setting, string? found)
        {
            if (!Names.TryGetValue(setting, out var names))
            {
                return null;
            }

            var words = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            switch (setting)
            {
                case Setting.ConnectionType:
                    words["Direct"] = new List<string> { "Direct" };
                    words["Proxy"] = new List<string> { "Proxy" };
                    words["SystemProxy"] = new List<string> { "Navigateur" };
                    Prefer(words, found, found == null ? null : SettingClassifier.ConnectionTypeOf(SettingClassifier.Normalize(found))?.ToString());
                    break;
                case Setting.ConnectionMode:
                    words["Normal"] = new List<string> { "Normal" };
                    words["Extended"] = new List<string> { "Etendu" };
                    words["Secure"] = new List<string> { "Securise", "Sécurisé" };
                    Prefer(words, found, found == null ? null : SettingClassifier.ConnectionModeOf(SettingClassifier.Normalize(found))?.ToString());
                    break;
                case Setting.LastAuthenticationResult:
                    words["OK"] = new List<string> { "OK" };
                    words["ConnectionFailed"] = new List<string> { "EchecConnexion" };
                    words["AuthorizationDenied"] = new List<string> { "AutorisationRefusee" };
                    words["LicenseNotRecognized"] = new List<string> { "LicenceNonReconnue" };
                    break;
                default:
                    var pair = found == null ? null : BooleanPairs.FirstOrDefault(p => p.Contains(SettingClassifier.Normalize(found)));
                    pair ??= BooleanPairs[0];
                    words["True"] = new List<string> { Styled(pair[0], found) };
                    words["False"] = new List<string> { Styled(pair[1], found) };
                    if (pair != BooleanPairs[0])
                    {
                        words["True"].Add("1");
                        words["False"].Add("0");
                    }

                    break;
            }

            return "@{ " + string.Join("; ", names.Select(n => n + " = " + string.Join(", ", words[n].Select(Quote)))) + " }";
        }

        /// <summary>Puts the word found first for its name, and writes the other names' words in the same case.</summary>
        private static void Prefer(Dictionary<string, List<string>> words, string? found, string? name)
        {
            if (found == null || name == null)
            {
                return;
            }

            var trimmed = found.Trim();
            foreach (var key in words.Keys.ToList())
            {
                words[key] = words[key].Select(w => Styled(w, trimmed)).Concat(words[key]).Distinct(StringComparer.Ordinal).ToList();
            }

            words[name] = new[] { trimmed }.Concat(words[name].Where(w => !string.Equals(w, trimmed, StringComparison.Ordinal))).ToList();
        }

        private static string Styled(string word, string? like)
        {
            if (string.IsNullOrEmpty(like) || !like!.Any(char.IsLetter))
            {
                return word;
            }

            var letters = like.Where(char.IsLetter).ToList();
            return letters.All(char.IsUpper) && letters.Count > 1 ? word.ToUpperInvariant()
                : letters.All(char.IsLower) ? word.ToLowerInvariant()
                : letters.Count == 1 && char.IsUpper(letters[0]) ? word.ToUpperInvariant()
                : word;
        }

        private static string LastSegment(string folder)
        {
            var trimmed = folder.TrimEnd('/', '\\');
            var at = trimmed.LastIndexOfAny(Separators);
            var name = at < 0 ? trimmed : trimmed.Substring(at + 1);
            return name.Length == 0 ? "Installation" : name;
        }

        private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");

        private static string Quote(string text) => "'" + text.Replace("'", "''").Replace("\u2018", "\u2018\u2018").Replace("\u2019", "\u2019\u2019")
            .Replace("\u201A", "\u201A\u201A").Replace("\u201B", "\u201B\u201B") + "'";

        private static void Line(StringBuilder text, int indent, string line) =>
            text.Append(' ', indent * 4).Append(line).Append("\r\n");
    }
}
