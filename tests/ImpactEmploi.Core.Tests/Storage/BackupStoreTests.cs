using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ImpactEmploi.Resources;
using ImpactEmploi.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Storage
{
    public class BackupStoreTests
    {
        [Fact]
        public void List_is_empty_and_creates_nothing_when_there_is_no_backup_folder()
        {
            using var config = new TempConfig();
            var store = new BackupStore(config.ConfigPath);

            Assert.Empty(store.List());
            Assert.Equal(config.BackupFolder, store.Folder);
            Assert.False(Directory.Exists(config.BackupFolder));
        }

        [Fact]
        public void Backups_made_in_the_same_millisecond_are_listed_newest_first_and_foreign_files_are_ignored()
        {
            using var config = new TempConfig();
            var store = new BackupStore(config.ConfigPath, keep: 3);
            IeaConfigBackup[] made = Enumerable.Range(1, 5).Select(i => store.Create(new byte[] { (byte)i })).ToArray();
            File.WriteAllText(Path.Combine(store.Folder, "ImpactEmploi.ini.notastamp.bak"), "x");
            File.WriteAllText(Path.Combine(store.Folder, "Other.ini.20200101T000000000Z.bak"), "x");

            var listed = store.List();

            Assert.Equal(new byte[] { 5, 4, 3 }, listed.Select(b => File.ReadAllBytes(b.BackupPath).Single()));
            Assert.Equal(made.Reverse().Take(3).Select(b => b.BackupPath), listed.Select(b => b.BackupPath));
            Assert.All(listed, b => Assert.Matches(@"ImpactEmploi\.ini\.\d{8}T\d{9}Z(-\d+)?\.bak$", b.BackupPath));
            Assert.All(listed, b => Assert.Equal(1, b.Length));
            Assert.False(File.Exists(made[0].BackupPath));
        }

    }
}
