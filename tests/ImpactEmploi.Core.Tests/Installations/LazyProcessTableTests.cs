using System;
using System.Collections.Generic;
using System.IO;
using ImpactEmploi.Configuration;
using ImpactEmploi.Installations;
using ImpactEmploi.Tests.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Installations
{
    public sealed class LazyProcessTableTests : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iea-lazy-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_folder, true);

        [Fact]
        public void The_table_is_read_on_the_first_question_and_only_once()
        {
            var reads = 0;
            var table = new LazyProcessTable(() =>
            {
                reads++;
                return new OneProcess();
            });
            Assert.False(table.IsRead);
            Assert.Equal(0, reads);
            Assert.True(table.IsRunning("ImpactEmploi.exe", _folder));
            Assert.Equal(new[] { 7 }, table.Find("ImpactEmploi.exe", _folder));
            Assert.False(table.IsRunning("Other.exe", _folder));
            Assert.True(table.IsRead);
            Assert.Equal(1, reads);
        }

        [Fact]
        public void A_write_with_nothing_to_change_never_reads_the_process_table()
        {
            var config = Path.Combine(_folder, "ImpactEmploi.ini");
            File.WriteAllBytes(config, TextEncodings.Windows1252.GetBytes(
                "[Connexion]\r\nType=Direct\r\nMode=Securise\r\nServeurAuthentification=https://impact-emploi.urssaf.fr\r\n" +
                "ServeurMiseAJour=https://impact-emploi.urssaf.fr/updates\r\n" +
                "AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/\r\n[Assistance]\r\nActif=0\r\n"));
            var layout = LayoutTestData.DefaultLayout();
            var table = new LazyProcessTable(() => throw new InvalidOperationException("The process table was read."));

            var result = ConfigEditor.Update(_folder, config, layout, DesiredSettings.Recommended(layout.Recommended),
                new UpdateOptions { Processes = table });

            Assert.Empty(result.Changes);
            Assert.False(table.IsRead);
        }

        private sealed class OneProcess : IProcessTable
        {
            public bool IsRunning(string imageName, string folder) => Find(imageName, folder).Count > 0;

            public IReadOnlyList<int> Find(string imageName, string folder) => imageName == "ImpactEmploi.exe" ? new[] { 7 } : Array.Empty<int>();
        }
    }
}
