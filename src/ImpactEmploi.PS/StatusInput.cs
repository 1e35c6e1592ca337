using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Text.RegularExpressions;
using ImpactEmploi.Reporting;

namespace ImpactEmploi.PS
{
    /// <summary>
    /// The one reader of connection statuses from the pipeline, for every cmdlet that takes them: the module's own
    /// objects, a repair report (its After), or a status that came back from another PC through remoting or
    /// Export-Clixml (words as strings, ServerTests as property bags or text, PSComputerName added), read by
    /// property name. Anything else, or a property holding a value that cannot be read, is NotAConnectionStatus.
    /// </summary>
    /// <remarks>
    /// The computer is the status's own ComputerName (the name the PC gives itself); PSComputerName (the name
    /// remoting used to reach it, maybe an address) only when that is empty. Words this version does not know (a
    /// state or failure from a newer module) are tolerated: the row keeps the word, the status reads the default.
    /// </remarks>
    internal static class StatusInput
    {
        private static readonly Regex TestAsText = new Regex(@"^(?<role>\S+) (?<uri>.*): (?<failure>\w+)$", RegexOptions.CultureInvariant);

        /// <summary>The status <paramref name="input"/> stands for.</summary>
        /// <exception cref="IeaException">NotAConnectionStatus.</exception>
        public static IeaConnectionStatus ToStatus(PSObject input) => Read(input).Status;

        /// <summary>The status <paramref name="input"/> stands for, as a fleet report row (unknown words kept as written).</summary>
        /// <exception cref="IeaException">NotAConnectionStatus.</exception>
        public static FleetReportRow ToRow(PSObject input)
        {
            var (status, stateWord, iconWord) = Read(input);
            var row = FleetReportRow.From(status);
            row.State = stateWord;
            row.Icon = iconWord;
            return row;
        }

        /// <summary>True for an error (an ErrorRecord, or one deserialized from a remote session or Export-Clixml).</summary>
        public static bool IsError(PSObject input) =>
            input.BaseObject is ErrorRecord || input.TypeNames.Any(name => name.EndsWith("System.Management.Automation.ErrorRecord", StringComparison.Ordinal));

        /// <summary>A PC whose status could not be read: the computer the error names, its message and its id.</summary>
        public static FleetReportUnread ToUnread(PSObject input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            string? computer = null;
            string? reason = null;
            string? id = null;
            if (input.BaseObject is ErrorRecord record)
            {
                computer = (record as RemotingErrorRecord)?.OriginInfo?.PSComputerName;
                if (string.IsNullOrEmpty(computer)) computer = record.TargetObject as string;
                if (string.IsNullOrEmpty(computer)) computer = record.CategoryInfo.TargetName;
                reason = record.ErrorDetails?.Message ?? record.Exception?.Message;
                id = record.FullyQualifiedErrorId;
            }

            if (string.IsNullOrEmpty(computer)) computer = Text(input, "PSComputerName");
            if (string.IsNullOrEmpty(computer) && Value(input, "OriginInfo") is object origin) computer = Text(PSObject.AsPSObject(origin), "PSComputerName");
            if (string.IsNullOrEmpty(computer)) computer = Text(input, "TargetObject");
            if (string.IsNullOrEmpty(reason) && Value(input, "Exception") is object exception) reason = Text(PSObject.AsPSObject(exception), "Message");
            return new FleetReportUnread
            {
                ComputerName = computer ?? "",
                Reason = (reason ?? input.ToString()).Trim(),
                ErrorId = id ?? Text(input, "FullyQualifiedErrorId") ?? "",
            };
        }

        private static (IeaConnectionStatus Status, string StateWord, string IconWord) Read(PSObject input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (input.BaseObject is IeaConnectionStatus local) return (local, local.State.ToString(), local.Icon.ToString());
            if (input.BaseObject is IeaRepairReport report && report.After != null) return Read(PSObject.AsPSObject(report.After));
            if (input.Properties["State"] == null)
            {
                // A repair report that came back from another PC: its After, read the same way.
                var after = Value(input, "After");
                if (after != null && input.Properties["Actions"] != null) return Read(PSObject.AsPSObject(after));
                throw NotAStatus(input);
            }

            var stateText = Text(input, "State");
            if (string.IsNullOrWhiteSpace(stateText)) throw BadValue(input, "State", stateText);
            var state = Word(stateText, ConnectionState.NotTested);
            var iconText = Text(input, "Icon") ?? "";
            var icon = Word(iconText, TrayIcon.BlueBallRedHeart);

            var computer = Text(input, "ComputerName");
            if (string.IsNullOrEmpty(computer)) computer = Text(input, "PSComputerName");

            var status = new IeaConnectionStatus
            {
                ComputerName = computer ?? "",
                Path = Text(input, "Path") ?? "",
                StateValue = state ?? ConnectionState.NotTested,
                IconValue = icon ?? TrayIcon.BlueBallRedHeart,
                Case = Convert<int>(input, "Case", 0),
                Compliant = Convert<bool>(input, "Compliant", false),
                NextStep = Text(input, "NextStep") ?? "",
                Deviations = Items(input, "Deviations").Select(item => item?.ToString() ?? "").ToArray(),
                ServerTests = Items(input, "ServerTests").OfType<object>().Select(item => Test(PSObject.AsPSObject(item))).ToArray(),
                Version = Text(input, "Version"),
                AssistanceMode = Convert<bool>(input, "AssistanceMode", false),
                LastAuthenticationResult = Text(input, "LastAuthenticationResult") ?? "",
                CheckedAt = Convert<DateTime>(input, "CheckedAt", default),
            };
            return (status, state?.ToString() ?? stateText!.Trim(), icon?.ToString() ?? iconText.Trim());
        }

