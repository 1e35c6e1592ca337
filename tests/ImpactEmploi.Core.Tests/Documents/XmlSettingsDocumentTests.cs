using System.Collections.Generic;
using System.Text;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    public class XmlSettingsDocumentTests
    {
        private static readonly Dictionary<string, string> Namespaces = new Dictionary<string, string> { ["c"] = "urn:c" };

        private static XmlPath Path(string text) => XmlPath.Parse(text, Namespaces)!;

        private static XmlSettingsDocument Parse(string text, Encoding? encoding = null) =>
            XmlSettingsDocument.Parse((encoding ?? Encoding.UTF8).GetBytes(text), "t.config");

        [Theory]
        [InlineData("<a><b>x &lt;&#65;&#x42;&gt; &apos;&quot;</b></a>", "/a/b", "x <AB> '\"")]
        [InlineData("<a><b><![CDATA[<raw> & ]]>text</b></a>", "/a/b/text()", "<raw> & text")]
        [InlineData("<a><b k='1' v='one'/><b k='2' v='two'/></a>", "/a/b[@k='2']/@v", "two")]
        [InlineData("<a><b k='1' v='one'/><b k='2' v='two'/></a>", "/a/b/@v", "one")]
        [InlineData("<a><b v='line\r\nbreak\ttab'/></a>", "/a/b/@v", "line break tab")]
        [InlineData("<a xmlns='urn:c'><b>in c</b></a>", "/c:a/c:b", "in c")]
        [InlineData("<x:a xmlns:x='urn:c'><x:b>in c</x:b></x:a>", "/c:a/c:b", "in c")]
        [InlineData("<a><b/></a>", "/a/b", "")]
        public void Reads_text_and_attributes_as_XML_defines_them(string xml, string path, string value) =>
            Assert.Equal(value, Parse(xml).GetValue(Path(path)));

        [Theory]
        [InlineData("<a xmlns='urn:c'><b>in c</b></a>", "/a/b")]
        [InlineData("<a><b>1</b></a>", "/a/c")]
        [InlineData("<a><b k='1'/></a>", "/a/b[@k='2']/@v")]
        public void An_unmatched_path_is_absent(string xml, string path) => Assert.Null(Parse(xml).GetValue(Path(path)));

        [Theory]
        [InlineData("<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a><b>&e;</b></a>")]
        [InlineData("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>")]
        public void A_DTD_is_refused_so_no_external_entity_is_ever_read(string xml)
        {
            var error = Assert.Throws<IeaException>(() => Parse(xml));
            Assert.Equal(ErrorIds.ConfigUnreadable, error.ErrorId);
            Assert.Contains("DTD", error.Message, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("<a><b></a>")]
        [InlineData("<a>&nbsp;</a>")]
        [InlineData("<x:a/>")]
        [InlineData("<a/><b/>")]
        [InlineData("<?xml version='1.0' encoding='klingon'?><a/>")]
        [InlineData("")]
        public void Malformed_XML_is_ConfigUnreadable(string xml)
        {
            var error = Assert.Throws<IeaException>(() => Parse(xml));
            Assert.Equal(ErrorIds.ConfigUnreadable, error.ErrorId);
        }

        [Theory]
        [InlineData("<a v=\"old\"/>", "a \"b\" & <c>", "<a v=\"a &quot;b&quot; &amp; &lt;c>\"/>")]
        [InlineData("<a v='old'/>", "it's \"x\"", "<a v='it&apos;s \"x\"'/>")]
        [InlineData("<a v='old'/>", "two\r\nlines\t", "<a v='two&#13;&#10;lines&#9;'/>")]
        [InlineData("<a>old</a>", "<b> & ]]>", "<a>&lt;b&gt; &amp; ]]&gt;</a>")]
        [InlineData("<a/>", "new", "<a>new</a>")]
        [InlineData("<a />", "new", "<a >new</a>")]
        [InlineData("<a k='1' />", "new", "<a k='1' v=\"new\" />")]
        public void Writing_splices_the_escaped_value_and_nothing_else(string xml, string value, string expected)
        {
            var document = Parse("<?xml version='1.0'?>\n<!-- c -->\n<r>" + xml + "</r>\n");
            var path = xml.Contains("v=", System.StringComparison.Ordinal) || xml.Contains("k=", System.StringComparison.Ordinal) ? Path("/r/a/@v") : Path("/r/a");
            Assert.True(document.SetValue(path, value));
            Assert.Equal("<?xml version='1.0'?>\n<!-- c -->\n<r>" + expected + "</r>\n", Encoding.UTF8.GetString(document.ToBytes()));
            Assert.Equal(value, XmlSettingsDocument.Parse(document.ToBytes(), "t").GetValue(path));
        }

        [Fact]
        public void A_file_nested_deeper_than_a_settings_file_is_ConfigUnreadable_not_a_stack_overflow()
        {
            // 700 KB, under the read cap: a recursive scan of it would end the process, which no catch can stop.
            const int depth = 100_000;
            var deep = new StringBuilder().Insert(0, "<a>", depth).Insert(depth * 3, "</a>", depth).ToString();

            var error = Assert.Throws<IeaException>(() => Parse(deep));

            Assert.Equal(ErrorIds.ConfigUnreadable, error.ErrorId);
            Assert.Contains("64", error.Message, System.StringComparison.Ordinal);
            var deepest = new StringBuilder().Insert(0, "<a>", 64).Append('x').Insert(64 * 3 + 1, "</a>", 64).ToString();
            Assert.Equal("x", Parse(deepest).GetValue(Path(string.Concat(System.Linq.Enumerable.Repeat("/a", 64)))));
        }

        [Fact]
        public void The_declared_encoding_is_honoured_and_what_it_cannot_hold_becomes_a_character_reference()
        {
            var cp1252 = CodePages(1252);
            var document = XmlSettingsDocument.Parse(cp1252.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a v=\"\u20ac\u00e9\"/>"), "t");
            Assert.Equal("\u20ac\u00e9", document.GetValue(Path("/a/@v")));
            document.SetValue(Path("/a/@v"), "\u00e9\u20ac\u4e2d\U0001F600");
            Assert.Equal("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a v=\"\u00e9\u20ac&#x4E2D;&#x1F600;\"/>", cp1252.GetString(document.ToBytes()));
            Assert.Equal("\u00e9\u20ac\u4e2d\U0001F600", XmlSettingsDocument.Parse(document.ToBytes(), "t").GetValue(Path("/a/@v")));
        }

        [Fact]
        public void The_same_value_changes_nothing()
        {
            var document = Parse("<a v='x &amp; y'/>");
            Assert.False(document.SetValue(Path("/a/@v"), "x & y"));
        }

        [Fact]
        public void An_element_with_children_or_comments_is_not_overwritten()
        {
            var document = Parse("<a><b>x<!-- keep --></b></a>");
            Assert.Throws<SettingNotWritableException>(() => document.SetValue(Path("/a/b"), "y"));
            Assert.Equal("<a><b>x<!-- keep --></b></a>", Encoding.UTF8.GetString(document.ToBytes()));
        }

        [Fact]
        public void A_missing_element_that_cannot_be_added_is_InvalidSettingValue_naming_the_path()
        {
            var error = Assert.Throws<IeaException>(() => Parse("<z/>").SetValue(Path("/a/b"), "y"));
            Assert.Equal(ErrorIds.InvalidSettingValue, error.ErrorId);
            Assert.Contains("/a/b", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void A_control_character_cannot_be_written()
        {
            Assert.Throws<SettingNotWritableException>(() => Parse("<a v=''/>").SetValue(Path("/a/@v"), "x\u0001"));
        }

        private static Encoding CodePages(int codePage)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(codePage);
        }
    }
}
