using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using ImpactEmploi.Resources;
using ImpactEmploi.Windows;

namespace ImpactEmploi.Logging
{
    /// <summary>
    /// The log folders, in order: the machine-wide one ($env:IEA_PS_LOG_DIR, else %ProgramData%\ImpactEmploi.PS\Logs,
    /// created on Windows with an access list that lets SYSTEM and Administrators append), then this account's own
    /// (%LOCALAPPDATA%\ImpactEmploi.PS\Logs; $XDG_STATE_HOME/impactemploi-ps/logs elsewhere), then the temp folder.
    /// A folder counts only when this account can append to today's file there (a day file created by SYSTEM may
    /// be read-only for a technician's later run).
    /// </summary>
    public static class LogFolders
    {
        public const string DayFilePrefix = "impactemploi-";

        public static string DayFileName(DateTime day) => DayFilePrefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".log";

        public static string PerUser()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ImpactEmploi.PS", "Logs");
            }

            var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrWhiteSpace(state))
            {
                state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            }

            return Path.Combine(state!, "impactemploi-ps", "logs");
        }

        public static IReadOnlyList<string> Candidates() =>
            new[] { Log.DefaultFolder(), PerUser(), Path.Combine(Path.GetTempPath(), "impactemploi-ps", "logs") };

        /// <summary>The first candidate <paramref name="canAppend"/> accepts; a warning when it is not the first.</summary>
        public static LogFolderChoice Choose(IReadOnlyList<string> candidates, Func<string, bool> canAppend)
        {
            if (candidates is null) throw new ArgumentNullException(nameof(candidates));
            if (canAppend is null) throw new ArgumentNullException(nameof(canAppend));
            var tried = new List<string>();
            foreach (var candidate in candidates)
            {
                if (string.IsNullOrWhiteSpace(candidate) || tried.Contains(candidate)) continue;
                if (canAppend(candidate))
                {
                    var warning = tried.Count == 0 ? null : Text.Format("LogFolderFallback", string.Join(", ", tried), candidate);
                    return new LogFolderChoice(candidate, tried, warning);
                }

                tried.Add(candidate);
            }

            return new LogFolderChoice(null, tried, null);
        }

        /// <summary>
        /// Creates <paramref name="folder"/> if needed (the machine-wide one with its access list on Windows) and checks
        /// that this account can append to today's file there.
        /// </summary>
        public static bool CanAppend(string folder, DateTime today)
        {
            try
            {
                if (!Directory.Exists(folder))
                {
                    var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
                    if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && IsMachineWide(folder) && parent != null)
                    {
                        Directory.CreateDirectory(parent);
                        WindowsFolderSecurity.CreateDirectory(folder, WindowsFolderSecurity.MachineLogFolderSddl);
                    }
                    else
                    {
                        Directory.CreateDirectory(folder);
                    }
                }

                // A FIFO or device planted as today's file would block the open for ever: only a regular file (or none) is
                // appended to; anything else sends the events to the next folder.
                var dayFile = Path.Combine(folder, DayFileName(today));
                var kind = Storage.FilePlatform.Current.Describe(dayFile).Kind;
                if (kind != Storage.FileKind.Missing && kind != Storage.FileKind.Regular)
                {
                    return false;
                }

                using (new FileStream(dayFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException
                || e is NotSupportedException || e is System.ComponentModel.Win32Exception || e is System.Security.SecurityException)
            {
                return false;
            }
        }

        private static bool IsMachineWide(string folder) =>
            string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Log.FolderVariable))
            && string.Equals(Path.GetFullPath(folder), Path.GetFullPath(Log.DefaultFolder()), StringComparison.OrdinalIgnoreCase);
    }
}
