using System.Text;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>A missing property is added to the deepest object the path reaches, the rest of the file kept byte for byte.</summary>
    public class JsonAddPropertyTests
    {
        private static JsonSettingsDocument Parse(string json) => JsonSettingsDocument.Parse(Encoding.UTF8.GetBytes(json), "t.json");

        private static JsonPath Path(string text) => JsonPath.Parse(text)!;

        public static TheoryData<string, string, string, JsonKind, string> Added() => new TheoryData<string, string, string, JsonKind, string>
        {
            // After the last property, on its own line, with its indent, line end and spacing around ":".
            {
                "{\r\n  \"connexion\": {\r\n    \"type\": \"Direct\",\r\n    \"proxy\"  :  null\r\n  }\r\n}\r\n", "connexion.mode", "S\u00e9curis\u00e9 \"1\"", JsonKind.String,
                "{\r\n  \"connexion\": {\r\n    \"type\": \"Direct\",\r\n    \"proxy\"  :  null,\r\n    \"mode\"  :  \"S\u00e9curis\u00e9 \\\"1\\\"\"\r\n  }\r\n}\r\n"
            },
            // Missing objects on the way, one unit deeper each; the layout's ValueKind makes a number.
            {
                "{\n  \"connexion\": {\n    \"type\": \"Direct\"\n  }\n}", "connexion.proxy.port", "3128", JsonKind.Number,
                "{\n  \"connexion\": {\n    \"type\": \"Direct\",\n    \"proxy\": {\n      \"port\": 3128\n    }\n  }\n}"
            },
            // Tabs.
            {
                "{\n\t\"a\": {\n\t\t\"b\": 1\n\t}\n}", "a.c.d", "true", JsonKind.Boolean,
                "{\n\t\"a\": {\n\t\t\"b\": 1,\n\t\t\"c\": {\n\t\t\t\"d\": true\n\t\t}\n\t}\n}"
            },
            // One line, minified or spaced, as the object is.
            { "{\"a\":{\"b\":1}}", "a.c.d", "x", JsonKind.String, "{\"a\":{\"b\":1,\"c\":{\"d\":\"x\"}}}" },
            { "{ \"a\": { \"b\": 1 } }", "a.c", "3128", JsonKind.String, "{ \"a\": { \"b\": 1, \"c\": \"3128\" } }" },
            // Empty objects.
            { "{\"a\": {}}", "a.c", "x", JsonKind.String, "{\"a\": { \"c\": \"x\" }}" },
            { "{\n  \"a\": {\n  }\n}", "a.c", "x", JsonKind.String, "{\n  \"a\": {\n    \"c\": \"x\"\n  }\n}" },
            { "{}", "a", "x", JsonKind.String, "{ \"a\": \"x\" }" },
            // A comment after the last value stays beside it.
            { "{\n  \"a\": 1 // note\n}\n", "b", "x", JsonKind.String, "{\n  \"a\": 1, // note\n  \"b\": \"x\"\n}\n" },
            { "{ \"a\": 1 /* note */ }", "b", "x", JsonKind.String, "{ \"a\": 1, \"b\": \"x\" /* note */ }" },
            // Through an array item the file has.
            {
                "{\n  \"serveurs\": [\n    { \"nom\": \"auth\" }\n  ]\n}", "serveurs[0].url", "https://impact-emploi.urssaf.fr", JsonKind.String,
                "{\n  \"serveurs\": [\n    { \"nom\": \"auth\", \"url\": \"https://impact-emploi.urssaf.fr\" }\n  ]\n}"
            },
        };

        [Theory]
        [MemberData(nameof(Added))]
        public void Adds_the_missing_property_and_changes_nothing_else(string json, string path, string value, JsonKind kind, string expected)
        {
            var document = Parse(json);
            Assert.False(document.Contains(Path(path)));

            Assert.True(document.SetValue(Path(path), value, kind));

            Assert.Equal(expected, Encoding.UTF8.GetString(document.ToBytes()));
            var reread = JsonSettingsDocument.Parse(document.ToBytes(), "t.json");
            Assert.Equal(value, reread.GetValue(Path(path)));
            Assert.False(reread.SetValue(Path(path), value, kind));
        }

        [Theory]
        [InlineData("{\"a\": null}", "8080", JsonKind.Number, "{\"a\": 8080}")]
        [InlineData("{\"a\": null}", "8080", JsonKind.String, "{\"a\": \"8080\"}")]
        [InlineData("{\"a\": \"1\"}", "2", JsonKind.Number, "{\"a\": \"2\"}")]
        [InlineData("{\"a\": 1}", "2", JsonKind.String, "{\"a\": 2}")]
        public void The_layouts_kind_applies_where_the_file_has_no_type_and_the_files_type_wins_elsewhere(string json, string value, JsonKind kind, string expected)
        {
            var document = Parse(json);
            document.SetValue(Path("a"), value, kind);
            Assert.Equal(expected, Encoding.UTF8.GetString(document.ToBytes()));
        }

        [Theory]
        [InlineData(JsonKind.Number, "proxy")]
        [InlineData(JsonKind.Boolean, "1")]
        public void A_value_not_of_the_layouts_kind_is_refused_naming_the_kind(JsonKind kind, string value)
        {
            var document = Parse("{}");
            var error = Assert.Throws<SettingNotWritableException>(() => document.SetValue(Path("a"), value, kind));
            Assert.Contains(kind.ToString(), error.Reason, System.StringComparison.Ordinal);
            Assert.Equal("{}", Encoding.UTF8.GetString(document.ToBytes()));
        }

        [Theory]
        [InlineData("{\"a\": [1]}", "a.b", "a is a JSON array")]
        [InlineData("{\"a\": \"s\"}", "a.b.c", "a is a JSON string")]
        [InlineData("{\"a\": null}", "a.b", "a is a JSON null")]
        [InlineData("{\"a\": {\"b\": true}}", "a.b.c", "a.b is a JSON boolean")]
        [InlineData("{\"a\": []}", "a[0].b", "a has no item [0]")]
        [InlineData("{\"a\": {}}", "a.b[0]", "a.b has no item [0]")]
        [InlineData("{\"a\": {\"b\": {}}}", "a.b[1].c", "a.b has no item [1]")]
        [InlineData("[1]", "x", "$ is a JSON array")]
        public void An_array_or_a_non_object_on_the_way_is_refused_with_why_and_nothing_changes(string json, string path, string why)
        {
            var document = Parse(json);
            var error = Assert.Throws<IeaException>(() => document.SetValue(Path(path), "v"));
            Assert.Equal(ErrorIds.InvalidSettingValue, error.ErrorId);
            Assert.Contains(path, error.Message, System.StringComparison.Ordinal);
            Assert.Contains(why, error.Message, System.StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
            Assert.Equal(json, Encoding.UTF8.GetString(document.ToBytes()));
        }
    }
}
