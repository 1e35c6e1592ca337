using System;
using System.IO;
using System.Linq;
using System.Text;
using ImpactEmploi.Support;
using ImpactEmploi.Tests.Diagnosis;
using Xunit;

namespace ImpactEmploi.Tests.Support
{
    public class EmlWriterTests
    {
        private static IeaSupportRequest Request()
        {
            using var culture = new UICulture("fr-FR");
            return SupportRequestBuilder.Build(SupportRequestBuilderTests.Case2(), "3.00.72", SupportRequestBuilderTests.Contact,
                "0.1.0", SupportRequestBuilderTests.Now);
        }

        private static void AssertCrLfOnly(byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == '\n') Assert.True(i > 0 && bytes[i - 1] == '\r', "bare LF at " + i);
                if (bytes[i] == '\r') Assert.True(i + 1 < bytes.Length && bytes[i + 1] == '\n', "bare CR at " + i);
            }
            Assert.True(bytes.Length > 2 && bytes[^2] == '\r' && bytes[^1] == '\n', "ends with CRLF");
        }

        [Fact]
        public void The_file_reads_back_as_an_unsent_UTF8_draft_with_CRLF_everywhere()
        {
            using var folder = new TempFolder();
            var request = Request();
            string path = folder.File("demande.eml");

            EmlWriter.Write(request, path, null);

            byte[] bytes = File.ReadAllBytes(path);
            Assert.All(bytes, b => Assert.True(b < 128, "headers and base64 body are ASCII"));
            AssertCrLfOnly(bytes);
            var eml = new EmlReader(bytes);
            Assert.Equal("1", eml.Header("X-Unsent"));
            Assert.Equal("impact-emploi-association@urssaf.fr", eml.Header("To"));
            Assert.Null(eml.Header("From"));
            Assert.Equal("Serveur de connexion 3.00.72", eml.DecodedHeader("Subject"));
            Assert.Equal("1.0", eml.Header("MIME-Version"));
            Assert.Equal("text/plain; charset=utf-8", eml.Header("Content-Type"));
            Assert.Equal("base64", eml.Header("Content-Transfer-Encoding"));
            Assert.Equal("Tue, 19 Mar 2019 10:30:00 +0100", eml.Header("Date"));
            Assert.Equal(SupportRequestBuilderTests.Now, DateTimeOffset.Parse(eml.Header("Date")!, System.Globalization.CultureInfo.InvariantCulture));
            string body = eml.DecodedBody();
            Assert.Equal(request.Body, body);
            Assert.Contains("Organisme : Association Les Amis de l'Été", body, StringComparison.Ordinal);
            Assert.Contains("Hélène Dupré", body, StringComparison.Ordinal);
            Assert.All(eml.RawBody.Split("\r\n"), line => Assert.True(line.Length <= 76));
            Assert.Equal(Path.GetFullPath(path), request.OutFile);
        }

        [Fact]
        public void A_non_ASCII_subject_is_encoded_in_RFC_2047_words_on_short_lines()
        {
            var request = Request();
            request.Subject = "Serveur de connexion 3.00.72 – Association Les Amis de l'Été, à Saint-Étienne 🎉 (tiers de confiance)";

            var bytes = EmlWriter.ToBytes(request, null);

            var eml = new EmlReader(bytes);
            Assert.Equal(request.Subject, eml.DecodedHeader("Subject"));
            Assert.StartsWith("Subject: =?utf-8?B?", eml.RawHeaders.Split("\r\n").Single(l => l.StartsWith("Subject:", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.True(eml.RawHeaders.Split("\r\n").Count(l => l.StartsWith(' ')) >= 2, "folded onto continuation lines");
            Assert.All(eml.RawHeaders.Split("\r\n"), line => Assert.True(line.Length <= 76, line));
            AssertCrLfOnly(bytes);
        }

        [Fact]
        public void An_ASCII_subject_that_looks_encoded_is_encoded()
        {
            var request = Request();
            request.Subject = "Serveur de connexion =?utf-8?B?QQ==?=";

            var eml = new EmlReader(EmlWriter.ToBytes(request, null));

            Assert.Equal(request.Subject, eml.DecodedHeader("Subject"));
        }

        [Fact]
        public void Line_breaks_in_the_body_become_CRLF_and_the_subject_cannot_add_a_header()
        {
            var request = Request();
            request.Body = "un\ndeux\rtrois\r\nquatre";
            request.Subject = "Serveur de connexion 3.00.72\r\nBcc: spy@example.test";

            var bytes = EmlWriter.ToBytes(request, null);

            var eml = new EmlReader(bytes);
            Assert.Equal("un\r\ndeux\r\ntrois\r\nquatre", eml.DecodedBody());
            Assert.Null(eml.Header("Bcc"));
            Assert.Equal("Serveur de connexion 3.00.72  Bcc: spy@example.test", eml.DecodedHeader("Subject"));
            AssertCrLfOnly(bytes);
        }

        [Fact]
        public void From_is_written_when_given()
        {
            var eml = new EmlReader(EmlWriter.ToBytes(Request(), " tresorier@amis-ete.example "));

            Assert.Equal("tresorier@amis-ete.example", eml.Header("From"));
            Assert.Equal("X-Unsent", eml.Headers[0].Name);
        }

        [Theory]
        [InlineData("not an address")]
        [InlineData("Hélène <helene@example.test>")]
        [InlineData("a@example.test\r\nBcc: spy@example.test")]
        [InlineData("hélène@example.test")]
        public void A_from_that_is_not_a_plain_address_is_refused(string from)
        {
            Assert.Throws<ArgumentException>(() => EmlWriter.ToBytes(Request(), from));
        }

        [Fact]
        public void A_to_that_would_inject_a_header_is_refused()
        {
            var request = Request();
            request.To = "impact-emploi-association@urssaf.fr\r\nBcc: spy@example.test";

            Assert.Throws<ArgumentException>(() => EmlWriter.ToBytes(request, null));
        }

        [Fact]
        public void Writing_replaces_an_existing_file_and_leaves_no_temp_file()
        {
            using var folder = new TempFolder();
            string path = folder.File("demande.eml");
            File.WriteAllText(path, "old");

            EmlWriter.Write(Request(), path, null);

            Assert.StartsWith("X-Unsent: 1\r\n", File.ReadAllText(path, Encoding.ASCII), StringComparison.Ordinal);
            Assert.Equal(new[] { path }, Directory.GetFiles(folder.Path));
        }

        [Fact]
        public void A_missing_folder_is_an_error_and_writes_nothing()
        {
            using var folder = new TempFolder();
            var request = Request();

            Assert.ThrowsAny<IOException>(() => EmlWriter.Write(request, folder.File(Path.Combine("missing", "demande.eml")), null));
            Assert.Null(request.OutFile);
            Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        }

        [Theory]
        [InlineData(0, "+0000")]
        [InlineData(-210, "-0330")]
        [InlineData(345, "+0545")]
        public void The_date_has_an_RFC_5322_zone(int minutes, string zone)
        {
            var date = new DateTimeOffset(2026, 1, 5, 8, 4, 3, TimeSpan.FromMinutes(minutes));

            Assert.Equal("Mon, 05 Jan 2026 08:04:03 " + zone, EmlWriter.RfcDate(date));
        }
    }
}
