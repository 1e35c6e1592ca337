using System;
using System.IO;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using System.Text;
using ImpactEmploi.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Storage
{
    /// <summary>A folder the writer may not write to gives ConfigAccessDenied and leaves the file as it was.</summary>
    public class AccessDeniedTests
    {
        private const string Before = "counter=0";

        [SkippableTheory]
        [InlineData(false)] // nothing created yet: the lock folder cannot be made
        [InlineData(true)]  // the lock folder exists and is writable: the temp file next to the settings cannot be made
        [UnsupportedOSPlatform("windows")]
        public void On_Unix_a_read_only_folder_gives_ConfigAccessDenied(bool backupFolderWritable)
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix permissions; see the Windows test.");
            using var config = new TempConfig(Before);
            if (backupFolderWritable)
            {
                Directory.CreateDirectory(config.BackupFolder);
                File.SetUnixFileMode(config.BackupFolder, (UnixFileMode)0b111_111_111);
            }
            File.SetUnixFileMode(config.Folder, (UnixFileMode)0b101_101_101);

            string errorId;
            if (Environment.IsPrivilegedProcess)
            {
                // Root ignores permission bits, so the writer runs as "nobody" in a child process.
                Skip.IfNot(File.Exists("/usr/bin/setpriv") || File.Exists("/bin/setpriv"),
                    "Running as root and setpriv is missing: root ignores the folder's permissions, so this cannot be shown.");
                var (exitCode, output) = StressProgram.Run(StressProgram.StartAsUser(65534, "commit", config.ConfigPath, "counter=1"), TimeSpan.FromMinutes(1));
                Assert.True(exitCode == 3, output);
                errorId = output.Split('\n')[0].Replace("error ", "", StringComparison.Ordinal).Trim();
            }
            else
            {
                errorId = CommitInProcess(config.ConfigPath).ErrorId;
            }

            Assert.Equal(ErrorIds.ConfigAccessDenied, errorId);
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        [SupportedOSPlatform("windows")]
        public void On_Windows_a_folder_denying_writes_gives_ConfigAccessDenied()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "Windows ACLs.");
            using var config = new TempConfig(Before);
            var folder = new DirectoryInfo(config.Folder);
            var deny = new FileSystemAccessRule(WindowsIdentity.GetCurrent().User!,
                FileSystemRights.CreateFiles | FileSystemRights.CreateDirectories, AccessControlType.Deny);
            DirectorySecurity security = folder.GetAccessControl();
            security.AddAccessRule(deny);
            folder.SetAccessControl(security);
            try
            {
                IeaException ex = CommitInProcess(config.ConfigPath);
                Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
                Assert.Equal(IeaErrorCategory.PermissionDenied, ex.Category);
                Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
                Assert.Equal(Before, config.Text);
            }
            finally
            {
                security.RemoveAccessRule(deny);
                folder.SetAccessControl(security);
            }
        }

        private static IeaException CommitInProcess(string configPath)
        {
            var ex = Assert.Throws<IeaException>(() =>
            {
                using ConfigTransaction tx = ConfigTransaction.Begin(configPath, TimeSpan.FromSeconds(5));
                tx.Commit(Encoding.ASCII.GetBytes("counter=1"));
            });
            Assert.Equal(configPath, ex.TargetObject);
            Assert.Contains(configPath, ex.Message, StringComparison.Ordinal);
            return ex;
        }
    }
}
