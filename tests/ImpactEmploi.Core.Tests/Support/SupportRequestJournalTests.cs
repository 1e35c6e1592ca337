using System;
using System.IO;
using System.Text;
using ImpactEmploi.Support;
using Xunit;

namespace ImpactEmploi.Tests.Support
{
    public class SupportRequestJournalTests
    {
        private static readonly DateTimeOffset Created = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
        private static readonly TimeSpan Week = TimeSpan.FromDays(7);

        private static IeaSupportRequest Request(string path, string subject = "Serveur de connexion 3.00.72", DateTimeOffset? created = null) =>
            new IeaSupportRequest
            {
                To = SupportRequestBuilder.SupportAddress, Subject = subject, Body = "...", Path = path,
                CreatedAt = created ?? Created, OutFile = Path.Combine(path, "demande.eml"),
            };

        [Fact]
        public void A_request_is_found_within_7_days_and_not_after()
        {
            using var folder = new TempFolder();
            string installation = folder.File("IEA");
            var journal = new SupportRequestJournal(folder.File("state"));
            journal.Record(Request(installation));

            var found = journal.FindRecent(installation, "Serveur de connexion 3.00.72", Created.AddDays(6.9), Week);

            Assert.NotNull(found);
            Assert.Equal(Created, found!.CreatedAt);
            Assert.Equal(Path.Combine(installation, "demande.eml"), found.File);
            Assert.Equal(installation, found.Path);
            Assert.Null(journal.FindRecent(installation, "Serveur de connexion 3.00.72", Created.AddDays(7.1), Week));
        }

        [Fact]
        public void Another_installation_or_subject_is_not_a_duplicate()
        {
            using var folder = new TempFolder();
            var journal = new SupportRequestJournal(folder.Path);
            journal.Record(Request(folder.File("IEA")));

            Assert.Null(journal.FindRecent(folder.File("IEA2"), "Serveur de connexion 3.00.72", Created, Week));
            Assert.Null(journal.FindRecent(folder.File("IEA"), "Serveur de connexion 3.00.80", Created, Week));
        }

        [Fact]
        public void The_same_folder_written_another_way_is_the_same_installation()
        {
            using var folder = new TempFolder();
            var journal = new SupportRequestJournal(folder.Path);
            journal.Record(Request(folder.File("IEA")));

            Assert.NotNull(journal.FindRecent(folder.File("iea") + Path.DirectorySeparatorChar, "serveur de connexion 3.00.72", Created, Week));
        }

        [Fact]
        public void The_latest_of_several_requests_is_returned()
        {
            using var folder = new TempFolder();
            var journal = new SupportRequestJournal(folder.Path);
            string installation = folder.File("IEA");
            journal.Record(Request(installation, created: Created));
            journal.Record(Request(installation, created: Created.AddDays(2)));
            journal.Record(Request(installation, created: Created.AddDays(1)));

            Assert.Equal(Created.AddDays(2), journal.FindRecent(installation, "Serveur de connexion 3.00.72", Created.AddDays(3), Week)!.CreatedAt);
        }

        [Fact]
        public void A_missing_journal_finds_nothing()
        {
            using var folder = new TempFolder();

            Assert.Null(new SupportRequestJournal(folder.File("never-created")).FindRecent(folder.File("IEA"), "x", Created, Week));
        }

        [Fact]
        public void Garbage_lines_are_ignored_even_a_cut_last_line()
        {
            using var folder = new TempFolder();
            var journal = new SupportRequestJournal(folder.Path);
            string installation = folder.File("IEA");
            File.WriteAllBytes(journal.FilePath, new byte[] { 0xFF, 0xFE, 0x00, 0x0A, 0xC3, 0x28, 0x0A });
            File.AppendAllText(journal.FilePath, "v1\tnot-a-date\ta\tb\tc\nv1\t2026\nhello\n\n\t\t\t\t\n", Encoding.UTF8);
            File.AppendAllText(journal.FilePath, "v1\t2026-03-02T09:00:00.0000000+01:00\t%2Ftmp", Encoding.UTF8);

            journal.Record(Request(installation));

            Assert.NotNull(journal.FindRecent(installation, "Serveur de connexion 3.00.72", Created.AddDays(1), Week));
        }

        [Fact]
        public void Fields_with_tabs_and_line_breaks_round_trip()
        {
            using var folder = new TempFolder();
            var journal = new SupportRequestJournal(folder.Path);
            string installation = folder.File("IEA\tdeux");
            journal.Record(Request(installation, "Serveur\tde\nconnexion 100%"));

            var found = journal.FindRecent(installation, "Serveur\tde\nconnexion 100%", Created, Week);

            Assert.NotNull(found);
            Assert.Single(File.ReadAllLines(journal.FilePath));
        }

        [Fact]
        public void A_request_without_an_installation_is_refused()
        {
            using var folder = new TempFolder();

            Assert.Throws<ArgumentException>(() => new SupportRequestJournal(folder.Path).Record(Request("")));
        }
    }
}
