using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ImpactEmploi.Layouts;
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

        public InstallationLocator(IUninstallEntries uninstallEntries, Func<string, string?> environment, bool isWindows)
        {
            _uninstallEntries = uninstallEntries;
            _environment = environment;
            _isWindows = isWindows;
        }

        public static InstallationLocator ForThisMachine() =>
            new InstallationLocator(new WindowsUninstallEntries(), Environment.GetEnvironmentVariable,
                RuntimeInformation.IsOSPlatform(OSPlatform.Windows));

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
                if (DisplayNamePattern.IsMatch(entry.DisplayName) && !string.IsNullOrWhiteSpace(entry.InstallLocation))
                {
                    folders.Add(entry.InstallLocation!.Trim().Trim('"'));
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
                }
            }

            return found;
        }

        /// <summary>A folder or settings-file path the user gave, checked; InstallationNotFound when it is neither.</summary>
        public static (string Folder, string ConfigPath) Resolve(string path, IeaLayout layout)
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
                return (Path.GetDirectoryName(full) ?? full, full);
            }

            throw new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                Text.Format("InstallationNotFound", path, layout.FileName), path, Text.Format("InstallationNotFoundAction", layout.FileName));
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
