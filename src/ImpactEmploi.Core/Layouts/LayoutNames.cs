using System;
using System.IO;
using System.Linq;

namespace ImpactEmploi.Layouts
{
    /// <summary>
    /// The file names a layout may give: IEA runs on Windows, so Windows' rules apply on every platform, and a
    /// layout can never name a file outside the installation folder.
    /// </summary>
    public static class LayoutNames
    {
        private static readonly char[] Separators = { '\\', '/' };

        // Windows' invalid file name characters (on every platform) and, for a settings file, PowerShell's wildcards.
        private static readonly char[] InvalidInName = Enumerable.Range(0, 32).Select(c => (char)c)
            .Concat(new[] { '<', '>', ':', '"', '|', '?', '*' }).ToArray();

        private static readonly char[] Wildcards = { '[', ']' };

        /// <summary>A bare file name ("ServeurConnexion.exe"): no folder, no "." or "..", nothing Windows refuses.</summary>
        public static bool IsBareFileName(string name) =>
            name.IndexOfAny(Separators) < 0 && IsPlainSegment(name);

        /// <summary>
        /// A relative path of plain segments ("conf\ImpactEmploi.config", '\' or '/' between them), with the
        /// platform's separator; null when a segment is empty, "." or "..", or holds a character Windows or
        /// PowerShell's wildcards would read otherwise (rooted paths and drive letters included).
        /// </summary>
        public static string? RelativeFilePath(string path)
        {
            var segments = path.Split(Separators);
            return segments.All(segment => IsPlainSegment(segment) && segment.IndexOfAny(Wildcards) < 0)
                ? string.Join(Path.DirectorySeparatorChar.ToString(), segments)
                : null;
        }

        /// <summary>The segments of a layout's FileName, as <see cref="RelativeFilePath"/> wrote them.</summary>
        public static string[] Segments(string fileName) => fileName.Split(Separators);

        private static bool IsPlainSegment(string segment) =>
            segment.Trim().Length > 0 && segment != "." && segment != ".." && segment.IndexOfAny(InvalidInName) < 0 &&
            segment == segment.Trim() && !segment.EndsWith(".", StringComparison.Ordinal);
    }
}
