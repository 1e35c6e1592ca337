using System;
using System.Linq;
using System.Text;
using ImpactEmploi.Ini;
using Xunit;
using static ImpactEmploi.Tests.Ini.IniTestSupport;

namespace ImpactEmploi.Tests.Ini
{
    public class IniDocumentTests
    {
        private static IniDocument Doc(string text, string encoding = Win1252) => IniDocument.Parse(Encode(encoding, text), "test.ini");

        private static string Text(IniDocument doc, string encoding = Win1252) => string.Concat(Lines(encoding, doc.ToBytes()));

        [Fact]
        public void Lookups_are_case_insensitive_trimmed_and_null_when_absent()
        {
            IniDocument doc = Doc("  [ Connexion ]  \r\n  Mode  =  Normal  \r\n");
            Assert.Equal("Normal", doc.GetValue("CONNEXION", "mode"));
            Assert.Null(doc.GetValue("Connexion", "Type"));
            Assert.Null(doc.GetValue("Autre", "Mode"));
            Assert.Equal(new[] { "Connexion" }, doc.SectionNames);
        }

        [Fact]
        public void First_of_duplicated_keys_and_sections_wins_and_only_it_changes()
        {
            IniDocument doc = Doc("[A]\nk=1\nK=2\n[a]\nk=3\nj=4\n");
            Assert.Equal("1", doc.GetValue("A", "k"));
            Assert.Null(doc.GetValue("A", "j"));
            Assert.Equal(new[] { "A" }, doc.SectionNames);

            Assert.True(doc.SetValue("a", "K", "9"));
            Assert.Equal("[A]\nk=9\nK=2\n[a]\nk=3\nj=4\n", Text(doc));

            Assert.True(doc.SetValue("A", "j", "5"));
            Assert.Equal("[A]\nk=9\nK=2\nj=5\n[a]\nk=3\nj=4\n", Text(doc));
        }

        [Fact]
        public void Keys_before_any_section_belong_to_the_nameless_section()
        {
            IniDocument doc = Doc("; top\nk=1\n[A]\nk=2\n");
            Assert.Equal("1", doc.GetValue("", "k"));
            Assert.Equal(new[] { "", "A" }, doc.SectionNames);
            Assert.True(doc.SetValue("", "n", "x"));
            Assert.Equal("; top\nk=1\nn=x\n[A]\nk=2\n", Text(doc));

            IniDocument noPreamble = Doc("[A]\nk=2\n");
            Assert.True(noPreamble.SetValue("", "n", "x"));
            Assert.Equal("n=x\r\n[A]\nk=2\n".Replace("\r\n", "\n", StringComparison.Ordinal), Text(noPreamble));
        }

        [Theory]
        [InlineData("k=b;c", "b;c")]
        [InlineData("k=b ;c", "b")]
        [InlineData("k=b\t; c", "b")]
        [InlineData("k= ; only a comment", "")]
        [InlineData("k=\"a ; b\"  ; c", "a ; b")]
        [InlineData("k=\" padded \"", " padded ")]
        [InlineData("k=\"unclosed ; c", "\"unclosed")]
        [InlineData("k=a \"b\"", "a \"b\"")]
        [InlineData("k==x", "=x")]
        [InlineData("k=", "")]
        public void Values_and_inline_comments(string line, string expected)
        {
            Assert.Equal(expected, Doc("[S]\r\n" + line + "\r\n").GetValue("S", "k"));
        }

        [Theory]
        [InlineData("k=Normal   ; c\r\n", "Securise", "k=Securise   ; c\r\n")]
        [InlineData("k=   ; c\r\n", "x", "k=x   ; c\r\n")]
        [InlineData("k = v\r\n", "w", "k = w\r\n")]
        [InlineData("k=\"a b\" ; c\r\n", "d", "k=\"d\" ; c\r\n")]
        [InlineData("k=v ; c\r\n", " spaced ", "k=\" spaced \" ; c\r\n")]
        [InlineData("k=v\r\n", "a ; b", "k=\"a ; b\"\r\n")]
        [InlineData("k=v\r\n", "\"q\"", "k=\"\"q\"\"\r\n")]
        [InlineData("k=v", "w", "k=w")]
        [InlineData("k=v\n", "", "k=\n")]
        public void SetValue_changes_only_the_value(string line, string value, string expected)
        {
            IniDocument doc = Doc("[S]\r\n" + line);
            Assert.True(doc.SetValue("S", "K", value));
            Assert.Equal("[S]\r\n" + expected, Text(doc));
            Assert.Equal(value, doc.GetValue("S", "k"));
            Assert.Equal(value, IniDocument.Parse(doc.ToBytes(), "x").GetValue("S", "k"));
        }

