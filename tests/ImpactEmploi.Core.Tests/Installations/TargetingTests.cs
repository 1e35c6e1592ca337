using System;
using System.Collections;
using System.IO;
using ImpactEmploi.Configuration;
using ImpactEmploi.Installations;
using ImpactEmploi.Layouts;
using ImpactEmploi.Tests.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Installations
{
    /// <summary>What a layout may name, which paths are installations, and which server addresses each role accepts.</summary>
    public sealed class TargetingTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "iea-targeting-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, true);
            }
        }

        [Theory]
        [InlineData("conf\\ImpactEmploi.config")]
        [InlineData("conf/sub/ImpactEmploi.config")]
        public void FileName_may_be_a_relative_path_of_plain_segments(string fileName)
        {
            var layout = Layout(fileName: fileName);
            Assert.Equal(fileName.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar), layout.FileName);
        }

        [Theory]
        [InlineData("..\\ImpactEmploi.ini")]
        [InlineData("conf/../ImpactEmploi.ini")]
        [InlineData("./ImpactEmploi.ini")]
        [InlineData("/etc/ImpactEmploi.ini")]
        [InlineData("\\\\server\\share\\ImpactEmploi.ini")]
        [InlineData("C:\\ImpactEmploi.ini")]
        [InlineData("C:ImpactEmploi.ini")]
        [InlineData("Impact*.ini")]
        [InlineData("Impact?.ini")]
        [InlineData("conf\\[a]\\ImpactEmploi.ini")]
        [InlineData("conf\\\\ImpactEmploi.ini")]
        [InlineData("ImpactEmploi.ini.")]
        public void FileName_outside_the_folder_or_with_wildcards_is_LayoutInvalid(string fileName)
        {
            var error = Assert.Throws<IeaException>(() => Layout(fileName: fileName));
            Assert.Equal(ErrorIds.LayoutInvalid, error.ErrorId);
            Assert.Contains("FileName", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Application", "../evil.sh")]
        [InlineData("ConnectionProgram", "../evil.sh")]
        [InlineData("ConnectionProgram", "/abs/evil.sh")]
        [InlineData("ConnectionProgram", "bin\\ServeurConnexion.exe")]
        [InlineData("ConnectionProgram", "C:evil.exe")]
        [InlineData("ConnectionProgram", "..")]
        [InlineData("ConnectionProgram", ".")]
        [InlineData("ConnectionProgram", "evil|x.exe")]
        public void A_process_name_that_is_not_a_bare_file_name_is_LayoutInvalid_naming_the_field(string field, string name)
        {
            var data = LayoutTestData.Default();
            ((Hashtable)data["Processes"]!)[field] = name;
            var error = Assert.Throws<IeaException>(() => LayoutParser.FromData(data, "mine.psd1"));
            Assert.Equal(ErrorIds.LayoutInvalid, error.ErrorId);
            Assert.Contains("Processes." + field, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_connection_program_is_always_inside_the_installation_folder()
        {
            var layout = LayoutTestData.DefaultLayout();
            Assert.Equal(Path.Combine(_root, "ServeurConnexion.exe"), ConnectionProgram.ExecutablePath(_root, layout));
        }

        [Fact]
        public void Only_the_layouts_file_is_a_settings_file()
        {
            var folder = Path.Combine(_root, "Asso");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "ImpactEmploi.ini"), "[Application]\r\n");
            File.WriteAllText(Path.Combine(folder, "Impression.ini"), "[Impression]\r\n");
            var layout = LayoutTestData.DefaultLayout();

            Assert.Equal((folder, Path.Combine(folder, "ImpactEmploi.ini")), InstallationLocator.Resolve(folder, layout, isWindows: false));
            Assert.Equal((folder, Path.Combine(folder, "ImpactEmploi.ini")),
                InstallationLocator.Resolve(Path.Combine(folder, "ImpactEmploi.ini"), layout, isWindows: false));
            var error = Assert.Throws<IeaException>(() => InstallationLocator.Resolve(Path.Combine(folder, "Impression.ini"), layout, isWindows: false));
            Assert.Equal(ErrorIds.InstallationNotFound, error.ErrorId);
            Assert.Contains("not an IEA settings file", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_file_name_compares_ignoring_case_on_Windows_only()
        {
            Directory.CreateDirectory(_root);
            var file = Path.Combine(_root, "IMPACTEMPLOI.INI");
            File.WriteAllText(file, "[Application]\r\n");
            var layout = LayoutTestData.DefaultLayout();

            Assert.Equal((_root, file), InstallationLocator.Resolve(file, layout, isWindows: true));
            Assert.Equal(ErrorIds.InstallationNotFound,
                Assert.Throws<IeaException>(() => InstallationLocator.Resolve(file, layout, isWindows: false)).ErrorId);
        }

        [Fact]
        public void An_installation_reached_as_its_folder_and_as_its_settings_file_is_processed_once()
        {
            var folder = Path.Combine(_root, "Asso");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "ImpactEmploi.ini"), "[Application]\r\n");
            var layout = LayoutTestData.DefaultLayout();
            var processed = new ProcessedTargets(isWindows: false);

            Assert.True(processed.IsFirst(InstallationLocator.Resolve(folder, layout, isWindows: false).ConfigPath));
            Assert.False(processed.IsFirst(InstallationLocator.Resolve(Path.Combine(folder, "ImpactEmploi.ini"), layout, isWindows: false).ConfigPath));
            Assert.False(processed.IsFirst(InstallationLocator.Resolve(folder + Path.DirectorySeparatorChar, layout, isWindows: false).ConfigPath));
            Assert.False(processed.IsFirst(Path.Combine(folder, ".", "ImpactEmploi.ini")));
        }

        [Fact]
        public void Targets_already_processed_compare_ignoring_case_on_Windows_only()
        {
            var file = Path.Combine(_root, "Asso", "ImpactEmploi.ini");
            var windows = new ProcessedTargets(isWindows: true);
            var linux = new ProcessedTargets(isWindows: false);

            Assert.True(windows.IsFirst(file));
            Assert.False(windows.IsFirst(file.ToUpperInvariant()));
            Assert.True(linux.IsFirst(file));
            Assert.True(linux.IsFirst(file.ToUpperInvariant()));
            Assert.False(linux.IsFirst(file));
        }

        [Fact]
        public void With_a_relative_FileName_the_folder_is_what_precedes_its_segments()
        {
            var layout = Layout(fileName: "conf/ImpactEmploi.config");
            var folder = Path.Combine(_root, "Asso");
            var file = Path.Combine(folder, "conf", "ImpactEmploi.config");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "x");
            File.WriteAllText(Path.Combine(folder, "ImpactEmploi.config"), "x");

            Assert.Equal((folder, file), InstallationLocator.Resolve(folder, layout, isWindows: false));
            Assert.Equal((folder, file), InstallationLocator.Resolve(file, layout, isWindows: false));
            Assert.Equal(ErrorIds.InstallationNotFound, Assert.Throws<IeaException>(() =>
                InstallationLocator.Resolve(Path.Combine(folder, "ImpactEmploi.config"), layout, isWindows: false)).ErrorId);
        }

        [Theory]
        [InlineData(Setting.AuthenticationServer, "https://impact-emploi.urssaf.fr:0/", "port 0")]
        [InlineData(Setting.AuthenticationServer, "https://impact-emploi.urssaf.fr/?a=b", "query")]
        [InlineData(Setting.UpdateServer, "https://impact-emploi.urssaf.fr/updates#top", "fragment")]
        [InlineData(Setting.NetEntreprisesServer, "https://me@services.net-entreprises.fr/", "user name")]
        public void Port_0_user_info_query_and_fragment_are_InvalidServerAddress(Setting role, string address, string says)
        {
            var error = Assert.Throws<IeaException>(() => ServerAddress.Validate(address, role, ConnectionMode.Secure, LayoutTestData.DefaultLayout(), true));
            Assert.Equal(ErrorIds.InvalidServerAddress, error.ErrorId);
            Assert.Contains(role.ToString(), error.Message, StringComparison.Ordinal);
            Assert.Contains(says, error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(Setting.AuthenticationServer, "https://impact-emploi.urssaf.fr/", true)]
        [InlineData(Setting.UpdateServer, "https://IMPACT-EMPLOI.urssaf.fr/updates", true)]
        [InlineData(Setting.NetEntreprisesServer, "https://services.net-entreprises.fr/authentifier/1.0/", true)]
        [InlineData(Setting.AuthenticationServer, "https://services.net-entreprises.fr/", false)]
        [InlineData(Setting.UpdateServer, "https://services.net-entreprises.fr/updates", false)]
        [InlineData(Setting.NetEntreprisesServer, "https://impact-emploi.urssaf.fr/authentifier/1.0/", false)]
        public void Each_role_has_its_own_official_host(Setting role, string address, bool accepted)
        {
            var layout = LayoutTestData.DefaultLayout();
            if (accepted)
            {
                Assert.Equal(new Uri(address), ServerAddress.Validate(address, role, ConnectionMode.Secure, layout, false));
                return;
            }

            var error = Assert.Throws<IeaException>(() => ServerAddress.Validate(address, role, ConnectionMode.Secure, layout, false));
            Assert.Equal(ErrorIds.NonOfficialServer, error.ErrorId);
            Assert.Contains("expected " + ServerAddress.HostsFor(role, layout)[0], error.Message, StringComparison.Ordinal);
            Assert.Equal(new Uri(address), ServerAddress.Validate(address, role, ConnectionMode.Secure, layout, true));
        }

        [Fact]
        public void An_official_host_no_role_recommends_is_accepted_for_every_role()
        {
            var data = LayoutTestData.Default();
            data["OfficialHosts"] = new object[] { "impact-emploi.urssaf.fr", "services.net-entreprises.fr", "relais.urssaf.fr" };
            var layout = LayoutParser.FromData(data, "mine.psd1");
            Assert.Equal(new[] { "impact-emploi.urssaf.fr", "relais.urssaf.fr" }, ServerAddress.HostsFor(Setting.AuthenticationServer, layout));
            Assert.Equal(new[] { "services.net-entreprises.fr", "relais.urssaf.fr" }, ServerAddress.HostsFor(Setting.NetEntreprisesServer, layout));
        }

        private static IeaLayout Layout(string fileName)
        {
            var data = LayoutTestData.Default();
            data["FileName"] = fileName;
            return LayoutParser.FromData(data, "mine.psd1");
        }
    }
}
