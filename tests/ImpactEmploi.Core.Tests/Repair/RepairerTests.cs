using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ImpactEmploi.Configuration;
using ImpactEmploi.Installations;
using ImpactEmploi.Repair;
using ImpactEmploi.Resources;
using ImpactEmploi.Tests.Configuration;
using ImpactEmploi.Tests.Installations;
using ImpactEmploi.Tests.Layouts;
using ImpactEmploi.Tests.Resources;
using ImpactEmploi.Tests.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Repair
{
    /// <summary>Every path of the repair, on a real settings file, with the process table, the programs and the session faked.</summary>
    public sealed class RepairerTests : IDisposable
    {
        private const string Tray = "ServeurConnexion.exe";

        private const string Legacy =
            "[Application]\r\nVersion=3.00.72\r\n[Connexion]\r\nType=Direct\r\nMode=Normal\r\n" +
            "ServeurAuthentification=http://impact-emploi.urssaf.fr\r\nServeurMiseAJour=https://impact-emploi.urssaf.fr/updates\r\n" +
            "AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/\r\n" +
            "[Assistance]\r\nActif=0\r\nMotDePasseDuJour=\r\n[Etat]\r\nResultat=OK\r\n";

        private static readonly string Compliant = Legacy
            .Replace("Mode=Normal", "Mode=Securise", StringComparison.Ordinal)
            .Replace("http://", "https://", StringComparison.Ordinal);

        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iea-repair-" + Guid.NewGuid().ToString("N"))).FullName;
        private int _snapshots;
        private int _testRuns;

        public RepairerTests() => File.WriteAllText(Executable, "");

        private string ConfigPath => Path.Combine(_folder, "ImpactEmploi.ini");
        private string Executable => Path.Combine(_folder, Tray);
        private string Settings => TextEncodings.Windows1252.GetString(File.ReadAllBytes(ConfigPath));

        public void Dispose() => Directory.Delete(_folder, true);

        [Fact]
        public void Settings_already_right_and_servers_reachable_need_nothing_and_never_list_the_processes()
        {
            Write(Compliant);
            var before = File.ReadAllBytes(ConfigPath);
            var programs = new FakePrograms((Tray, 11));

            var report = Repair(programs, new FakeSession(), reachable: true);

            Assert.Equal(FicheCase.Connected, report.FicheCaseValue);
            Assert.Equal(1, report.Case);
            Assert.True(report.Repaired);
            Assert.False(report.RestartNeeded);
            Assert.Equal(new[] { Text.Get("RepairNothingNeeded"), Text.Format("RepairTested", 3, 3) }, report.Actions);
            Assert.Equal(report.After!.NextStep, report.NextStep);
            Assert.Equal(before, File.ReadAllBytes(ConfigPath));
            Assert.Empty(programs.Calls);
            Assert.Equal(0, _snapshots);
        }

        [Fact]
        public void In_the_users_session_the_program_is_stopped_while_the_settings_are_written_then_started()
        {
            Write(Legacy);
            var programs = new FakePrograms((Tray, 11));

            var report = Repair(programs, new FakeSession(), reachable: true);

            Assert.Equal(new[] { "terminate 11", "start " + Executable }, programs.Calls);
            Assert.Contains("Mode=Securise", Settings, StringComparison.Ordinal);
            Assert.Contains("ServeurAuthentification=https://impact-emploi.urssaf.fr", Settings, StringComparison.Ordinal);
            Assert.Equal(Text.Get("RepairConnectionProgramStopped"), report.Actions[0]);
            Assert.StartsWith(Text.Format("RepairSettingsApplied", "").TrimEnd(), report.Actions[1], StringComparison.Ordinal);
            Assert.Equal(Text.Get("RepairConnectionProgramStarted"), report.Actions[2]);
            Assert.Equal(FicheCase.None, report.Before!.FicheCaseValue);
            Assert.Equal(ConnectionState.ConfigurationOutdated, report.Before.StateValue);
            Assert.Equal(FicheCase.Connected, report.FicheCaseValue);
            Assert.False(report.RestartNeeded);
            Assert.Equal(1, _snapshots);
        }

        [Fact]
        public void Ctrl_C_while_the_program_closes_never_leaves_it_closed()
        {
            Write(Legacy);
            var programs = new FakePrograms((Tray, 11)) { ExitsAfter = TimeSpan.FromMilliseconds(200) };
            using var stop = new CancellationTokenSource();
            stop.Cancel();
            var options = Options(programs, new FakeSession(), reachable: true);
            options.CancellationToken = stop.Token;

            // The stop waits for the program to close, then the command stops at its next step (or ends): either way
            // the program the repair closed is started again.
            try
            {
                Repairer.Repair(_folder, ConfigPath, LayoutTestData.DefaultLayout(), options);
            }
            catch (OperationCanceledException)
            {
            }

            Assert.Equal(new[] { "terminate 11", "start " + Executable }, programs.Calls);
        }

        [Theory]
        [InlineData("service")]
        [InlineData("remoting")]
        public void Without_a_desktop_the_settings_are_written_and_a_restart_is_reported_instead(string where)
        {
            Write(Legacy);
            var programs = new FakePrograms((Tray, 11));
            // The user's copy runs in the user's session 1.
            var session = where == "service" ? FakeSession.Service : FakeSession.Remoting;
            session.Sessions[11] = 1;

            var report = Repair(programs, session, reachable: true);

            Assert.Empty(programs.Calls);
            Assert.Contains("Mode=Securise", Settings, StringComparison.Ordinal);
            Assert.True(report.RestartNeeded);
            Assert.Contains(Text.Format("RepairRestartNeeded", Text.Format("RestartNeededNoDesktop", session.SessionId)), report.Actions);
            Assert.StartsWith(Text.Get("RepairNextRestartNeeded"), report.NextStep, StringComparison.Ordinal);
            Assert.Equal(FicheCase.Connected, report.FicheCaseValue);
        }

        [Fact]
        public void Without_a_desktop_and_no_program_running_no_restart_is_needed()
        {
            Write(Legacy);
            var programs = new FakePrograms();

            var report = Repair(programs, FakeSession.Service, reachable: true);

            Assert.Contains("Mode=Securise", Settings, StringComparison.Ordinal);
            Assert.False(report.RestartNeeded);
            Assert.Empty(programs.Calls);
            Assert.Equal(report.After!.NextStep, report.NextStep);
        }

        [Fact]
        public void On_a_terminal_server_other_users_copies_are_left_alone_and_reported()
        {
            Write(Legacy);
            var programs = new FakePrograms((Tray, 11), (Tray, 12));
            var session = new FakeSession { SessionId = 3 };
            session.Sessions[12] = 4;

            var report = Repair(programs, session, reachable: true);

            Assert.Equal(new[] { "terminate 11", "start " + Executable }, programs.Calls);
            Assert.True(report.RestartNeeded);
            Assert.Contains(Text.Format("RepairRestartNeeded", Text.Format("RestartNeededLeftRunning", 12)), report.Actions);
        }

        [Fact]
        public void Elevated_with_a_folder_users_can_change_the_program_is_not_stopped_and_the_report_says_why()
        {
            Write(Legacy);
            var programs = new FakePrograms((Tray, 11));
            var session = new FakeSession { IsElevated = true };
            session.WritableByUsers.Add(_folder);

            var report = Repair(programs, session, reachable: true);

            Assert.Empty(programs.Calls);
            Assert.Contains("Mode=Securise", Settings, StringComparison.Ordinal);
            Assert.True(report.RestartNeeded);
            Assert.Contains(report.Actions, a => a.Contains(ErrorIds.UnsafeProgramFolder, StringComparison.Ordinal));
        }

        [Fact]
        public void Unreachable_servers_retry_the_authentication_once_with_the_copy_the_repair_started()
        {
            Write(Legacy);
            var programs = new FakePrograms((Tray, 11));

            var report = Repair(programs, new FakeSession(), reachable: false);

            Assert.Equal(new[] { "terminate 11", "start " + Executable, "terminate 42", "start " + Executable }, programs.Calls);
            Assert.Equal(2, _testRuns);
            Assert.Contains(Text.Get("RepairAuthenticationRestarted"), report.Actions);
            Assert.Equal(FicheCase.ServersUnreachable, report.FicheCaseValue);
            Assert.Equal(2, report.Case);
            Assert.NotNull(report.SupportRequest);
            Assert.Equal(Text.Get("RepairSupportRequestReady"), report.Actions[^1]);
            Assert.False(report.RestartNeeded);
            Assert.Equal(1, _snapshots);
        }

        [Fact]
        public void Unreachable_servers_without_the_program_running_are_tested_once()
        {
            Write(Compliant);
            var programs = new FakePrograms();

            var report = Repair(programs, new FakeSession(), reachable: false);

            Assert.Empty(programs.Calls);
            Assert.Equal(1, _testRuns);
            Assert.Equal(FicheCase.ServersUnreachable, report.FicheCaseValue);
            Assert.False(report.RestartNeeded);
        }

        [Fact]
        public void Unreachable_servers_in_the_services_session_report_a_restart_instead_of_retrying()
        {
            Write(Compliant);
            var programs = new FakePrograms((Tray, 11));
            var session = FakeSession.Service;
            session.Sessions[11] = 1;

            var report = Repair(programs, session, reachable: false);

            Assert.Empty(programs.Calls);
            Assert.Equal(1, _testRuns);
            Assert.True(report.RestartNeeded);
            Assert.Equal(FicheCase.ServersUnreachable, report.FicheCaseValue);
            Assert.StartsWith(Text.Get("RepairNextRestartNeeded"), report.NextStep, StringComparison.Ordinal);
            Assert.EndsWith(report.After!.NextStep, report.NextStep, StringComparison.Ordinal);
        }

        [Fact]
        public void A_declined_retry_tests_once()
        {
            Write(Compliant);
            var programs = new FakePrograms((Tray, 11));

            var report = Repairer.Repair(_folder, ConfigPath, LayoutTestData.DefaultLayout(), Options(programs, new FakeSession(), reachable: false, confirm: false));

            Assert.Empty(programs.Calls);
            Assert.Equal(1, _testRuns);
            Assert.Equal(FicheCase.ServersUnreachable, report.FicheCaseValue);
        }

        [Fact]
        public void On_failure_assistance_mode_is_switched_on_and_the_case_stays_the_failures()
        {
            Write(Compliant);
            var options = Options(new FakePrograms(), new FakeSession(), reachable: false);
            options.EnableAssistanceModeOnFailure = true;

            var report = Repairer.Repair(_folder, ConfigPath, LayoutTestData.DefaultLayout(), options);

            Assert.Contains("Actif=1", Settings, StringComparison.Ordinal);
            Assert.Equal(FicheCase.ServersUnreachable, report.FicheCaseValue);
            Assert.Equal(ConnectionState.AssistanceMode, report.After!.StateValue);
            Assert.Equal(FicheCase.None, report.After.FicheCaseValue);
            Assert.NotEqual(report.After.NextStep, report.NextStep);
            // NextStep is the failure's (it names the unreachable server), not assistance mode's.
            Assert.Contains("Authentication https://impact-emploi.urssaf.fr (Timeout)", report.NextStep, StringComparison.Ordinal);
            Assert.NotNull(report.SupportRequest);
        }

        [Fact]
        public void When_assistance_mode_cannot_be_switched_on_the_report_still_comes_with_its_mail()
        {
            Write(Compliant);
            var before = File.ReadAllBytes(ConfigPath);
            var options = Options(new FakePrograms(("ImpactEmploi.exe", 5)), new FakeSession(), reachable: false);
            options.EnableAssistanceModeOnFailure = true;

            var report = Repairer.Repair(_folder, ConfigPath, LayoutTestData.DefaultLayout(), options);

            Assert.Equal(before, File.ReadAllBytes(ConfigPath));
            Assert.Equal(FicheCase.ServersUnreachable, report.FicheCaseValue);
            Assert.Equal(ConnectionState.Disconnected, report.After!.StateValue);
            Assert.NotNull(report.SupportRequest);
            Assert.StartsWith(Text.Format("RepairAssistanceNotEnabled", ErrorIds.ApplicationRunning, "").TrimEnd(), report.Actions[^1], StringComparison.Ordinal);
        }

        [Fact]
        public void Refused_authorisation_is_case_3_without_a_restart()
        {
            Write(Compliant.Replace("Resultat=OK", "Resultat=AutorisationRefusee", StringComparison.Ordinal));
            var programs = new FakePrograms((Tray, 11));

            var report = Repair(programs, new FakeSession(), reachable: true);

            Assert.Equal(FicheCase.Refused, report.FicheCaseValue);
            Assert.Equal(3, report.Case);
            Assert.NotNull(report.SupportRequest);
            Assert.Empty(programs.Calls);
        }

        [Fact]
        public void Assistance_mode_without_the_password_of_the_day_is_refused_and_nothing_changes()
        {
            Write(Legacy.Replace("Actif=0", "Actif=1", StringComparison.Ordinal));
            var before = File.ReadAllBytes(ConfigPath);
            var programs = new FakePrograms((Tray, 11));

            var error = Assert.Throws<IeaException>(() => Repair(programs, new FakeSession(), reachable: true));

            Assert.Equal(ErrorIds.AssistanceModeActive, error.ErrorId);
            Assert.Equal(before, File.ReadAllBytes(ConfigPath));
            Assert.Empty(programs.Calls);
        }

        [Fact]
        public void Assistance_mode_is_left_with_the_password_of_the_day_then_the_fiche_is_applied()
        {
            Write(Legacy.Replace("Actif=0", "Actif=1", StringComparison.Ordinal));
            var options = Options(new FakePrograms(), new FakeSession(), reachable: true);
            options.DailyPassword = "Jour-42";

            var report = Repairer.Repair(_folder, ConfigPath, LayoutTestData.DefaultLayout(), options);

            Assert.Contains("Actif=0", Settings, StringComparison.Ordinal);
            Assert.Contains("MotDePasseDuJour=Jour-42", Settings, StringComparison.Ordinal);
            Assert.Contains("Mode=Securise", Settings, StringComparison.Ordinal);
            Assert.Equal(ConnectionState.AssistanceMode, report.Before!.StateValue);
            Assert.Equal(FicheCase.Connected, report.FicheCaseValue);
            Assert.DoesNotContain(report.Actions, a => a.Contains("Jour-42", StringComparison.Ordinal));
        }

        [Fact]
        public void WhatIf_writes_nothing_stops_nothing_and_tests_nothing()
        {
            Write(Legacy);
            var before = File.ReadAllBytes(ConfigPath);
            var programs = new FakePrograms((Tray, 11));

            var report = Repairer.Repair(_folder, ConfigPath, LayoutTestData.DefaultLayout(), Options(programs, new FakeSession(), reachable: true, confirm: false));

            Assert.Equal(before, File.ReadAllBytes(ConfigPath));
            Assert.Empty(programs.Calls);
            Assert.Equal(0, _testRuns);
            Assert.Equal(Text.Get("RepairWouldTest"), report.Actions[^1]);
            Assert.StartsWith(Text.Format("RepairWould", "").TrimEnd(), report.Actions[0], StringComparison.Ordinal);
            Assert.Equal(FicheCase.None, report.FicheCaseValue);
            Assert.False(report.RestartNeeded);
        }

        [Fact]
        public void While_IEA_runs_the_write_is_refused_and_the_program_is_not_stopped()
        {
            Write(Legacy);
            var programs = new FakePrograms((Tray, 11), ("ImpactEmploi.exe", 5));

            var error = Assert.Throws<IeaException>(() => Repair(programs, new FakeSession(), reachable: true));

            Assert.Equal(ErrorIds.ApplicationRunning, error.ErrorId);
            Assert.Empty(programs.Calls);
            Assert.Equal(1, _snapshots);
        }

        [Fact]
        public void Forced_while_IEA_runs_the_program_keeps_running_and_a_restart_is_needed()
        {
            Write(Legacy);
            var programs = new FakePrograms((Tray, 11), ("ImpactEmploi.exe", 5));
            var options = Options(programs, new FakeSession(), reachable: true);
            options.Force = true;

            var report = Repairer.Repair(_folder, ConfigPath, LayoutTestData.DefaultLayout(), options);

            Assert.Contains("Mode=Securise", Settings, StringComparison.Ordinal);
            Assert.Empty(programs.Calls);
            Assert.True(report.RestartNeeded);
            Assert.Contains(Text.Format("RepairRestartNeeded", Text.Format("RestartNeededLeftRunning", 11)), report.Actions);
        }

        private IeaRepairReport Repair(FakePrograms programs, FakeSession session, bool reachable) =>
            Repairer.Repair(_folder, ConfigPath, LayoutTestData.DefaultLayout(), Options(programs, session, reachable));

        private RepairOptions Options(FakePrograms programs, FakeSession session, bool reachable, bool confirm = true) => new RepairOptions
        {
            Programs = programs,
            Processes = new LazyProcessTable(() =>
            {
                _snapshots++;
                return programs;
            }),
            Session = session,
            Confirm = (_, _) => confirm,
            ComputerName = "PC-TEST",
            TestServers = config =>
            {
                _testRuns++;
                return ServerTests(reachable);
            },
        };

        private static IeaServerTestResult[] ServerTests(bool reachable) => new[]
        {
            new IeaServerTestResult { RoleValue = ServerRole.Authentication, Uri = "https://impact-emploi.urssaf.fr", Reachable = reachable, FailureValue = reachable ? ProbeFailure.None : ProbeFailure.Timeout },
            new IeaServerTestResult { RoleValue = ServerRole.Update, Uri = "https://impact-emploi.urssaf.fr/updates", Reachable = true },
            new IeaServerTestResult { RoleValue = ServerRole.NetEntreprises, Uri = "https://services.net-entreprises.fr/authentifier/1.0/", Reachable = true },
        };

        private void Write(string text) => File.WriteAllBytes(ConfigPath, TextEncodings.Windows1252.GetBytes(text));
    }
}
