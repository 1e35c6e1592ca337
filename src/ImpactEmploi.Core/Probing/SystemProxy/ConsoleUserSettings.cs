namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>The Internet settings of the user logged on to the PC's console, read on behalf of that user.</summary>
    public sealed class ConsoleUserSettings
    {
        public ConsoleUserSettings(string userName, InternetSettings? settings, string? problem)
        {
            UserName = userName;
            Settings = settings;
            Problem = problem;
        }

        /// <summary>DOMAIN\user, for messages.</summary>
        public string UserName { get; }

        /// <summary>The settings; null when they could not be read (see <see cref="Problem"/>).</summary>
        public InternetSettings? Settings { get; }

        /// <summary>Why the settings could not be read, when <see cref="Settings"/> is null.</summary>
        public string? Problem { get; }
    }
}
