using System;
using System.Globalization;
using System.IO;
using System.Text;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Support
{
    /// <summary>
    /// Remembers the support requests made, so that the same one is not sent twice (the fiche: duplicates overload
    /// the support mailbox). One line per request, tab-separated, each field percent-encoded; lines it cannot read
    /// are ignored.
    /// </summary>
    public sealed class SupportRequestJournal
    {
        private const string Version = "v1";
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        public SupportRequestJournal(string folder)
        {
            if (string.IsNullOrWhiteSpace(folder)) throw new ArgumentException(Text.Get("SupportPathRequired"), nameof(folder));
            FilePath = System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), "support-requests.log");
        }

        public string FilePath { get; }

        public void Record(IeaSupportRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(request.Path)) throw new ArgumentException(Text.Get("SupportPathRequired"), nameof(request));
            string line = string.Join("\t", Version,
                request.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
                Uri.EscapeDataString(Normalize(request.Path)),
                Uri.EscapeDataString(request.Subject ?? ""),
                Uri.EscapeDataString(request.OutFile ?? "")) + "\n";

            try
            {
                Append(line);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // The draft is written already: losing the journal line only weakens the duplicate check, so say so and go on.
                LogPump.Current?.Enqueue(PumpLevel.Warning, Text.Format("SupportJournalLineLost", request.Subject, request.Path, FilePath, e.Message));
            }
        }

        private void Append(string line)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FilePath)!);
            using var stream = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
            // A line cut by a crash must not swallow this one.
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                if (stream.ReadByte() != '\n') line = "\n" + line;
            }
            stream.Seek(0, SeekOrigin.End);
            byte[] bytes = Utf8.GetBytes(line);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }

        /// <summary>
        /// The latest request for the same installation and subject made less than <paramref name="window"/> before
        /// (or after, should the clock have moved back) <paramref name="now"/>; null when there is none.
        /// </summary>
        public SupportRequestJournalEntry? FindRecent(string path, string subject, DateTimeOffset now, TimeSpan window)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (subject is null) throw new ArgumentNullException(nameof(subject));
            if (!File.Exists(FilePath)) return null;

            try
            {
                return FindIn(Normalize(path), subject, now, window);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                LogPump.Current?.Enqueue(PumpLevel.Warning, Text.Format("SupportJournalUnreadable", FilePath, e.Message));
                return null;
            }
        }

        private SupportRequestJournalEntry? FindIn(string wantedPath, string subject, DateTimeOffset now, TimeSpan window)
        {
            SupportRequestJournalEntry? found = null;
            using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // No BOM detection: garbage starting with FF FE would make every line UTF-16.
            using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: false);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                SupportRequestJournalEntry? entry = Parse(line);
                if (entry is null
                    || !string.Equals(entry.Path, wantedPath, StringComparison.OrdinalIgnoreCase)
                    || !string.Equals(entry.Subject, subject, StringComparison.OrdinalIgnoreCase)
                    || (now - entry.CreatedAt).Duration() > window)
                    continue;
                if (found is null || entry.CreatedAt > found.CreatedAt) found = entry;
            }
            return found;
        }

        private static SupportRequestJournalEntry? Parse(string line)
        {
            string[] fields = line.Split('\t');
            if (fields.Length != 5 || fields[0] != Version) return null;
            if (!DateTimeOffset.TryParseExact(fields[1], "o", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset created))
                return null;
            string path = Uri.UnescapeDataString(fields[2]);
            string subject = Uri.UnescapeDataString(fields[3]);
            string file = Uri.UnescapeDataString(fields[4]);
            if (path.Length == 0 || subject.Length == 0) return null;
            return new SupportRequestJournalEntry(path, subject, created, file.Length == 0 ? null : file);
        }

        /// <summary>The same folder written two ways ("C:\IEA\", "c:\iea") gives the same key (compared without case).</summary>
        private static string Normalize(string? path) => string.IsNullOrWhiteSpace(path) ? "" : FolderPaths.Normalize(path!);
    }
}
