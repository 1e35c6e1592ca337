using System.Globalization;
using System.Resources;

namespace ImpactEmploi.Resources
{
    /// <summary>
    /// Every message a user reads comes from Messages.resx (English) and Messages.fr.resx (French),
    /// chosen by the current UI culture, English as fallback.
    /// </summary>
    public static class Text
    {
        private static readonly ResourceManager Manager =
            new ResourceManager("ImpactEmploi.Resources.Messages", typeof(Text).Assembly);

        /// <summary>The text for <paramref name="key"/>; the key itself when missing (a test keeps that from happening).</summary>
        public static string Get(string key) => Manager.GetString(key, CultureInfo.CurrentUICulture) ?? key;

        public static string Format(string key, params object?[] args) =>
            string.Format(CultureInfo.CurrentCulture, Get(key), args);

        /// <summary>The French text for <paramref name="key"/>, whatever the UI culture: the mail to URSSAF's support is French.</summary>
        public static string GetFrench(string key) => Manager.GetString(key, French) ?? key;

        public static string FormatFrench(string key, params object?[] args) =>
            string.Format(French, GetFrench(key), args);

        private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

        internal static ResourceManager ResourceManager => Manager;
    }
}
