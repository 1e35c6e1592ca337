using System;
using System.Text;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>Damaged registry backups: Parse returns what was saved or throws ConfigUnreadable, nothing else.</summary>
    public class RegistryBackupFuzzTests
    {
        [Fact]
        public void Any_bytes_give_a_backup_or_ConfigUnreadable()
        {
            var random = new Random(20260319);
            var location = RegistryLocation.Parse("HKLM:\\SOFTWARE\\URSSAF\\ImpactEmploi", "Mode", RegistryView.Registry32, RegistryValueKind.String)!;
            var port = RegistryLocation.Parse("HKU:\\S-1-5-21-1\\Software\\IEA", "Port", RegistryView.Default, RegistryValueKind.DWord)!;
            int accepted = 0;
            for (int n = 0; n < 10000; n++)
            {
                var file = new byte[random.Next(20)];
                random.NextBytes(file);
                var saved = new RegistryBackup(file, new[] { (location, random.Next(3) == 0 ? null : "S\u00e9curis\u00e9\t%" + n), (port, (string?)n.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                var input = PropertiesFuzzTests.Damage(random, saved.ToBytes(), n % 4);
                try
                {
                    var read = RegistryBackup.Parse(input, "fuzz.bak");
                    accepted++;
                    if (n % 4 == 0)
                    {
                        Assert.Equal(saved.FileBytes, read.FileBytes);
                        Assert.Equal(saved.Values, read.Values);
                    }
                }
                catch (IeaException ex) when (ex.ErrorId == ErrorIds.ConfigUnreadable)
                {
                    Assert.NotEqual(0, n % 4);
                }
            }

            Assert.True(accepted >= 2500, "accepted " + accepted);
        }
    }
}
