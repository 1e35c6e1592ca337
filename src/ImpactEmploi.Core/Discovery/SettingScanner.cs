using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ImpactEmploi.Ini;
using ImpactEmploi.Layouts;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// Finds the values of an installation that look like the fiche's settings: in its text files (INI, XML and
    /// .config, Java .properties, JSON; binary files are told by their first bytes and never read further) and, when
    /// given a registry, in the keys that name IEA or URSSAF. Read-only; links and junctions are not followed, so the
    /// search never leaves the installation folder.
    /// </summary>
    public sealed class SettingScanner
    {
        /// <summary>The module's own backup folder: its copies of the settings file are not settings.</summary>
        private const string BackupFolderName = "ImpactEmploi.PS";

        private static readonly HashSet<string> BinaryExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".exe", ".dll", ".ocx", ".sys", ".msi", ".cab", ".zip", ".jar", ".7z", ".rar", ".gz", ".pdf", ".png", ".jpg", ".jpeg",
            ".gif", ".bmp", ".ico", ".tif", ".tiff", ".mdb", ".accdb", ".db", ".sqlite", ".fdb", ".gdb", ".ttf", ".otf", ".chm",
            ".wav", ".mp3", ".mp4", ".avi", ".bin", ".dat", ".pak", ".class", ".pdb", ".lib", ".obj", ".bpl", ".res", ".doc", ".xls",
        };

        private readonly ScanLimits _limits;
        private readonly IRegistryReader? _registry;

        public SettingScanner(ScanLimits? limits = null, IRegistryReader? registry = null)
        {
            _limits = limits ?? new ScanLimits();
            _registry = registry;
        }

        /// <summary>The candidates of one installation folder: its files first, in folder order, then the registry.</summary>
        public List<IeaSettingCandidate> Scan(string installationFolder)
        {
            var root = Path.GetFullPath(installationFolder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            if (root.Length == 0 || !Directory.Exists(root))
            {
                throw new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                    Text.Format("FindFolderMissing", installationFolder), installationFolder, Text.Get("FindFolderMissingAction"));
            }

            var found = new List<IeaSettingCandidate>();
            var counts = new ScanCounts();
            var pending = new Stack<(DirectoryInfo Folder, int Depth)>();
            pending.Push((new DirectoryInfo(root), 0));
            while (pending.Count > 0 && counts.Entries < _limits.MaxEntries)
            {
                var (folder, depth) = pending.Pop();
                IEnumerable<FileSystemInfo> entries;
                try
                {
                    entries = folder.EnumerateFileSystemInfos().ToList();
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
                {
                    Log.Verbose(Text.Format("FindFolderUnreadable", folder.FullName, e.Message));
                    continue;
                }

                foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase))
                {
                    if (++counts.Entries > _limits.MaxEntries)
                    {
                        Log.Verbose(Text.Format("FindTooManyEntries", root, _limits.MaxEntries));
                        break;
                    }

                    if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                    {
                        counts.Links++;
                        Log.Verbose(Text.Format("FindLinkSkipped", entry.FullName));
                        continue;
                    }

                    if (entry is DirectoryInfo subfolder)
                    {
                        if (depth < _limits.MaxDepth && !subfolder.Name.Equals(BackupFolderName, StringComparison.OrdinalIgnoreCase))
                        {
                            pending.Push((subfolder, depth + 1));
                        }
                    }
                    else if (entry is FileInfo file)
                    {
                        ScanFile(root, file, found, counts);
                    }
                }
            }

            Log.Verbose(Text.Format("FindScanned", root, counts.Entries, counts.TextFiles, counts.Skipped, counts.Links, found.Count));
            if (_registry != null)
            {
                found.AddRange(new RegistrySettingScanner(_registry).Scan(root));
            }

            return found;
        }

        private void ScanFile(string root, FileInfo file, List<IeaSettingCandidate> found, ScanCounts counts)
        {
            if (BinaryExtensions.Contains(file.Extension) || file.Length == 0 || file.Length > _limits.MaxFileBytes)
            {
                counts.Skipped++;
                return;
            }

            byte[] bytes;
            try
            {
                using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
                var head = new byte[Math.Min(TextSniffer.HeadBytes, (int)file.Length)];
                var count = ReadFully(stream, head);
                if (!TextSniffer.LooksLikeText(head, count))
                {
                    counts.Skipped++;
                    return;
                }

                var length = stream.Length;
                if (length > _limits.MaxFileBytes)
                {
                    counts.Skipped++;
                    return;
                }

                bytes = new byte[length];
                Array.Copy(head, bytes, count);
                var total = count + ReadFully(stream, bytes, count);
                if (total < bytes.Length)
                {
                    Array.Resize(ref bytes, total);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.Verbose(Text.Format("FindFileUnreadable", file.FullName, e.Message));
                counts.Skipped++;
                return;
            }

            counts.TextFiles++;
            var relative = file.FullName.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var (text, encodingName) = TextSniffer.Decode(bytes, Latin1, "windows-1252");
            var format = FormatOf(file.Extension, text);
            if (format == null)
            {
                return;
            }

            var fileWords = Path.GetFileNameWithoutExtension(file.Name);
            List<NamedValue> values;
            switch (format.Value)
            {
                case SettingFormat.Ini:
                    values = IniValues(bytes, file.FullName, encodingName, fileWords);
                    break;
                case SettingFormat.Xml:
                    values = XmlEntries.Read(text);
                    encodingName = DeclaredEncoding.Match(text) is { Success: true } declared ? declared.Groups[1].Value
                        : encodingName.StartsWith("utf-16", StringComparison.Ordinal) ? encodingName : "utf-8";
                    break;
                case SettingFormat.Json:
                    values = JsonEntries.Read(text);
                    encodingName = encodingName == "windows-1252" && IsAscii(text) ? "utf-8" : encodingName;
                    break;
                default:
                    values = PropertiesEntries.Read(text, fileWords);
                    encodingName = encodingName == "utf-8" ? "utf-8" : "iso-8859-1";
                    break;
            }

            foreach (var value in values)
            {
                var guess = SettingClassifier.Classify(value.Name, value.Context + " " + fileWords, value.Value);
                if (guess == null)
                {
                    continue;
                }

                found.Add(new IeaSettingCandidate
                {
                    Location = file.FullName,
                    Path = root,
                    RelativePath = relative,
                    FormatValue = format.Value,
                    Section = value.Section,
                    Key = value.Key,
                    XPath = value.XPath,
                    XmlNamespaces = value.XmlNamespaces,
                    JsonPath = value.JsonPath,
                    Encoding = encodingName,
                    Entry = value.Entry,
                    Value = guess.Setting == Setting.DailyPassword && value.Value.Length > 0 ? "***" : value.Value,
                    SettingValue = guess.Setting,
                    ConfidenceValue = guess.Confidence,
                    Reason = guess.Reason,
                });
            }
        }

        private static readonly System.Text.RegularExpressions.Regex DeclaredEncoding = new System.Text.RegularExpressions.Regex(
            @"^\s*<\?xml[^>]*\sencoding\s*=\s*[""']([A-Za-z0-9._-]+)[""']", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static bool IsAscii(string text) => text.All(c => c < 0x80);

        private static System.Text.Encoding Latin1 => System.Text.Encoding.GetEncoding(28591);

        private static List<NamedValue> IniValues(byte[] bytes, string path, string encodingName, string fileWords)
        {
            IniDocument document;
            try
            {
                document = IniDocument.Parse(bytes, path, TextEncodings.Named(encodingName) ?? TextEncodings.Windows1252);
            }
            catch (Exception e) when (e is IeaException || e is ArgumentException || e is System.Text.DecoderFallbackException)
            {
                return new List<NamedValue>();
            }

            // A section-less key cannot be placed by a layout (Section must not be empty).
            return document.Entries()
                .Where(entry => entry.Section.Length > 0)
                .Select(entry => new NamedValue(entry.Key, entry.Section + " " + fileWords, entry.Value, "[" + entry.Section + "] " + entry.Key)
                {
                    Section = entry.Section,
                    Key = entry.Key,
                })
                .ToList();
        }

        /// <summary>The format by extension; for other text files, by their first characters and lines.</summary>
        internal static SettingFormat? FormatOf(string extension, string text)
        {
            switch (extension.ToLowerInvariant())
            {
                case ".ini":
                case ".cfg":
                case ".inf":
                    return SettingFormat.Ini;
                case ".xml":
                case ".config":
                    return SettingFormat.Xml;
                case ".properties":
                    return SettingFormat.Properties;
                case ".json":
                    return SettingFormat.Json;
            }

            var start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            if (start.StartsWith("<", StringComparison.Ordinal))
            {
                return SettingFormat.Xml;
            }

            if (start.StartsWith("{", StringComparison.Ordinal))
            {
                return SettingFormat.Json;
            }

            var lines = start.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != ';' && l[0] != '#' && l[0] != '!').Take(200).ToList();
            if (lines.Any(l => l.Length > 2 && l[0] == '[' && l[l.Length - 1] == ']'))
            {
                return SettingFormat.Ini;
            }

            return lines.Count > 0 && lines.Count(l => l.IndexOf('=') > 0 || l.IndexOf(':') > 0) * 2 >= lines.Count
                ? SettingFormat.Properties
                : (SettingFormat?)null;
        }

        private static int ReadFully(Stream stream, byte[] buffer, int offset = 0)
        {
            var read = 0;
            int n;
            while (offset + read < buffer.Length && (n = stream.Read(buffer, offset + read, buffer.Length - offset - read)) > 0)
            {
                read += n;
            }

            return read;
        }

        private sealed class ScanCounts
        {
            public int Entries;
            public int TextFiles;
            public int Skipped;
            public int Links;
        }
    }
}
