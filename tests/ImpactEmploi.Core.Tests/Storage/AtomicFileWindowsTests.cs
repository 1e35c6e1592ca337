using System;
using System.IO;
using ImpactEmploi.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Storage
{
    public class AtomicFileWindowsTests
    {
        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_file_another_program_keeps_open_gives_ConfigLocked_and_stays_whole()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "Only Windows refuses to replace a file another program keeps open without delete sharing.");
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iea-inuse-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                var path = Path.Combine(folder, "ImpactEmploi.ini");
                File.WriteAllText(path, "[Connexion]\r\nMode=Normal\r\n");
                using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    var error = Assert.Throws<IeaException>(() => AtomicFile.Replace(path, new byte[] { 65 }));
                    Assert.Equal(ErrorIds.ConfigLocked, error.ErrorId);
                }

                Assert.Equal("[Connexion]\r\nMode=Normal\r\n", File.ReadAllText(path));
                Assert.Single(Directory.GetFiles(folder));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
