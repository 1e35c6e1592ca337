using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace ImpactEmploi.PS
{
    /// <summary>
    /// Binds a connection status from the pipeline whether it is the module's own object or one that came back
    /// from another PC through remoting (Deserialized.ImpactEmploi.IeaConnectionStatus: words as strings,
    /// ServerTests as property bags, PSComputerName added).
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

        private static object? Value(PSObject input, string name) => input.Properties[name]?.Value is PSObject wrapped ? wrapped.BaseObject : input.Properties[name]?.Value;

        private static string? Text(PSObject input, string name) => Value(input, name)?.ToString();

        private static T Word<T>(PSObject input, string name, T fallback) where T : struct =>
            Enum.TryParse<T>(Text(input, name), true, out var value) ? value : fallback;

        private static IEnumerable<object?> Items(PSObject input, string name) =>
            Value(input, name) is IEnumerable items && !(items is string) ? items.Cast<object?>() : Enumerable.Empty<object?>();
    }
}
