using System.Collections;
using ImpactEmploi.Documents;
using ImpactEmploi.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Layouts
{
    /// <summary>The layout fields of the XML, .properties, JSON and registry stores.</summary>
    public class LayoutFormatTests
    {
        [Fact]
        public void A_layout_without_Format_is_Ini_as_before()
        {
            var layout = LayoutTestData.DefaultLayout();
            Assert.Equal(SettingsFormat.Ini, layout.Format);
            Assert.Equal(SettingsFormat.Ini, layout[Setting.Version].Format);
            Assert.False(layout.UsesRegistry);
        }

        [Fact]
        public void Each_format_reads_its_own_location_field()
        {
            var properties = FormatLayoutTestData.Properties();
            Assert.Equal(SettingsFormat.Properties, properties.Format);
            Assert.Equal("connexion.mode", properties[Setting.ConnectionMode].Key);

            var xml = FormatLayoutTestData.Xml();
            var path = xml[Setting.Version].XmlPath!;
            Assert.Equal(new XmlName("urn:urssaf:impact-emploi", "version"), path.Steps[2].Name);
            Assert.Null(path.Attribute);
            var mode = xml[Setting.ConnectionMode].XmlPath!;
            Assert.Equal(new XmlName("", "value"), mode.Attribute);
            Assert.Equal("Mode", mode.Steps[2].Conditions[0].Value);

            var json = FormatLayoutTestData.Json();
            Assert.Equal(new object[] { "connexion", "serveurs", 1, "url" }, json[Setting.UpdateServer].JsonPath!.Segments);
        }

        [Fact]
        public void A_setting_may_live_in_the_registry()
        {
            var data = LayoutTestData.Default();
            ((Hashtable)data["Settings"]!)["ProxyPort"] = new Hashtable
            {
                ["Store"] = "Registry", ["RegistryKey"] = "HKLM:\\SOFTWARE\\URSSAF\\ImpactEmploi\\Connexion", ["ValueName"] = "ProxyPort",
                ["View"] = "Registry32", ["ValueKind"] = "DWord",
            };
            var layout = LayoutParser.FromData(data, "reg.psd1");
            var registry = layout[Setting.ProxyPort].Registry!;
            Assert.Equal(RegistryHive.LocalMachine, registry.Hive);
            Assert.Equal("SOFTWARE\\URSSAF\\ImpactEmploi\\Connexion", registry.SubKey);
            Assert.Equal(RegistryView.Registry32, registry.View);
            Assert.Equal(RegistryValueKind.DWord, registry.Kind);
            Assert.True(layout.UsesRegistry);
        }

        [Theory]
        [InlineData(null, JsonKind.String)]
        [InlineData("number", JsonKind.Number)]
        [InlineData("Boolean", JsonKind.Boolean)]
        public void A_JSON_setting_may_say_the_type_a_new_value_is_written_as(string? word, JsonKind kind)
        {
            var data = FormatLayoutTestData.With("Json", "JsonPath", Paths("a.b"));
            if (word != null)
            {
                ((Hashtable)((Hashtable)data["Settings"]!)["ProxyPort"]!)["ValueKind"] = word;
            }

            var layout = LayoutParser.FromData(data, "json.psd1");
            Assert.Equal(kind, layout[Setting.ProxyPort].JsonKind);
            Assert.Equal(JsonKind.String, layout[Setting.ProxyHost].JsonKind);
        }

        [Theory]
        [InlineData("Json", "DWord")]
        [InlineData("Json", "1")]
        [InlineData("Xml", "Number")]
        [InlineData("Properties", "Number")]
        public void A_ValueKind_the_store_does_not_know_is_LayoutInvalid(string format, string word)
        {
            var field = format == "Xml" ? "XPath" : format == "Json" ? "JsonPath" : "Key";
            var data = FormatLayoutTestData.With(format, field, Paths(format == "Xml" ? "/a/b" : "a.b"));
            ((Hashtable)((Hashtable)data["Settings"]!)["ProxyPort"]!)["ValueKind"] = word;
            var error = Assert.Throws<IeaException>(() => LayoutParser.FromData(data, "mine.psd1"));
            Assert.Equal(ErrorIds.LayoutInvalid, error.ErrorId);
            Assert.Contains("Settings.ProxyPort.ValueKind", error.Message, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Format", "Yaml")]
        [InlineData("Format", "Registry")]
        [InlineData("Settings.ConnectionMode.XPath", "configuration/appSettings")]
        [InlineData("Settings.ConnectionMode.XPath", "/configuration/x:appSettings")]
        [InlineData("Settings.ConnectionMode.XPath", "/configuration/add[@key=Mode]/@value")]
        [InlineData("Settings.ConnectionMode.JsonPath", "connexion..mode")]
        [InlineData("Settings.ConnectionMode.JsonPath", "connexion[x]")]
        [InlineData("Settings.ConnectionMode.Store", "File")]
        [InlineData("Settings.ConnectionMode.RegistryKey", "HKCR:\\Software\\IEA")]
        [InlineData("Settings.ConnectionMode.RegistryKey", "HKU:\\Software\\IEA")]
        [InlineData("Settings.ConnectionMode.View", "Registry16")]
        [InlineData("Settings.ConnectionMode.ValueKind", "QWord")]
        [InlineData("XmlNamespaces.1x", "urn:x")]
        public void A_location_the_store_cannot_use_is_LayoutInvalid_naming_the_field(string field, string value)
        {
            var data = field.EndsWith("XPath", System.StringComparison.Ordinal) ? FormatLayoutTestData.With("Xml", "XPath", Paths("/a/b"))
                : field.EndsWith("JsonPath", System.StringComparison.Ordinal) ? FormatLayoutTestData.With("Json", "JsonPath", Paths("a.b"))
                : LayoutTestData.Default();
            var settings = (Hashtable)data["Settings"]!;
            if (field.StartsWith("XmlNamespaces.", System.StringComparison.Ordinal))
            {
                data["XmlNamespaces"] = new Hashtable { [field.Substring(14)] = value };
            }
            else if (field.StartsWith("Settings.", System.StringComparison.Ordinal))
            {
                var name = field.Split('.')[2];
                var location = (Hashtable)settings["ConnectionMode"]!;
                if (name != "XPath" && name != "JsonPath")
                {
                    location.Clear();
                    location["Store"] = "Registry";
                    location["RegistryKey"] = "HKLM:\\SOFTWARE\\IEA";
                    location["ValueName"] = "Mode";
                    location["Values"] = new Hashtable { ["Normal"] = "Normal", ["Extended"] = "Etendu", ["Secure"] = "Securise" };
                }

                location[name] = value;
            }
            else
            {
                data[field] = value;
            }

            var error = Assert.Throws<IeaException>(() => LayoutParser.FromData(data, "mine.psd1"));
            Assert.Equal(ErrorIds.LayoutInvalid, error.ErrorId);
            Assert.Contains(field, error.Message, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Xml", "Section")]
        [InlineData("Properties", "Section")]
        [InlineData("Json", "XPath")]
        public void A_field_of_another_format_is_LayoutInvalid_naming_it(string format, string field)
        {
            var data = format == "Xml" ? FormatLayoutTestData.With(format, "XPath", Paths("/a/b"))
                : format == "Json" ? FormatLayoutTestData.With(format, "JsonPath", Paths("a.b"))
                : FormatLayoutTestData.With(format, "Key", Paths("a.b"));
            ((Hashtable)((Hashtable)data["Settings"]!)["ProxyHost"]!)[field] = "x";
            var error = Assert.Throws<IeaException>(() => LayoutParser.FromData(data, "mine.psd1"));
            Assert.Equal(ErrorIds.LayoutInvalid, error.ErrorId);
            Assert.Contains("Settings.ProxyHost." + field, error.Message, System.StringComparison.Ordinal);
        }

        private static string[] Paths(string path)
        {
            var paths = new string[FormatLayoutTestData.Settings.Length];
            for (int i = 0; i < paths.Length; i++)
            {
                paths[i] = path + i;
            }

            return paths;
        }
    }
}
