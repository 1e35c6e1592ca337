using System;
using System.Collections.Generic;
using System.Linq;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;
using ImpactEmploi.Support;

namespace ImpactEmploi.Diagnosis
{
    /// <summary>Turns what is known of an installation into the fiche's verdict: state, tray icon, case and next step.</summary>
    public static class Diagnoser
    {
        /// <summary>
        /// Pure: the same inputs give the same status (NextStep follows the current UI culture).
        /// Precedence, as the fiche orders the work: assistance mode, settings that differ from the fiche,
        /// unreachable servers, refused authorisation or licence (case 3), connected (case 1), not tested.
        /// An unreachable server is case 2 (a mail to URSSAF) only when no failure is on this PC's side: a failure
        /// whose <see cref="IeaServerTestResult.Side"/> is <see cref="FaultSide.Local"/> gives state Disconnected,
        /// case 0 and the local fix as next step (URSSAF cannot fix this PC's network). Servers that could not be
        /// tested (<see cref="ProbeFailure.NotTested"/>) count as not tested, never as unreachable.
        /// </summary>
        /// <param name="serverTests">The probe results, or null when the servers were not tested (-Offline).
        /// An empty list counts as not tested: nothing was shown to be reachable.</param>
        public static IeaConnectionStatus Diagnose(IeaServerConfig config, AuthenticationResult lastResult,
            IReadOnlyList<IeaServerTestResult>? serverTests, string computerName, DateTimeOffset now)
        {
            if (config is null) throw new ArgumentNullException(nameof(config));
            if (computerName is null) throw new ArgumentNullException(nameof(computerName));

            IeaServerTestResult[] tests = serverTests?.ToArray() ?? Array.Empty<IeaServerTestResult>();
            IeaServerTestResult[] unreachable = tests.Where(t => !t.Reachable && t.FailureValue != ProbeFailure.NotTested).ToArray();
            IeaServerTestResult[] localFaults = unreachable.Where(t => t.SideValue == FaultSide.Local).ToArray();
            IeaServerTestResult[] notTested = tests.Where(t => t.FailureValue == ProbeFailure.NotTested).ToArray();
            string subject = SupportRequestBuilder.SubjectFor(config.Version);

            ConnectionState state;
            TrayIcon icon = TrayIcon.BlueBallRedHeart;
            FicheCase ficheCase = FicheCase.None;
            string nextStep;

            if (config.AssistanceMode)
            {
                state = ConnectionState.AssistanceMode;
                icon = TrayIcon.RedScarab;
                nextStep = Text.Get("DiagnosisNextAssistanceMode");
            }
            else if (!config.IsRecommended)
            {
                state = ConnectionState.ConfigurationOutdated;
                nextStep = Text.Get("DiagnosisNextConfigurationOutdated");
            }
            else if (localFaults.Length > 0)
            {
                state = ConnectionState.Disconnected;
                nextStep = Text.Format("DiagnosisNextLocalFault", string.Join(" ", localFaults.Select(t => $"{t.Role}: {t.Message}")));
            }
            else if (unreachable.Length > 0)
            {
                state = ConnectionState.Disconnected;
                ficheCase = FicheCase.ServersUnreachable;
                string servers = string.Join(", ", unreachable.Select(t => $"{t.Role} {t.Uri} ({t.Failure})"));
                nextStep = Text.Format("DiagnosisNextDisconnected", servers, subject);
            }
            else if (lastResult == AuthenticationResult.AuthorizationDenied || lastResult == AuthenticationResult.LicenseNotRecognized)
            {
                state = lastResult == AuthenticationResult.AuthorizationDenied
                    ? ConnectionState.AuthorizationDenied
                    : ConnectionState.LicenseNotRecognized;
                ficheCase = FicheCase.Refused;
                nextStep = Text.Format("DiagnosisNext" + state, subject);
            }
            else if (notTested.Length > 0)
            {
                state = ConnectionState.NotTested;
                icon = lastResult == AuthenticationResult.OK ? TrayIcon.BlueBall : TrayIcon.BlueBallRedHeart;
                nextStep = Text.Format("DiagnosisNextNotTestedProxyUnknown", notTested[0].Message);
            }
            else if (tests.Length > 0)
            {
                state = ConnectionState.Connected;
                icon = TrayIcon.BlueBall;
                ficheCase = FicheCase.Connected;
                nextStep = Text.Get(lastResult == AuthenticationResult.ConnectionFailed
                    ? "DiagnosisNextConnectedAfterFailure"
                    : "DiagnosisNextConnected");
            }
            else
            {
                state = ConnectionState.NotTested;
                icon = lastResult == AuthenticationResult.OK ? TrayIcon.BlueBall : TrayIcon.BlueBallRedHeart;
                nextStep = Text.Get(lastResult == AuthenticationResult.ConnectionFailed
                    ? "DiagnosisNextNotTestedAfterFailure"
                    : "DiagnosisNextNotTested");
            }

            return new IeaConnectionStatus
            {
                ComputerName = computerName,
                Path = config.Path,
                StateValue = state,
                IconValue = icon,
                FicheCaseValue = ficheCase,
                // Compliant: the servers were shown reachable with the fiche's settings, or (untested) the settings are right and IEA last authenticated OK.
                Compliant = state == ConnectionState.Connected
                    || (state == ConnectionState.NotTested && lastResult == AuthenticationResult.OK),
                NextStep = nextStep,
                Deviations = config.Deviations.ToArray(),
                ServerTests = tests,
                Version = config.Version,
                AssistanceMode = config.AssistanceMode,
                LastAuthenticationResult = lastResult.ToString(),
                CheckedAt = now.LocalDateTime,
            };
        }
    }
}
