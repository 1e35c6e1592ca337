using System.Collections.Generic;
using System.Text;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>A missing element is added under the deepest one the file has, the rest of the file kept byte for byte.</summary>
    public class XmlAddElementTests
    {
        private static readonly Dictionary<string, string> Namespaces = new Dictionary<string, string> { ["c"] = "urn:c", ["d"] = "urn:d" };

        private static XmlPath Path(string text) => XmlPath.Parse(text, Namespaces)!;

        private static XmlSettingsDocument Parse(string text) => XmlSettingsDocument.Parse(Encoding.UTF8.GetBytes(text), "t.config");

        public static TheoryData<string, string, string, string> Added() => new TheoryData<string, string, string, string>
        {
            // After the last sibling, with its indent, line end and blank before "/>".
            {
                "<?xml version=\"1.0\"?>\r\n<configuration>\r\n  <appSettings>\r\n    <add key=\"Type\" value=\"Direct\" />\r\n  </appSettings>\r\n</configuration>\r\n",
                "/configuration/appSettings/add[@key='Mode']/@value", "S\u00e9curis\u00e9 & <co>",
                "<?xml version=\"1.0\"?>\r\n<configuration>\r\n  <appSettings>\r\n    <add key=\"Type\" value=\"Direct\" />\r\n" +
                "    <add key=\"Mode\" value=\"S\u00e9curis\u00e9 &amp; &lt;co>\" />\r\n  </appSettings>\r\n</configuration>\r\n"
            },
            // A default namespace: the new element is unprefixed in it; tabs and "/>" as the siblings have them.
            {
                "<configuration xmlns=\"urn:c\">\n\t<appSettings>\n\t\t<add key=\"Type\" value=\"Direct\"/>\n\t</appSettings>\n</configuration>",
                "/c:configuration/c:appSettings/c:add[@key='Mode']/@value", "Securise",
                "<configuration xmlns=\"urn:c\">\n\t<appSettings>\n\t\t<add key=\"Type\" value=\"Direct\"/>\n\t\t<add key=\"Mode\" value=\"Securise\"/>\n\t</appSettings>\n</configuration>"
            },
            // A prefixed namespace on one line: the file's own prefix, no line break added.
            {
                "<x:a xmlns:x='urn:c'><x:b/></x:a>", "/c:a/c:c", "v",
                "<x:a xmlns:x='urn:c'><x:b/><x:c>v</x:c></x:a>"
            },
            // Missing intermediate elements, indented one unit deeper each.
            {
                "<configuration>\r\n  <startup />\r\n</configuration>\r\n",
                "/configuration/appSettings/add[@key='Mode']/@value", "Securise",
                "<configuration>\r\n  <startup />\r\n  <appSettings>\r\n    <add key=\"Mode\" value=\"Securise\" />\r\n  </appSettings>\r\n</configuration>\r\n"
            },
            // A self-closing parent is opened (its blank before "/>" kept, as for a text value).
            {
                "<configuration>\n    <appSettings />\n</configuration>\n",
                "/configuration/appSettings/add[@key='Mode']/@value", "x",
                "<configuration>\n    <appSettings >\n        <add key=\"Mode\" value=\"x\" />\n    </appSettings>\n</configuration>\n"
            },
            // An empty parent spanning lines keeps its closing line.
            {
                "<r>\n  <s>\n  </s>\n</r>", "/r/s/t", "v",
                "<r>\n  <s>\n    <t>v</t>\n  </s>\n</r>"
            },
            // After a trailing comment, not between it and the element before it.
            {
                "<a>\n  <b/>\n  <!-- end -->\n</a>\n", "/a/c[@k='1'][@j=\"2\"]", "t",
                "<a>\n  <b/>\n  <!-- end -->\n  <c k=\"1\" j=\"2\">t</c>\n</a>\n"
            },
            // An element's text, in a prefixed namespace, beside siblings of another namespace.
            {
                "<configuration xmlns:iea=\"urn:c\">\r\n  <iea:application>\r\n    <iea:etat>OK</iea:etat>\r\n  </iea:application>\r\n</configuration>",
                "/configuration/c:application/c:version/text()", "3.00.72",
                "<configuration xmlns:iea=\"urn:c\">\r\n  <iea:application>\r\n    <iea:etat>OK</iea:etat>\r\n    <iea:version>3.00.72</iea:version>\r\n  </iea:application>\r\n</configuration>"
            },
            // No namespace under a default one: the new element says so.
            {
                "<c:a xmlns:c='urn:c' xmlns='urn:d'/>", "/c:a/b/@v", "1",
                "<c:a xmlns:c='urn:c' xmlns='urn:d'><b xmlns=\"\" v=\"1\"/></c:a>"
            },
            // A missing attribute in a namespace takes the prefix the file declares.
            {
                "<a xmlns:p='urn:d'><b k='1'/></a>", "/a/b/@d:v", "2",
                "<a xmlns:p='urn:d'><b k='1' p:v=\"2\"/></a>"
            },
        };

        [Theory]
        [MemberData(nameof(Added))]
        public void Adds_the_missing_elements_and_changes_nothing_else(string xml, string path, string value, string expected)
        {
            var document = Parse(xml);
            Assert.Null(document.GetValue(Path(path)));

            Assert.True(document.SetValue(Path(path), value));

            Assert.Equal(expected, Encoding.UTF8.GetString(document.ToBytes()));
            var reread = XmlSettingsDocument.Parse(document.ToBytes(), "t.config");
            Assert.Equal(value, reread.GetValue(Path(path)));
            Assert.False(reread.SetValue(Path(path), value));
            Assert.Equal(document.ToBytes(), reread.ToBytes());
        }

        [Fact]
        public void Several_missing_values_go_in_one_new_parent_in_the_order_they_are_set()
        {
            var document = Parse("<configuration>\r\n  <startup />\r\n</configuration>\r\n");
            document.SetValue(Path("/configuration/appSettings/add[@key='A']/@value"), "1");
            document.SetValue(Path("/configuration/appSettings/add[@key='B']/@value"), "2");
            Assert.Equal(
                "<configuration>\r\n  <startup />\r\n  <appSettings>\r\n    <add key=\"A\" value=\"1\" />\r\n    <add key=\"B\" value=\"2\" />\r\n  </appSettings>\r\n</configuration>\r\n",
                Encoding.UTF8.GetString(document.ToBytes()));
        }

        [Fact]
        public void The_declared_encoding_holds_the_new_element_with_character_references()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var latin1 = Encoding.GetEncoding(28591);
            var document = XmlSettingsDocument.Parse(latin1.GetBytes("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<a>\n  <b>\u00e9</b>\n</a>\n"), "t");
            document.SetValue(Path("/a/c"), "\u00e9\u20ac");
            Assert.Equal("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<a>\n  <b>\u00e9</b>\n  <c>\u00e9&#x20AC;</c>\n</a>\n", latin1.GetString(document.ToBytes()));
        }

        [Theory]
        [InlineData("/a/\u0436")]
        [InlineData("/a/b/@\u0436")]
        [InlineData("/a/b[@\u0436='1']")]
        [InlineData("/a/@\u0436")]
        public void A_name_the_declared_encoding_cannot_hold_is_refused_as_not_writable_and_nothing_changes(string path)
        {
            // Values become character references; names cannot, so the file's encoding must hold them.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var latin1 = Encoding.GetEncoding(28591);
            var bytes = latin1.GetBytes("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<a/>\n");
            var document = XmlSettingsDocument.Parse(bytes, "t");

            var error = Assert.Throws<SettingNotWritableException>(() => document.SetValue(Path(path), "v"));

            Assert.Contains("iso-8859-1", error.Reason, System.StringComparison.Ordinal);
            Assert.Equal(bytes, document.ToBytes());
        }

        [Theory]
        [InlineData("<c><s/><s/></c>", "/c/s/add[@key='k']/@v", "2")]
        [InlineData("<c><s k='1'><a/></s><s k='1'/></c>", "/c/s[@k='1']/b", "2")]
        [InlineData("<other/>", "/c/s", "is not c")]
        [InlineData("<a>some text</a>", "/a/b", "holds text")]
        // Text XML does not count as blank (only space, tab, CR, LF do) is text all the same, never dropped.
        [InlineData("<a>\u00a0</a>", "/a/b", "holds text")]
        [InlineData("<a>\n  \u3000\n</a>", "/a/b", "holds text")]
        [InlineData("<a>&#160;</a>", "/a/b", "holds text")]
        [InlineData("<a/>", "/a/b[@k='1'][@k='2']", "[@attribute='value']")]
        [InlineData("<a/>", "/a/b[@v='x']/@v", "[@attribute='value']")]
        [InlineData("<a/>", "/a/b[@xmlns='urn:c']", "[@attribute='value']")]
        [InlineData("<a/>", "/a/c:b", "urn:c")]
        [InlineData("<a><b/></a>", "/a/b/@c:v", "urn:c")]
        public void An_ambiguous_or_impossible_place_is_refused_with_why_and_nothing_changes(string xml, string path, string named)
        {
            var document = Parse(xml);
            var error = Assert.Throws<IeaException>(() => document.SetValue(Path(path), "y"));
            Assert.Equal(ErrorIds.InvalidSettingValue, error.ErrorId);
            Assert.Equal(IeaErrorCategory.InvalidArgument, error.Category);
            Assert.Contains(path, error.Message, System.StringComparison.Ordinal);
            Assert.Contains(named, error.Message, System.StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
            Assert.Equal(xml, Encoding.UTF8.GetString(document.ToBytes()));
        }

        [Theory]
        [InlineData("/a/b[1]/@v")]
        [InlineData("/a/*/@v")]
        [InlineData("/a/b/../c")]
        [InlineData("//b/@v")]
        [InlineData("/a/b[@k!='1']")]
        [InlineData("/a/b[@k='1' and @j='2']")]
        [InlineData("/a/b[@k='1' or @k='2']")]
        [InlineData("/a/b[last()]")]
        [InlineData("/a/@*")]
        public void A_path_that_does_not_name_one_place_is_not_a_layout_path(string path) =>
            Assert.Null(XmlPath.Parse(path, Namespaces));
    }
}
