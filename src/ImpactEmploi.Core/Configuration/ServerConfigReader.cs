using System;
using System.Collections.Generic;
using System.Globalization;
using ImpactEmploi.Documents;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Configuration
{
    /// <summary>Reads IEA's connection settings through a layout, and says where they differ from the fiche.</summary>
    public static class ServerConfigReader
    {
        public static IeaServerConfig Read(string folder, string configPath, IeaLayout layout) =>
            Read(SettingsDocuments.Load(configPath, layout), folder, configPath, layout);

        /// <summary>The settings, and what the connection program recorded of its last authentication.</summary>
        public static (IeaServerConfig Config, AuthenticationResult LastResult) ReadWithLastResult(string folder, string configPath, IeaLayout layout)
        {
            var document = SettingsDocuments.Load(configPath, layout);
            var location = layout[Setting.LastAuthenticationResult];
            var name = location.NameFor(document.GetValue(location));
            var last = name != null && Enum.TryParse<AuthenticationResult>(name, out var parsed) ? parsed : AuthenticationResult.Unknown;
            return (Read(document, folder, configPath, layout), last);
        }

        public static IeaServerConfig Read(ISettingsDocument document, string folder, string configPath, IeaLayout layout)
        {
            string? Raw(Setting setting) => document.GetValue(layout[setting]);
            string? Name(Setting setting) => layout[setting].NameFor(Raw(setting));

            var config = new IeaServerConfig
            {
                Path = folder,
                ConfigPath = configPath,
                ConnectionTypeValue = ParseEnum(Name(Setting.ConnectionType), ConnectionType.Direct),
                ProxyHost = NullIfEmpty(Raw(Setting.ProxyHost)),
                ProxyPort = int.TryParse(Raw(Setting.ProxyPort), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : 0,
                ProxySecure = Name(Setting.ProxySecure) == "True",
                AuthenticationServer = NullIfEmpty(Raw(Setting.AuthenticationServer)),
                UpdateServer = NullIfEmpty(Raw(Setting.UpdateServer)),
                NetEntreprisesServer = NullIfEmpty(Raw(Setting.NetEntreprisesServer)),
                AssistanceMode = Name(Setting.AssistanceMode) == "True",
                Version = NullIfEmpty(Raw(Setting.Version)),
            };
            var modeName = Name(Setting.ConnectionMode);
            config.ConnectionModeValue = ParseEnum(modeName, ConnectionMode.Normal);
            config.Deviations = Deviations(config, modeName == null ? Raw(Setting.ConnectionMode) : null, layout.Recommended);
            return config;
        }

        private static List<string> Deviations(IeaServerConfig config, string? unknownModeWord, RecommendedSettings recommended)
        {
            var deviations = new List<string>();
            if (unknownModeWord != null || config.ConnectionModeValue != recommended.ConnectionMode)
            {
                // The dialog's words in the user's language ("Sécurisé" under fr-FR), as the fiche writes them.
                deviations.Add(Text.Format("DeviationConnectionMode", unknownModeWord ?? Text.Get("ConnectionModeWord" + config.ConnectionMode),
                    Text.Get("ConnectionModeWord" + recommended.ConnectionMode)));
            }

            AddAddress(deviations, "DeviationAuthenticationServer", config.AuthenticationServer, recommended.AuthenticationServer);
            AddAddress(deviations, "DeviationUpdateServer", config.UpdateServer, recommended.UpdateServer);
            AddAddress(deviations, "DeviationNetEntreprisesServer", config.NetEntreprisesServer, recommended.NetEntreprisesServer);
            return deviations;
        }

        private static void AddAddress(List<string> deviations, string key, string? actual, Uri expected)
        {
            if (!ServerAddress.AreSame(actual, expected))
            {
                deviations.Add(Text.Format(key, string.IsNullOrEmpty(actual) ? Text.Get("NotSet") : actual, expected.OriginalString));
            }
        }

        private static T ParseEnum<T>(string? name, T fallback) where T : struct =>
            name != null && Enum.TryParse<T>(name, out var value) ? value : fallback;

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