        /// <summary>A server test by property name: every property of this version's type that the object carries.</summary>
        private static IeaServerTestResult Test(PSObject input)
        {
            if (input.BaseObject is IeaServerTestResult local) return local;
            var test = new IeaServerTestResult { FailureValue = ProbeFailure.Unknown };
            if (input.Properties["Reachable"] == null)
            {
                // Serialized beyond the remoting depth: only the test's text came back ("Role Uri: OK" or "Role Uri: Failure").
                var match = TestAsText.Match(input.ToString().Trim());
                if (!match.Success) return new IeaServerTestResult { Uri = input.ToString(), FailureValue = ProbeFailure.Unknown };
                test.RoleValue = Word(match.Groups["role"].Value, ServerRole.Custom) ?? ServerRole.Custom;
                test.Uri = match.Groups["uri"].Value;
                test.Reachable = match.Groups["failure"].Value == "OK";
                test.FailureValue = test.Reachable ? ProbeFailure.None : Word(match.Groups["failure"].Value, ProbeFailure.Unknown) ?? ProbeFailure.Unknown;
                return test;
            }

            // Nested values are read leniently (a DateTimeOffset arrives as a property bag): what cannot be read stays unset.
            // The words (Role, Failure, ...) are read-only strings over internal typed properties (RoleValue, ...): those are set.
            foreach (var property in typeof(IeaServerTestResult).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.CanWrite && (p.GetMethod!.IsPublic || p.PropertyType.IsEnum)))
            {
                var name = !property.GetMethod!.IsPublic && property.Name.EndsWith(WordValueSuffix, StringComparison.Ordinal) ? property.Name.Substring(0, property.Name.Length - WordValueSuffix.Length) : property.Name;
                var value = Value(input, name);
                if (value == null) continue;
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (type.IsEnum)
                {
                    if (TryEnum(type, value.ToString(), out var word)) property.SetValue(test, word);
                }
                else if (LanguagePrimitives.TryConvertTo(value, type, CultureInfo.InvariantCulture, out var converted))
                {
                    property.SetValue(test, converted);
                }
            }

            return test;
        }

        private const string WordValueSuffix = "Value";

        /// <summary>
        /// A property as text. Not unwrapped: an enum deserialized from Export-Clixml or a deep remoting call may be
        /// an Int32 whose PSObject carries the word as its ToString.
        /// </summary>
        private static string? Text(PSObject input, string name) => input.Properties[name]?.Value?.ToString();

        /// <summary>The enum value a word (or its number) names; null for a word this version does not know.</summary>
        private static T? Word<T>(string? text, T _) where T : struct =>
            TryEnum(typeof(T), text, out var value) ? (T)value! : (T?)null;

        private static bool TryEnum(Type type, string? text, out object? value)
        {
            value = null;
            text = text?.Trim();
            if (string.IsNullOrEmpty(text)) return false;
            var name = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (name == null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined(type, number))
            {
                name = Enum.GetName(type, number);
            }

            if (name == null) return false;
            value = Enum.Parse(type, name);
            return true;
        }

        /// <summary>A top-level value converted; absent gives the default, present but unreadable is NotAConnectionStatus.</summary>
        private static T Convert<T>(PSObject input, string name, T absent)
        {
            var value = Value(input, name);
            if (value == null || (value is string blank && blank.Trim().Length == 0)) return absent;
            // "False" from Import-Csv is false, not a non-empty (so true) string.
            if (typeof(T) == typeof(bool) && value is string text)
            {
                if (bool.TryParse(text.Trim(), out var flag)) return (T)(object)flag;
                throw BadValue(input, name, text);
            }

            if (value is string number && typeof(T) == typeof(int))
            {
                return int.TryParse(number.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? (T)(object)parsed
                    : throw BadValue(input, name, number);
            }

            return LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out T converted)
                ? converted
                : throw BadValue(input, name, value.ToString());
        }

        private static IEnumerable<object?> Items(PSObject input, string name)
        {
            var value = Value(input, name);
            if (value == null) return Enumerable.Empty<object?>();
            if (value is string text) return text.Length == 0 ? Enumerable.Empty<object?>() : new object?[] { text };
            return value is IEnumerable items ? items.Cast<object?>() : new[] { value };
        }

        private static object? Value(PSObject input, string name)
        {
            var value = input.Properties[name]?.Value;
            return value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
        }

        private static IeaException NotAStatus(PSObject input)
        {
            var type = input.TypeNames.Count > 0 ? input.TypeNames[0] : input.BaseObject.GetType().FullName;
            return new IeaException(ErrorIds.NotAConnectionStatus, IeaErrorCategory.InvalidArgument,
                Resources.Text.Format("StatusInputNotAStatus", type), input.BaseObject, Resources.Text.Get("StatusInputNotAStatusAction"));
        }

        private static IeaException BadValue(PSObject input, string name, string? value) =>
            new IeaException(ErrorIds.NotAConnectionStatus, IeaErrorCategory.InvalidArgument,
                Resources.Text.Format("StatusInputBadValue", name, value ?? ""), input.BaseObject, Resources.Text.Get("StatusInputNotAStatusAction"));
    }
}