        [Theory]
        [InlineData("S", "k", "a\nb")]
        [InlineData("S", "k", "a\0b")]
        [InlineData("S", "k", "łódź")]
        [InlineData("S", "k", "a\" ;b")]
        [InlineData("S", "new=key", "v")]
        [InlineData("S", ";new", "v")]
        [InlineData("S", " new", "v")]
        [InlineData("S", "", "v")]
        [InlineData("New]", "k", "v")]
        [InlineData(" New", "k", "v")]
        public void Values_and_names_that_would_not_read_back_are_refused_and_nothing_changes(string section, string key, string value)
        {
            byte[] input = Encode(Win1252, "[S]\r\nk=\"v\"\r\n");
            IniDocument doc = IniDocument.Parse(input, "test.ini");
            Assert.Throws<ArgumentException>(() => doc.SetValue(section, key, value));
            Assert.Equal(input, doc.ToBytes());
        }

        [Fact]
        public void Characters_outside_Windows_1252_are_fine_in_a_Unicode_file()
        {
            IniDocument doc = Doc("[S]\r\nk=v\r\n", Utf16LeBom);
            Assert.True(doc.SetValue("S", "k", "łódź 😀"));
            Assert.Equal("[S]\r\nk=łódź 😀\r\n", Text(doc, Utf16LeBom));
        }

        [Fact]
        public void Sections_keep_trailing_comments_and_junk_lines_are_kept_and_ignored()
        {
            const string text = "[A]   ; comment\nstray text\n[B\nk=1\n# hash comment=x\n[C] trailing\nk=2\n";
            IniDocument doc = Doc(text);
            Assert.Equal("1", doc.GetValue("A", "k"));
            Assert.Equal("2", doc.GetValue("C", "k"));
            Assert.Null(doc.GetValue("B", "k"));
            Assert.Null(doc.GetValue("A", "# hash comment"));
            Assert.Equal(new[] { "A", "C" }, doc.SectionNames);
            Assert.Equal(text, Text(doc));
        }

        [Fact]
        public void A_key_added_to_an_empty_section_follows_its_header()
        {
            IniDocument doc = Doc("[A]\r\n\r\n; about B\r\n[B]\r\nk=1\r\n");
            Assert.True(doc.SetValue("A", "n", "2"));
            Assert.Equal("[A]\r\nn=2\r\n\r\n; about B\r\n[B]\r\nk=1\r\n", Text(doc));
        }

        [Fact]
        public void Adding_after_a_last_line_without_newline_ends_that_line_first()
        {
            IniDocument doc = Doc("[A]\nk=1\nj=2");
            Assert.True(doc.SetValue("A", "n", "3"));
            Assert.Equal("[A]\nk=1\nj=2\nn=3\n", Text(doc));

            IniDocument other = Doc("[A]\r\nk=1");
            Assert.True(other.SetValue("B", "n", "3"));
            Assert.Equal("[A]\r\nk=1\r\n[B]\r\nn=3\r\n", Text(other));
            Assert.Equal(new[] { "A", "B" }, other.SectionNames);
        }

        [Theory]
        [InlineData("a\r\nb\r\nc\n", "\r\n")]
        [InlineData("a\nb\r\nc\n", "\n")]
        [InlineData("a\nb\r\n", "\r\n")]
        [InlineData("no line break", "\r\n")]
        [InlineData("x\n", "\n")]
        public void NewLine_is_the_dominant_line_ending(string text, string expected)
        {
            Assert.Equal(expected, Doc(text).NewLine);
        }

        [Theory]
        [InlineData(Win1252, 1252, false)]
        [InlineData(Utf8Bom, 65001, true)]
        [InlineData(Utf16LeBom, 1200, true)]
        [InlineData(Utf16BeBom, 1201, true)]
        public void Encoding_is_detected_from_the_byte_order_mark(string encoding, int codePage, bool hasBom)
        {
            IniDocument doc = Doc("[A]\nk=é\n", encoding);
            Assert.Equal(codePage, doc.Encoding.CodePage);
            Assert.Equal(hasBom, doc.HasBom);
            Assert.Equal("é", doc.GetValue("A", "k"));
        }

