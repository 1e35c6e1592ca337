using System;
using System.IO;

namespace ImpactEmploi
{
    /// <summary>
    /// The one way the module writes a folder path before comparing it: full, without a trailing separator (a root
    /// keeps its own). How to compare stays with the caller, for a stated reason: discovery follows the file
    /// system (no case on Windows), while the process table and the support journal ignore case everywhere, since
    /// a false match there errs on the safe side (a write refused, a duplicate mail announced).
    /// </summary>
    public static class FolderPaths
    {
        public static string Normalize(string path)
        {
            var full = Path.GetFullPath(path);
            var root = Path.GetPathRoot(full);
            return full.Length > (root?.Length ?? 0) ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
        }

        /// <summary>True when <paramref name="path"/> lies inside <paramref name="folder"/> (at any depth).</summary>
        public static bool IsUnder(string path, string folder, StringComparison comparison)
        {
            var prefix = Normalize(folder);
            if (prefix[prefix.Length - 1] != Path.DirectorySeparatorChar && prefix[prefix.Length - 1] != Path.AltDirectorySeparatorChar)
            {
                prefix += Path.DirectorySeparatorChar;
            }

            return Path.GetFullPath(path).StartsWith(prefix, comparison);
        }
    }
}
