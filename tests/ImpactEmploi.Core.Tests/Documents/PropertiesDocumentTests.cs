using System.Text;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    public class PropertiesDocumentTests
    {
        private static PropertiesDocument Parse(string text) => PropertiesDocument.Parse(Encoding.Latin1.GetBytes(text), "t.properties");

        [Theory]
        [InlineData("a=b", "a", "b")]
        [InlineData("a:b", "a", "b")]
        [InlineData("a b", "a", "b")]
        [InlineData("  a \t =  b c ", "a", "b c ")]
        [InlineData("a\\:b=c", "a:b", "c")]
        [InlineData("a\\=b\\ c=d", "a=b c", "d")]
        [InlineData("a=\\u00e9t\\u00C9", "a", "\u00e9t\u00c9")]
        [InlineData("a=x\\\\", "a", "x\\")]
        [InlineData("a=one\\\n   two\\\r\n\tthree", "a", "onetwothree")]
        [InlineData("a=\\t\\n\\r\\f\\q", "a", "\t\n\r\fq")]
        [InlineData("a", "a", "")]
        [InlineData("a=1\nb=2\na=3", "a", "3")]
        public void Reads_as_java_util_Properties(string text, string key, string value) => Assert.Equal(value, Parse(text).GetValue(key));

        [Theory]
        [InlineData("# a=b")]
        [InlineData("   ! a=b")]
        [InlineData("#a=b\\\n")]
        public void Comments_hold_no_key(string text) => Assert.Null(Parse(text).GetValue("a"));

        [Fact]
        public void A_comment_ending_in_a_backslash_does_not_continue()
        {
            Assert.Equal("c", Parse("# note \\\nb=c").GetValue("b"));
        }

        [Theory]
        [InlineData("a=\\u00G1")]
        [InlineData("a=\\u12")]
        [InlineData("a=b\u0000")]
        public void Damaged_input_is_ConfigUnreadable(string text)
        {
            var error = Assert.Throws<IeaException>(() => Parse(text));
            Assert.Equal(ErrorIds.ConfigUnreadable, error.ErrorId);
            Assert.Contains("t.properties", error.Message, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(" leading", "\\ leading")]
        [InlineData("back\\slash", "back\\\\slash")]
        [InlineData("two\nlines", "two\\nlines")]
        [InlineData("a=b:c#d", "a=b:c#d")]
        [InlineData("\u20ac uro", "\\u20AC uro")]
        [InlineData("caf\u00e9", "caf\u00e9")]
        public void Writing_escapes_what_Latin1_and_the_syntax_require(string value, string written)
        {
            var document = Parse("# \u00e9t\u00e9\r\nk=old\r\nz=1\r\n");
            Assert.Equal(28591, document.Encoding.CodePage);
            Assert.True(document.SetValue("k", value));
            Assert.Equal("# \u00e9t\u00e9\r\nk=" + written + "\r\nz=1\r\n", Encoding.Latin1.GetString(document.ToBytes()));
            Assert.Equal(value, PropertiesDocument.Parse(document.ToBytes(), "t").GetValue("k"));
        }

        [Fact]
        public void An_ASCII_file_gets_accents_as_escapes_that_read_the_same_in_ISO_8859_1_and_UTF8()
        {
            var document = Parse("k=old\n");
            document.SetValue("k", "caf\u00e9");
            Assert.Equal("k=caf\\u00E9\n", Encoding.ASCII.GetString(document.ToBytes()));
        }

        [Fact]
        public void A_UTF8_file_keeps_characters_beyond_Latin1_as_they_are()
        {
            var document = PropertiesDocument.Parse(Encoding.UTF8.GetBytes("k=\u00e9\n"), "t");
            document.SetValue("k", "\u20ac");
            Assert.Equal("k=\u20ac\n", Encoding.UTF8.GetString(document.ToBytes()));
        }

        [Fact]
        public void The_same_value_changes_nothing_and_a_missing_key_is_added_at_the_end()
        {
            var document = Parse("a = 1\nb=2");
            Assert.False(document.SetValue("a", "1"));
            Assert.True(document.SetValue("c d", "3"));
            Assert.Equal("a = 1\nb=2\nc\\ d=3\n", Encoding.Latin1.GetString(document.ToBytes()));
            Assert.Equal("3", document.GetValue("c d"));
        }

        [Fact]
        public void The_last_of_a_repeated_key_is_the_one_changed()
        {
            var document = Parse("a=1\na=2\n");
            document.SetValue("a", "3");
            Assert.Equal("a=1\na=3\n", Encoding.Latin1.GetString(document.ToBytes()));
        }

        [Fact]
        public void A_key_that_would_join_a_continued_last_line_is_refused_and_nothing_changes()
        {
            var document = Parse("a=1\\");
            Assert.Throws<SettingNotWritableException>(() => document.SetValue("b", "2"));
            Assert.Equal("a=1\\", Encoding.Latin1.GetString(document.ToBytes()));
        }
    }
}
