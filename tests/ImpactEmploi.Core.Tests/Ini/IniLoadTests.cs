using System;
using System.IO;
using ImpactEmploi.Ini;
using Xunit;
using static ImpactEmploi.Tests.Ini.IniTestSupport;

namespace ImpactEmploi.Tests.Ini
{
    public sealed class IniLoadTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "iea-ini-" + Guid.NewGuid().ToString("N"));

        public IniLoadTests() => Directory.CreateDirectory(folder);

        public void Dispose()
        {
            foreach (string file in Directory.GetFiles(folder))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(folder, true);
        }

        private static IeaException LoadFails(string path, IeaErrorCategory category, string reason)
        {
            IeaException ex = null!;
            InCulture("en-US", () =>
            {
                ex = Unreadable(() => IniDocument.Load(path));
                Assert.Contains(path, ex.Message, StringComparison.Ordinal);
                Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
            });
            Assert.Equal(category, ex.Category);
            Assert.Equal(path, ex.TargetObject);
            return ex;
        }

        [Fact]
        public void A_good_file_loads_with_its_bytes()
        {
            string path = Path.Combine(folder, "ImpactEmploi.ini");
            byte[] bytes = Encode(Utf16LeBom, "[Connexion]\r\nMode=Sécurisé\r\n");
            File.WriteAllBytes(path, bytes);
            IniDocument doc = IniDocument.Load(path);
            Assert.Equal("Sécurisé", doc.GetValue("Connexion", "Mode"));
            Assert.Equal(bytes, doc.ToBytes());
        }

        [Fact]
        public void A_folder_is_unreadable() => LoadFails(folder, IeaErrorCategory.ReadError, "folder");

        [Fact]
        public void A_missing_file_is_unreadable()
        {
            LoadFails(Path.Combine(folder, "absent.ini"), IeaErrorCategory.ObjectNotFound, "does not exist");
            LoadFails(Path.Combine(folder, "no", "such", "folder.ini"), IeaErrorCategory.ObjectNotFound, "does not exist");
        }

        [Fact]
        public void An_empty_file_is_unreadable()
        {
            string path = Path.Combine(folder, "empty.ini");
            File.WriteAllBytes(path, Array.Empty<byte>());
            LoadFails(path, IeaErrorCategory.InvalidData, "empty");
        }

        [Fact]
        public void A_huge_file_is_unreadable_and_says_its_size_and_the_limit()
        {
            string path = Path.Combine(folder, "huge.ini");
            using (var stream = new FileStream(path, FileMode.CreateNew))
            {
                stream.SetLength(50L * 1024 * 1024); // sparse where the file system allows: instant
            }

            LoadFails(path, IeaErrorCategory.InvalidData, "52428800 bytes, over the 1048576-byte limit");
        }

        [Fact]
        public void A_file_just_under_the_limit_loads()
        {
            string path = Path.Combine(folder, "big.ini");
            var bytes = new byte[IniDocument.MaxFileBytes];
            Array.Fill(bytes, (byte)'a');
            bytes[^1] = (byte)'\n';
            File.WriteAllBytes(path, bytes);
            Assert.Equal(bytes.Length, IniDocument.Load(path).ToBytes().Length);
        }

        [Fact]
        public void Binary_junk_is_unreadable_with_the_line_at_fault()
        {
            string path = Path.Combine(folder, "junk.ini");
            File.WriteAllBytes(path, new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00 });
            LoadFails(path, IeaErrorCategory.InvalidData, "line 1 contains a control character");

            File.WriteAllBytes(path, Encode(Win1252, "[Connexion]\r\nMode=Normal\r\nType=\u0007\r\n"));
            LoadFails(path, IeaErrorCategory.InvalidData, "line 3");
        }

        [SkippableFact]
        public void A_file_the_user_may_not_read_is_ConfigAccessDenied()
        {
            Skip.If(OperatingSystem.IsWindows() || Environment.UserName == "root",
                "needs a Unix account that file permissions apply to");
            string path = Path.Combine(folder, "locked.ini");
            File.WriteAllBytes(path, Encode(Win1252, "[A]\r\n"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.None);
            }

            var ex = Assert.Throws<IeaException>(() => IniDocument.Load(path));
            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Equal(IeaErrorCategory.PermissionDenied, ex.Category);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(ex.RecommendedAction));
        }
    }
}
