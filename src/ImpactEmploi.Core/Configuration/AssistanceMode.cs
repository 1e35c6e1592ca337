using ImpactEmploi.Layouts;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Configuration
{
    /// <summary>Switches assistance mode through the safe write path. Already in the wanted state: nothing is written.</summary>
    public static class AssistanceMode
    {
        public static ConfigUpdateResult Enable(string folder, string configPath, IeaLayout layout, UpdateOptions options) =>
            ConfigEditor.Update(folder, configPath, layout, new DesiredSettings { AssistanceMode = true }, Allowing(options));

        /// <summary>Leaves the password of the day where the layout says IEA checks it, and switches assistance mode off.</summary>
        public static ConfigUpdateResult Disable(string folder, string configPath, IeaLayout layout, string dailyPassword, UpdateOptions options)
        {
            if (!ServerConfigReader.Read(folder, configPath, layout).AssistanceMode)
            {
                Log.Verbose(Text.Format("AssistanceModeAlreadyOff", configPath));
                return new ConfigUpdateResult(System.Array.Empty<SettingChange>(), false, null);
            }

            return ConfigEditor.Update(folder, configPath, layout, new DesiredSettings { AssistanceMode = false, DailyPassword = dailyPassword }, Allowing(options));
        }

        private static UpdateOptions Allowing(UpdateOptions options)
        {
            options.AllowInAssistanceMode = true;
            return options;
        }
    }
}
