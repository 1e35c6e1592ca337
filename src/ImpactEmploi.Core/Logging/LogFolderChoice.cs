using System.Collections.Generic;

namespace ImpactEmploi.Logging
{
    /// <summary>Where the file log goes, and what was tried before: for the warnings that name the folders.</summary>
    public sealed class LogFolderChoice
    {
        public LogFolderChoice(string? folder, IReadOnlyList<string> tried, string? warning)
        {
            Folder = folder;
            Tried = tried;
            Warning = warning;
        }

        /// <summary>The folder to log to; null when no candidate can be written (every event is then lost, with a warning).</summary>
        public string? Folder { get; }
        public IReadOnlyList<string> Tried { get; }
        public string? Warning { get; }
    }
}
