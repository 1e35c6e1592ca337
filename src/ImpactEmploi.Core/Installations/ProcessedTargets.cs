using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using ImpactEmploi.Storage;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// What one command has already processed, so that a target reached twice (-Path A,A; 'X\*' and 'X\A'; a folder and
    /// its settings file; the same object twice on the pipeline) is processed once: one backup, one prompt. Compared
    /// by full path, ignoring case on Windows only, as the file system does; an existing file also by its identity
    /// (device and inode, volume and file index), so one reached through a linked folder or a Windows short name
    /// (<c>ASSO~1</c>) is the same file too.
    /// </summary>
    public sealed class ProcessedTargets
    {
        private readonly HashSet<string> _seen;
        private readonly HashSet<(ulong Device, ulong Inode)> _files = new HashSet<(ulong Device, ulong Inode)>();

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

            return _seen.Add(full) && IsFirstFile(full);
        }

        private bool IsFirstFile(string fullPath)
        {
            FileFacts facts;
            try
            {
                facts = FilePlatform.Current.Describe(fullPath);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                // What cannot be described is left to the command, which says why.
                return true;
            }

            return facts.Inode == 0 || _files.Add((facts.Device, facts.Inode));
        }
    }
}
