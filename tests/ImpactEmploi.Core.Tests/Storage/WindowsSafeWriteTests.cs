using System;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Storage
{
    /// <summary>The Windows side of the safe write: access lists copied onto the copies, a passing sharing violation retried.</summary>
    [SupportedOSPlatform("windows")]
    public class WindowsSafeWriteTests
    {
        private const string Before = "[Connexion]\r\nMode=Normal\r\n";
        private const string After = "[Connexion]\r\nMode=Securise\r\n";
        private static readonly SecurityIdentifier Users = new SecurityIdentifier(WellKnownSidType.BuiltinUsersSid, null);

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_settings_file_Users_may_not_read_gives_backups_and_a_backup_folder_they_may_not_read_either()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "Windows access lists.");
            using var config = new TempConfig(Before);
            var file = new FileInfo(config.ConfigPath);
            var security = new FileSecurity();
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            security.AddAccessRule(new FileSystemAccessRule(WindowsIdentity.GetCurrent().User!, FileSystemRights.FullControl, AccessControlType.Allow));
            security.AddAccessRule(new FileSystemAccessRule(new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null), FileSystemRights.FullControl, AccessControlType.Allow));
            file.SetAccessControl(security);

            using (var tx = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5)))
            {
                tx.Commit(Encoding.ASCII.GetBytes(After));
            }

            Assert.Equal(After, config.Text);
            Assert.False(GrantsRead(new FileInfo(config.ConfigPath).GetAccessControl().GetAccessRules(true, true, typeof(SecurityIdentifier))));
            string backup = Assert.Single(new BackupStore(config.ConfigPath).List()).BackupPath;
            Assert.False(GrantsRead(new FileInfo(backup).GetAccessControl().GetAccessRules(true, true, typeof(SecurityIdentifier))));
            Assert.False(GrantsRead(new DirectoryInfo(config.BackupFolder).GetAccessControl().GetAccessRules(true, true, typeof(SecurityIdentifier))));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_sharing_violation_that_passes_is_retried_and_the_write_goes_through()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "Only Windows refuses to replace a file another program keeps open without delete sharing.");
            using var config = new TempConfig(Before);
            var scanner = new FileStream(config.ConfigPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            Task release = Task.Run(() =>
            {
                Thread.Sleep(1000);
                scanner.Dispose();
            });

            using (var tx = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(30)))
            {
                tx.Commit(Encoding.ASCII.GetBytes(After));
            }

            release.Wait();
            Assert.Equal(After, config.Text);
            Assert.Single(new BackupStore(config.ConfigPath).List());
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_read_only_file_is_refused_as_read_only_with_no_backup()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "The Windows read-only attribute.");
            using var config = new TempConfig(Before);
            File.SetAttributes(config.ConfigPath, FileAttributes.ReadOnly);
            try
            {
                var ex = Assert.Throws<IeaException>(() =>
                {
                    using var tx = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5));
                    tx.Commit(Encoding.ASCII.GetBytes(After));
                });

                Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
                Assert.Contains("read-only", ex.Message, StringComparison.Ordinal);
                Assert.Equal(Before, config.Text);
                Assert.Empty(new BackupStore(config.ConfigPath).List());
            }
            finally
            {
                File.SetAttributes(config.ConfigPath, FileAttributes.Normal);
            }
        }

        private static bool GrantsRead(AuthorizationRuleCollection rules) =>
            rules.Cast<FileSystemAccessRule>().Any(rule => rule.AccessControlType == AccessControlType.Allow &&
                rule.IdentityReference.Equals(Users) && (rule.FileSystemRights & FileSystemRights.ReadData) != 0);
    }
}
