using System;
using System.IO;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Support
{
    /// <summary>
    /// Saves a support request as an .eml draft, as the fiche asks: never the same request twice. A request
    /// with the same subject for the same installation in the last 7 days is refused (a warning names the first)
    /// unless forced; every draft written is recorded in the module's journal.
    /// </summary>
    public static class SupportRequestDraft
    {
        public static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(7);

        /// <summary>Writes the draft to <paramref name="outFile"/> (a file, or an existing folder where it names one); false when nothing was written.</summary>
        public static bool Save(IeaSupportRequest request, string outFile, bool force, Func<string, string, bool> confirm)
        {
            var journal = new SupportRequestJournal(ModulePaths.StateFolder());
            var earlier = force ? null : journal.FindRecent(request.Path, request.Subject, DateTimeOffset.Now, DuplicateWindow);
            if (earlier != null)
            {
                LogPump.Current?.Enqueue(PumpLevel.Warning, Text.Format("SupportRequestDuplicate", request.Subject, request.Path,
                    earlier.CreatedAt.LocalDateTime.ToString("g", System.Globalization.CultureInfo.CurrentCulture), earlier.File ?? "-"));
                return false;
            }

            var path = Directory.Exists(outFile) ? Path.Combine(outFile, FileNameFor(request)) : outFile;
            if (!confirm(path, Text.Format("SupportRequestWrite", request.Subject)))
            {
                return false;
            }

            try
            {
                EmlWriter.Write(request, path, null);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new IeaException(ErrorIds.SupportRequestNotWritten, IeaErrorCategory.WriteError,
                    Text.Format("SupportRequestNotWritten", path, e.Message), path, Text.Get("SupportRequestNotWrittenAction"), e);
            }

            journal.Record(request);
            Log.Event(Text.Format("SupportRequestWritten", request.Subject, request.Path, path),
                "Support request {Subject:l} for {Path:l} written to {File:l}", request.Subject, request.Path, path);
            return true;
        }

        private static string FileNameFor(IeaSupportRequest request)
        {
            var leaf = Path.GetFileName(request.Path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            var name = Environment.MachineName + "-" + (string.IsNullOrEmpty(leaf) ? "IEA" : leaf) + ".eml";
            foreach (var invalid in Path.GetInvalidFileNameChars())
            {
                name = name.Replace(invalid, '_');
            }

            return name;
        }
    }
}
