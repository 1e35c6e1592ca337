using System.Text;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    public class JsonSettingsDocumentTests
    {
        private static JsonSettingsDocument Parse(string json) => JsonSettingsDocument.Parse(Encoding.UTF8.GetBytes(json), "t.json");

        private static JsonPath Path(string text) => JsonPath.Parse(text)!;

        [Theory]
        [InlineData("{\"a\":{\"b\":\"x\\ty\\u00e9\\\"\"}}", "a.b", "x\ty\u00e9\"")]
        [InlineData("{\"a\":[1,{\"b\":-2.5e3}]}", "a[1].b", "-2.5e3")]
        [InlineData("{\"a\":true}", "a", "true")]
        [InlineData("{\"a\":1,\"a\":2}", "a", "2")]
        [InlineData("[\"x\",\"y\"]", "[1]", "y")]
        [InlineData("{ /* c */ \"a\" // c\n : \"v\" }", "a", "v")]
        public void Reads_JSON_values(string json, string path, string value) => Assert.Equal(value, Parse(json).GetValue(Path(path)));

        [Theory]
        [InlineData("{\"a\":null}", "a")]
        [InlineData("{\"a\":{}}", "a")]
        [InlineData("{\"a\":[1]}", "a[1]")]
        [InlineData("{\"a\":1}", "b")]
        [InlineData("{\"a\":1}", "a.b")]
        public void Null_containers_and_missing_paths_are_absent(string json, string path) => Assert.Null(Parse(json).GetValue(Path(path)));

        [Theory]
        [InlineData("")]
        [InlineData("{")]
        [InlineData("{\"a\":1,}")]
        [InlineData("{'a':1}")]
        [InlineData("{\"a\":01}")]
        [InlineData("{\"a\":\"\\x\"}")]
        [InlineData("{\"a\":\"line\nbreak\"}")]
        [InlineData("{} {}")]
        [InlineData("{\"a\":tru}")]
        [InlineData("/* open")]
        public void Malformed_JSON_is_ConfigUnreadable(string json)
        {
            var error = Assert.Throws<IeaException>(() => Parse(json));
            Assert.Equal(ErrorIds.ConfigUnreadable, error.ErrorId);
        }

        [Fact]
        public void Deep_nesting_is_ConfigUnreadable_not_a_stack_overflow()
        {
            var error = Assert.Throws<IeaException>(() => Parse(new string('[', 100000)));
            Assert.Equal(ErrorIds.ConfigUnreadable, error.ErrorId);
        }

        [Theory]
        [InlineData("{\"a\": \"old\" }", "say \"hi\"\\\n\u0001\u00e9", "{\"a\": \"say \\\"hi\\\"\\\\\\n\\u0001\u00e9\" }")]
        [InlineData("{\"a\": 1 }", "8080", "{\"a\": 8080 }")]
        [InlineData("{\"a\": true }", "false", "{\"a\": false }")]
        [InlineData("{\"a\": null }", "x", "{\"a\": \"x\" }")]
        public void Writing_replaces_the_value_and_nothing_else(string json, string value, string expected)
        {
            var document = Parse(json);
            Assert.True(document.SetValue(Path("a"), value));
            Assert.Equal(expected, Encoding.UTF8.GetString(document.ToBytes()));
        }

        [Theory]
        [InlineData("{\"a\": 1 }", "proxy")]
        [InlineData("{\"a\": true }", "1")]
        [InlineData("{\"a\": {} }", "x")]
        public void A_value_of_another_JSON_type_is_refused(string json, string value)
        {
            var document = Parse(json);
            Assert.Throws<SettingNotWritableException>(() => document.SetValue(Path("a"), value));
            Assert.Equal(json, Encoding.UTF8.GetString(document.ToBytes()));
        }

        [Fact]
        public void A_property_that_cannot_be_added_is_InvalidSettingValue_and_the_same_value_changes_nothing()
        {
            var document = Parse("{\"a\": \"x\"}");
            Assert.False(document.SetValue(Path("a"), "x"));
            var error = Assert.Throws<IeaException>(() => document.SetValue(Path("a.b"), "x"));
            Assert.Equal(ErrorIds.InvalidSettingValue, error.ErrorId);
        }
    }
}
