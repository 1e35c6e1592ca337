using ImpactEmploi.Storage;
using ImpactEmploi.Tests.Diagnosis;
using Xunit;

namespace ImpactEmploi.Tests.Storage
{
    public sealed class StorageErrorsTests
    {
        [Theory]
        [InlineData("en-US", "Fifo", "not a regular file but a FIFO (named pipe);")]
        [InlineData("en-US", "Socket", "not a regular file but a socket;")]
        [InlineData("fr-FR", "Fifo", "pas un fichier ordinaire mais un tube nommé (FIFO) ;")]
        [InlineData("fr-FR", "Device", "pas un fichier ordinaire mais un périphérique ;")]
        public void A_file_that_is_not_regular_is_named_by_its_kind_in_the_users_language(string culture, string kind, string expected)
        {
            using (new UICulture(culture))
            {
                var error = StorageErrors.NotRegular("/iea/ImpactEmploi.ini", new NotRegularFileException("/iea/ImpactEmploi.ini", System.Enum.Parse<FileKind>(kind)));
                Assert.Contains(expected, error.Message, System.StringComparison.Ordinal);
            }
        }
    }
}
