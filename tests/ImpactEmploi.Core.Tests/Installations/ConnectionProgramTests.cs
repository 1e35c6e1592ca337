using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Installations;
using ImpactEmploi.Tests.Installations;
using ImpactEmploi.Tests.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Installations
{
    public sealed class ConnectionProgramTests : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iea-cp-" + Guid.NewGuid().ToString("N"))).FullName;

        public ConnectionProgramTests() => File.WriteAllText(Executable, "");

        private string Executable => Path.Combine(_folder, "ServeurConnexion.exe");

        public void Dispose() => Directory.Delete(_folder, true);

        [Fact]
        public void Stops_every_instance_running_from_the_installation_then_starts_the_program_from_it()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11), ("ServeurConnexion.exe", 12));
            var outcome = Restart(programs, new FakeSession());
            Assert.Equal(new[] { "terminate 11", "terminate 12", "start " + Executable }, programs.Calls);
            Assert.Equal(42, outcome.StartedProcessId);
            Assert.Equal(new[] { 11, 12 }, outcome.Stopped);
            Assert.False(outcome.RestartNeeded);
        }

        [Fact]
        public void Does_nothing_when_declined()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11));
            var outcome = ConnectionProgram.Restart(_folder, LayoutTestData.DefaultLayout(), programs, programs, new FakeSession(), (_, _) => false);
            Assert.True(outcome.IsDeclined);
            Assert.Empty(programs.Calls);
        }

        [Fact]
        public void A_missing_program_is_reported_and_nothing_is_stopped()
        {
            File.Delete(Executable);
            var programs = new FakePrograms(("ServeurConnexion.exe", 11));
            var error = Assert.Throws<IeaException>(() => Restart(programs, new FakeSession()));
            Assert.Equal(ErrorIds.InstallationNotFound, error.ErrorId);
            Assert.Empty(programs.Calls);
        }

        [Fact]
        public void On_a_terminal_server_only_the_callers_copy_is_restarted()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11), ("ServeurConnexion.exe", 12));
            var session = new FakeSession { SessionId = 3 };
            session.Sessions[12] = 4;
            var outcome = Restart(programs, session);
            Assert.Equal(new[] { "terminate 11", "start " + Executable }, programs.Calls);
            Assert.Equal(new[] { 12 }, outcome.Copies.Others);
        }

        [Fact]
        public void A_process_whose_session_cannot_be_read_is_left_alone()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11));
            var session = new FakeSession();
            session.Sessions[11] = -1;
            Restart(programs, session);
            Assert.Equal(new[] { "start " + Executable }, programs.Calls);
        }

        [Fact]
        public void In_the_services_session_nothing_is_stopped_or_started_and_a_restart_is_needed()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11));
            var outcome = Restart(programs, FakeSession.Service);
            Assert.True(outcome.RestartNeeded);
            Assert.Null(outcome.StartedProcessId);
            Assert.Empty(programs.Calls);
        }

        [Fact]
        public void Over_remoting_nothing_is_stopped_or_started()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11));
            Assert.True(Restart(programs, FakeSession.Remoting).RestartNeeded);
            Assert.Empty(programs.Calls);
        }

        [Fact]
        public void SYSTEM_in_a_desktop_session_does_not_start_the_program_either()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11));
            Assert.True(Restart(programs, new FakeSession { IsSystem = true, IsElevated = true }).RestartNeeded);
            Assert.Empty(programs.Calls);
        }

        [Fact]
        public void Elevated_it_refuses_a_folder_users_can_change_before_stopping_anything()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11));
            var session = new FakeSession { IsElevated = true };
            session.WritableByUsers.Add(_folder);
            var error = Assert.Throws<IeaException>(() => Restart(programs, session));
            Assert.Equal(ErrorIds.UnsafeProgramFolder, error.ErrorId);
            Assert.Equal(IeaErrorCategory.SecurityError, error.Category);
            Assert.Contains(_folder, error.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
            Assert.Empty(programs.Calls);
        }

        [Fact]
        public void Elevated_it_refuses_a_program_file_users_can_change()
        {
            var programs = new FakePrograms();
            var session = new FakeSession { IsElevated = true };
            session.WritableByUsers.Add(Executable);
            Assert.Equal(ErrorIds.UnsafeProgramFolder, Assert.Throws<IeaException>(() => Restart(programs, session)).ErrorId);
            Assert.Empty(programs.Calls);
        }

        [Fact]
        public void Not_elevated_the_folder_permissions_do_not_matter()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11));
            var session = new FakeSession();
            session.WritableByUsers.Add(_folder);
            Restart(programs, session);
            Assert.Equal(new[] { "terminate 11", "start " + Executable }, programs.Calls);
        }

        [Fact]
        public void Elevated_from_a_folder_only_administrators_can_change_it_restarts()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11));
            Restart(programs, new FakeSession { IsElevated = true });
            Assert.Equal(new[] { "terminate 11", "start " + Executable }, programs.Calls);
        }

        [Fact]
        public async Task Cancelling_ends_the_wait_for_a_copy_that_never_exits_and_starts_nothing()
        {
            var programs = new FakePrograms(("ServeurConnexion.exe", 11), ("ServeurConnexion.exe", 12)) { NeverExit = true };
            using var stop = new CancellationTokenSource();
            var restart = Task.Run(() => ConnectionProgram.Restart(_folder, LayoutTestData.DefaultLayout(), programs, programs, new FakeSession(),
                (_, _) => true, stop.Token));
            // Hang guards only: Restart reaches the wait at all, and ends at all once cancelled (unheard, it waits 10 s per copy, then starts one).
            Assert.Same(programs.Waiting, await Task.WhenAny(programs.Waiting, Task.Delay(TimeSpan.FromSeconds(30))));
            await stop.CancelAsync();
            Assert.Same(restart, await Task.WhenAny(restart, Task.Delay(TimeSpan.FromSeconds(30))));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restart);
            Assert.Equal(new[] { "terminate 11" }, programs.Calls);
        }

        private RestartOutcome Restart(FakePrograms programs, FakeSession session) =>
            ConnectionProgram.Restart(_folder, LayoutTestData.DefaultLayout(), programs, programs, session, (_, _) => true);
    }
}
