using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// What one command has already processed, so that a target reached twice (-Path A,A; 'X\*' and 'X\A'; a folder and
    /// its settings file; the same object twice on the pipeline) is processed once: one backup, one prompt. Compared
    /// by full path, ignoring case on Windows only, as the file system does.
    /// </summary>
    public sealed class ProcessedTargets
    {
        private readonly HashSet<string> _seen;

        public ProcessedTargets(bool isWindows) =>
            _seen = new HashSet<string>(isWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        public static ProcessedTargets ForThisMachine() => new ProcessedTargets(RuntimeInformation.IsOSPlatform(OSPlatform.Windows));

        /// <summary>True the first time <paramref name="path"/> (a settings file, or a folder) is given; false after.</summary>
        public bool IsFirst(string path)
        {
            string full;
            try
            {
                full = FolderPaths.Normalize(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is System.IO.PathTooLongException)
            {
                // Not a path the system can make full (.NET Framework refuses * and ?): compared as written.
                full = path;
            }

            return _seen.Add(full);
        }
    }
}
