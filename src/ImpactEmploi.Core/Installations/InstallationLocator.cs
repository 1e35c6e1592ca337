using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ImpactEmploi.Layouts;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// Finds IEA installations in the order of the public contract (docs/ARCHITECTURE.md): $env:IEA_HOME (one or more folders), the Windows
    /// uninstall entries whose DisplayName matches Impact*Emploi*, then the usual folders. A folder counts only
    /// when it holds the settings file the layout names.
    /// </summary>
    public sealed class InstallationLocator
    {
        public const string HomeVariable = "IEA_HOME";
        private static readonly Regex DisplayNamePattern = new Regex("^Impact.*Emploi", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private readonly IUninstallEntries _uninstallEntries;
        private readonly Func<string, string?> _environment;
        private readonly bool _isWindows;
        private readonly Func<IEnumerable<string>> _userProfiles;

        public InstallationLocator(IUninstallEntries uninstallEntries, Func<string, string?> environment, bool isWindows,
            Func<IEnumerable<string>>? userProfiles = null)
        {
            _uninstallEntries = uninstallEntries;
            _environment = environment;
            _isWindows = isWindows;
            _userProfiles = userProfiles ?? (() => Array.Empty<string>());
        }

        public static InstallationLocator ForThisMachine() =>
            new InstallationLocator(new WindowsUninstallEntries(), Environment.GetEnvironmentVariable,
                RuntimeInformation.IsOSPlatform(OSPlatform.Windows), WindowsUserProfiles.Folders);

        /// <summary>The candidate folders, in order, without duplicates, before checking for the settings file.</summary>
        public IReadOnlyList<string> CandidateFolders()
        {
            var folders = new List<string>();
            var home = _environment(HomeVariable);
            if (!string.IsNullOrWhiteSpace(home))
            {
                folders.AddRange(home!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries));
            }

            foreach (var entry in _uninstallEntries.Read())
            {
                var folder = DisplayNamePattern.IsMatch(entry.DisplayName) ? FolderOf(entry) : null;
                if (folder != null)
                {
                    folders.Add(folder);
                }
            }

            if (_isWindows)
            {
                folders.Add((_environment("SystemDrive") ?? "C:") + @"\ImpactEmploi");
                foreach (var variable in new[] { "ProgramFiles(x86)", "ProgramFiles", "ProgramW6432" })
                {
                    var programFiles = _environment(variable);
                    if (!string.IsNullOrWhiteSpace(programFiles))
                    {
                        folders.Add(Path.Combine(programFiles!, "ImpactEmploi"));
                    }
                }
            }

            return Distinct(folders);
        }

        /// <summary>The installations found on this machine: (folder, settings file) pairs.</summary>
        public IReadOnlyList<(string Folder, string ConfigPath)> Discover(IeaLayout layout)
        {
            var found = new List<(string, string)>();
            foreach (var folder in CandidateFolders())
            {
                var config = Path.Combine(folder, layout.FileName);
                if (File.Exists(config))
                {
                    found.Add((folder, config));
                    foreach (var copy in VirtualStoreCopies(config))
                    {
                        LogPump.Current?.Enqueue(PumpLevel.Warning, Text.Format("VirtualStoreCopy", config, copy));
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// The installation folder of an uninstall entry: InstallLocation, else the folder of DisplayIcon, else that of
        /// UninstallString (unless it is Windows Installer's msiexec).
        /// </summary>
        public static string? FolderOf(UninstallEntry entry)
        {
            if (entry is null) throw new ArgumentNullException(nameof(entry));
            if (!string.IsNullOrWhiteSpace(entry.InstallLocation))
            {
                return entry.InstallLocation!.Trim().Trim('"');
            }

            var program = ProgramOf(entry.DisplayIcon, isIcon: true) ?? ProgramOf(entry.UninstallString, isIcon: false);
            if (program is null || string.Equals(Path.GetFileName(program), "msiexec.exe", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var folder = Path.GetDirectoryName(program);
            return string.IsNullOrEmpty(folder) ? null : folder;
        }

        private static string? ProgramOf(string? command, bool isIcon)
        {
            if (string.IsNullOrWhiteSpace(command)) return null;
            var text = command!.Trim();
            if (text.StartsWith("\"", StringComparison.Ordinal))
            {
                var end = text.IndexOf('"', 1);
                return end > 1 ? text.Substring(1, end - 1) : null;
            }

            if (isIcon)
            {
                // "C:\IEA\IEA.exe,0": the icon's index follows the last comma.
                var comma = text.LastIndexOf(',');
                return comma > 0 && int.TryParse(text.Substring(comma + 1).Trim(), out _) ? text.Substring(0, comma).Trim() : text;
            }

            var exe = text.IndexOf(".exe", StringComparison.OrdinalIgnoreCase);
            return exe > 0 ? text.Substring(0, exe + 4) : null;
        }

        /// <summary>
        /// Copies of a settings file under Program Files or Windows that Windows redirected to a user's VirtualStore: a
        /// 32-bit IEA without the right to write there writes, and then reads, that copy for that user.
        /// </summary>
        public IReadOnlyList<string> VirtualStoreCopies(string configPath)
        {
            var copies = new List<string>();
            var full = Path.GetFullPath(configPath);
            var comparison = _isWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var virtualized = false;
            foreach (var variable in new[] { "ProgramFiles(x86)", "ProgramFiles", "ProgramW6432", "windir" })
            {
                var folder = _environment(variable);
                if (!string.IsNullOrWhiteSpace(folder)
                    && full.StartsWith(Path.GetFullPath(folder!).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, comparison))
                {
                    virtualized = true;
                }
            }

            if (!virtualized) return copies;
            var relative = full.Substring((Path.GetPathRoot(full) ?? "").Length);
            foreach (var profile in _userProfiles())
            {
                var copy = Path.Combine(profile, "AppData", "Local", "VirtualStore", relative);
                if (File.Exists(copy)) copies.Add(copy);
            }

            return copies;
        }

        /// <summary>
        /// A folder or settings-file path the user gave, checked: a folder holding the layout's FileName, or that
        /// file itself (its path ends with FileName's segments; the folder is what precedes them). Anything else,
        /// however named, is InstallationNotFound, so that no other file is ever opened for writing.
        /// </summary>
        public static (string Folder, string ConfigPath) Resolve(string path, IeaLayout layout) =>
            Resolve(path, layout, RuntimeInformation.IsOSPlatform(OSPlatform.Windows));

        /// <summary>As <see cref="Resolve(string, IeaLayout)"/>; file names compare ignoring case when <paramref name="isWindows"/>.</summary>
        public static (string Folder, string ConfigPath) Resolve(string path, IeaLayout layout, bool isWindows)
        {
            var full = FolderPaths.Normalize(path);
            if (Directory.Exists(full))
            {
                var config = Path.Combine(full, layout.FileName);
                if (File.Exists(config))
                {
                    return (full, config);
                }
            }
            else if (File.Exists(full))
            {
                var folder = FolderOfSettingsFile(full, layout, isWindows);
                if (folder != null)
                {
                    return (folder, full);
                }

                throw new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                    Text.Format("NotASettingsFile", path, layout.FileName, layout.Name), path, Text.Format("InstallationNotFoundAction", layout.FileName));
            }

            throw new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                Text.Format("InstallationNotFound", path, layout.FileName), path, Text.Format("InstallationNotFoundAction", layout.FileName));
        }

        /// <summary>The installation folder of <paramref name="file"/> when its path ends with the layout's FileName, else null.</summary>
        private static string? FolderOfSettingsFile(string file, IeaLayout layout, bool isWindows)
        {
            var comparison = isWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var segments = LayoutNames.Segments(layout.FileName);
            var current = file;
            for (var i = segments.Length - 1; i >= 0; i--)
            {
                var parent = Path.GetDirectoryName(current);
                if (parent == null || !string.Equals(Path.GetFileName(current), segments[i], comparison))
                {
                    return null;
                }

                current = parent;
            }

            return current;
        }

        private List<string> Distinct(List<string> folders)
        {
            var comparer = _isWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            var seen = new HashSet<string>(comparer);
            var result = new List<string>();
            foreach (var folder in folders)
            {
                string normalized;
                try
                {
                    normalized = FolderPaths.Normalize(folder);
                }
                catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
                {
                    continue;
                }

                if (seen.Add(normalized))
                {
                    result.Add(normalized);
                }
            }

            return result;
        }
    }
}