        [Fact]
        public void The_default_encoding_applies_only_without_a_byte_order_mark()
        {
            byte[] utf8 = new UTF8Encoding(false).GetBytes("[A]\nk=é\n");
            Assert.Equal("Ã©", IniDocument.Parse(utf8, "x").GetValue("A", "k"));
            IniDocument doc = IniDocument.Parse(utf8, "x", Encoding.UTF8);
            Assert.Equal("é", doc.GetValue("A", "k"));
            Assert.False(doc.HasBom);
            Assert.Equal(65001, doc.Encoding.CodePage);
            Assert.Equal("é", IniDocument.Parse(Encode(Utf16LeBom, "[A]\nk=é\n"), "x", Encoding.UTF8).GetValue("A", "k"));
        }

        [Fact]
        public void A_UTF_32_default_encoding_is_refused() =>
            Assert.Throws<ArgumentException>(() => IniDocument.Parse(Encode(Win1252, "[A]\n"), "x", Encoding.UTF32));

        [Fact]
        public void Bad_bytes_are_ConfigUnreadable_with_the_line_number() => InCulture("en-US", () =>
        {
            byte[] badUtf8 = { 0xEF, 0xBB, 0xBF, (byte)'[', (byte)'A', (byte)']', 10, (byte)'k', (byte)'=', 0xC3, 0x28, 10 };
            IeaException ex = Unreadable(() => IniDocument.Parse(badUtf8, "C:\\IEA\\ImpactEmploi.ini"));
            Assert.Contains("C:\\IEA\\ImpactEmploi.ini", ex.Message, StringComparison.Ordinal);
            Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
            Assert.Equal(IeaErrorCategory.InvalidData, ex.Category);
            Assert.Equal("C:\\IEA\\ImpactEmploi.ini", ex.TargetObject);
            Assert.False(string.IsNullOrEmpty(ex.RecommendedAction));

            Assert.Contains("line 3", Unreadable(() => IniDocument.Parse(Encode(Win1252, "[A]\r\nk=1\r\nj=\0\r\n"), "x")).Message, StringComparison.Ordinal);
            Assert.Contains("line 1", Unreadable(() => IniDocument.Parse(Encode(Win1252, "a\u0001"), "x")).Message, StringComparison.Ordinal);
            Assert.Contains("line 2", Unreadable(() => IniDocument.Parse(Encode(Win1252, "a\n\u007f\n"), "x")).Message, StringComparison.Ordinal);

            byte[] odd = Encode(Utf16LeBom, "[A]\r\nk=1\r\nj");
            Assert.Contains("line 3", Unreadable(() => IniDocument.Parse(odd[..^1], "x")).Message, StringComparison.Ordinal);
            Assert.Contains("line 2", Unreadable(() => IniDocument.Parse(odd[..^3], "x")).Message, StringComparison.Ordinal);

            byte[] loneSurrogate = Encode(Utf16BeBom, "[A]\nk=").Concat(new byte[] { 0xD8, 0x00, 0, 10 }).ToArray();
            Assert.Contains("line 2", Unreadable(() => IniDocument.Parse(loneSurrogate, "x")).Message, StringComparison.Ordinal);

            Assert.Contains("empty", Unreadable(() => IniDocument.Parse(Array.Empty<byte>(), "x")).Message, StringComparison.Ordinal);
        });

        [Fact]
        public void Messages_are_in_French_too() => InCulture("fr-FR", () =>
        {
            IeaException ex = Unreadable(() => IniDocument.Parse(Encode(Win1252, "a\n\0"), "f.ini"));
            Assert.Contains("ligne 2", ex.Message, StringComparison.Ordinal);
            Assert.Contains("f.ini", ex.Message, StringComparison.Ordinal);
        });

        [Fact]
        public void A_BOM_only_file_is_an_empty_document()
        {
            IniDocument doc = IniDocument.Parse(BomOf(Utf8Bom), "x");
            Assert.Empty(doc.SectionNames);
            Assert.Equal(BomOf(Utf8Bom), doc.ToBytes());
            Assert.True(doc.SetValue("A", "k", "v"));
            Assert.Equal(Encode(Utf8Bom, "[A]\r\nk=v\r\n"), doc.ToBytes());
        }
    }
}
