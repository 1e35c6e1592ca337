using System;
using System.Collections.Generic;
using System.IO;
using ImpactEmploi.Installations;
using Xunit;

namespace ImpactEmploi.Tests.Foundation
{
    public sealed class ConnectionProgramTests : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iea-cp-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_folder, true);

        [Fact]
        public void Stops_every_instance_running_from_the_installation_then_starts_the_program_from_it()
        {
            File.WriteAllText(Path.Combine(_folder, "ServeurConnexion.exe"), "");
            var control = new FakeControl();
            var outcome = ConnectionProgram.Restart(_folder, LayoutTestData.DefaultLayout(), new FakeProcesses(11, 12), control, (_, _) => true);
            Assert.Equal(new[] { "terminate 11", "terminate 12", "start " + Path.Combine(_folder, "ServeurConnexion.exe") }, control.Calls);
            Assert.Equal(42, outcome.StartedProcessId);
            Assert.Equal(new[] { 11, 12 }, outcome.Stopped);
        }

        [Fact]
        public void Does_nothing_when_declined()
        {
            File.WriteAllText(Path.Combine(_folder, "ServeurConnexion.exe"), "");
            var control = new FakeControl();
            var outcome = ConnectionProgram.Restart(_folder, LayoutTestData.DefaultLayout(), new FakeProcesses(11), control, (_, _) => false);
            Assert.True(outcome.Declined);
            Assert.Empty(control.Calls);
        }

        [Fact]
        public void A_missing_program_is_reported_and_nothing_is_stopped()
        {
            var control = new FakeControl();
            var error = Assert.Throws<IeaException>(() =>
                ConnectionProgram.Restart(_folder, LayoutTestData.DefaultLayout(), new FakeProcesses(11), control, (_, _) => true));
            Assert.Equal(ErrorIds.InstallationNotFound, error.ErrorId);
            Assert.Empty(control.Calls);
        }

        private sealed class FakeProcesses : IProcessTable
        {
            private readonly int[] _ids;

            public FakeProcesses(params int[] ids) => _ids = ids;

            public bool IsRunning(string imageName, string folder) => _ids.Length > 0;

            public IReadOnlyList<int> Find(string imageName, string folder) => imageName == "ServeurConnexion.exe" ? _ids : Array.Empty<int>();
        }

        private sealed class FakeControl : IProgramControl
        {
            public List<string> Calls { get; } = new List<string>();

            public void Terminate(int processId, TimeSpan grace) => Calls.Add("terminate " + processId);

            public int Start(string executablePath)
            {
                Calls.Add("start " + executablePath);
                return 42;
            }
        }
    }
}
