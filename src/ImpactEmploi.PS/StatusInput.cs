using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using ImpactEmploi.Reporting;

namespace ImpactEmploi.PS
{
    /// <summary>
    /// Reads connection statuses from the pipeline, whether the module's own objects or ones that came back
    /// from another PC through remoting or Export-Clixml (Deserialized.ImpactEmploi.IeaConnectionStatus: words
    /// as strings, ServerTests as property bags or text, PSComputerName added): as a status for
    /// New-IeaSupportRequest, as a report row for Export-IeaFleetReport.
    /// </summary>
    internal static class StatusInput
    {
        public static IeaConnectionStatus From(PSObject input)
        {
            if (input.BaseObject is IeaConnectionStatus status)
            {
                return status;
            }

            return new IeaConnectionStatus
            {
                ComputerName = Text(input, "PSComputerName") ?? Text(input, "ComputerName") ?? "",
                Path = Text(input, "Path") ?? "",
                State = Word(input, "State", ConnectionState.NotTested),
                Icon = Word(input, "Icon", TrayIcon.BlueBallRedHeart),
                Case = Convert.ToInt32(Value(input, "Case") ?? 0, CultureInfo.InvariantCulture),
                Compliant = Convert.ToBoolean(Value(input, "Compliant") ?? false, CultureInfo.InvariantCulture),
                NextStep = Text(input, "NextStep") ?? "",
                Deviations = Items(input, "Deviations").Select(item => item?.ToString() ?? "").ToList(),
                ServerTests = Items(input, "ServerTests").OfType<object>().Select(item => Test(PSObject.AsPSObject(item))).ToList(),
                Version = Text(input, "Version"),
                AssistanceMode = Convert.ToBoolean(Value(input, "AssistanceMode") ?? false, CultureInfo.InvariantCulture),
                LastAuthenticationResult = Text(input, "LastAuthenticationResult") ?? "",
            };
        }

        private static IeaServerTestResult Test(PSObject input) => input.BaseObject as IeaServerTestResult ?? new IeaServerTestResult
        {
            Role = Word(input, "Role", ServerRole.Custom),
            Uri = Text(input, "Uri") ?? "",
            Reachable = Convert.ToBoolean(Value(input, "Reachable") ?? false, CultureInfo.InvariantCulture),
            StatusCode = Value(input, "StatusCode") is object code ? Convert.ToInt32(code, CultureInfo.InvariantCulture) : (int?)null,
            Failure = Word(input, "Failure", ProbeFailure.Unknown),
            Message = Text(input, "Message") ?? "",
            Attempts = Convert.ToInt32(Value(input, "Attempts") ?? 0, CultureInfo.InvariantCulture),
        };

        /// <summary>
        /// A property as text. Not unwrapped: an enum deserialized from Export-Clixml or a deep remoting call may be
        /// an Int32 whose PSObject carries the word as its ToString.
        /// </summary>
        private static string? Text(PSObject input, string name) => input.Properties[name]?.Value?.ToString();

        private static T Word<T>(PSObject input, string name, T fallback) where T : struct =>
            Enum.TryParse<T>(Text(input, name), true, out var value) ? value : fallback;

        private static IEnumerable<object?> Items(PSObject input, string name) =>
            Value(input, name) is IEnumerable items && !(items is string) ? items.Cast<object?>() : Enumerable.Empty<object?>();

        /// <summary>A status as a row, by property name; null when the object is not a status.</summary>
        internal static FleetReportRow? ToRow(PSObject input)
        {
            if (input.Properties["State"] == null)
            {
                // A repair report (IeaRepairReport) stands for its status after the repair.
                var after = Value(input, "After");
                return after != null && input.Properties["Actions"] != null ? ToRow(PSObject.AsPSObject(after)) : null;
            }

            var computer = Value(input, "ComputerName")?.ToString();
            if (string.IsNullOrEmpty(computer)) computer = Value(input, "PSComputerName")?.ToString();
            return new FleetReportRow
            {
                ComputerName = computer ?? "",
                Path = Text(input, "Path") ?? "",
                State = Text(input, "State") ?? "",
                Icon = Text(input, "Icon") ?? "",
                Case = LanguagePrimitives.TryConvertTo(Value(input, "Case"), CultureInfo.InvariantCulture, out int number) ? number : 0,
                Compliant = LanguagePrimitives.IsTrue(Value(input, "Compliant")),
                NextStep = Text(input, "NextStep") ?? "",
                FailingServers = ServerTests(Value(input, "ServerTests")),
            };
        }

        private static IReadOnlyList<FleetReportServer> ServerTests(object? tests)
        {
            if (tests == null || tests is string) return Array.Empty<FleetReportServer>();
            var failing = new List<FleetReportServer>();
            foreach (var item in LanguagePrimitives.GetEnumerable(tests) ?? new[] { tests })
            {
                if (item == null) continue;
                var test = PSObject.AsPSObject(item);
                if (test.Properties["Reachable"] == null)
                {
                    // Serialized beyond the remoting depth: only the test's text came back.
                    var parsed = FleetReportServer.Parse(test.ToString());
                    if (parsed != null) failing.Add(parsed);
                    continue;
                }

                if (LanguagePrimitives.IsTrue(Value(test, "Reachable"))) continue;
                failing.Add(new FleetReportServer
                {
                    Role = Text(test, "Role") ?? "",
                    Uri = Text(test, "Uri") ?? "",
                    Failure = Text(test, "Failure") ?? "",
                    Message = Text(test, "Message") ?? "",
                });
            }

            return failing;
        }

        private static object? Value(PSObject input, string name)
        {
            var value = input.Properties[name]?.Value;
            return value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
        }
    }
}
