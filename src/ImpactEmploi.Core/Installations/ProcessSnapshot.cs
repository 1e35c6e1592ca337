using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// The running processes' names, read once per command (a terminal server may hold hundreds of installations).
    /// A matching process whose path cannot be read (another user's, without elevation) counts as running from
    /// every folder: refusing a write is safer than editing a file IEA has open.
    /// </summary>
    public sealed class ProcessSnapshot : IProcessTable
    {
        private readonly List<(string Name, int Id)> _processes = new List<(string, int)>();

        public ProcessSnapshot()
        {
            foreach (var process in Process.GetProcesses())
            {
                using (process)
                {
                    try
                    {
                        _processes.Add((process.ProcessName, process.Id));
                    }
                    catch (InvalidOperationException)
                    {
                        // Exited while being listed.
                    }
                }
            }
        }

        public bool IsRunning(string imageName, string folder) => Find(imageName, folder).Count > 0;

        public IReadOnlyList<int> Find(string imageName, string folder)
        {
            var found = new List<int>();
            var bare = Path.GetFileNameWithoutExtension(imageName);
            foreach (var (name, id) in _processes)
            {
                if (!string.Equals(name, bare, StringComparison.OrdinalIgnoreCase) &&
                    !string.Equals(name, imageName, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                try
                {
                    using var process = Process.GetProcessById(id);
                    var path = process.MainModule?.FileName;
                    if (path == null || FolderPaths.IsUnder(path, folder, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add(id);
                    }
                }
                catch (ArgumentException)
                {
                    // Exited since the snapshot.
                }
                catch (Exception e) when (e is Win32Exception || e is InvalidOperationException || e is NotSupportedException)
                {
                    found.Add(id);
                }
            }

            return found;
        }
    }
}
