using System;
using System.IO;
using System.Text;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;
using ImpactEmploi.Storage;

namespace ImpactEmploi.Discovery
{
    /// <summary>Writes a draft layout: never over an existing file unless forced, atomically, in UTF-8 with a BOM (Windows PowerShell 5.1 reads a .psd1 without one as ANSI).</summary>
    public static class LayoutDraftFile
    {
        /// <summary>Writes <paramref name="draft"/> to <paramref name="outFile"/> once <paramref name="confirm"/>(target, action) agrees; false when nothing was written.</summary>
        public static bool Save(IeaLayoutDraft draft, string outFile, bool force, Func<string, string, bool> confirm)
        {
            var path = Path.GetFullPath(outFile);
            draft.OutFile = path;
            if (!force && (File.Exists(path) || Directory.Exists(path)))
            {
                throw new IeaException(ErrorIds.LayoutNotWritten, IeaErrorCategory.WriteError, Text.Format("DraftExists", path), path, Text.Get("DraftExistsAction"));
            }

            var total = draft.Found.Length + draft.NotFound.Length;
            if (!confirm(path, Text.Format("DraftWrite", draft.Found.Length, total)))
            {
                return false;
            }

            try
            {
                AtomicFile.Replace(path, new UTF8Encoding(true).GetPreamble().AsBytes(Encoding.UTF8.GetBytes(draft.Text)));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is IeaException)
            {
                throw new IeaException(ErrorIds.LayoutNotWritten, IeaErrorCategory.WriteError, Text.Format("DraftNotWritten", path, e.Message), path,
                    Text.Get("DraftNotWrittenAction"), e);
            }

            draft.Written = true;
            Log.Information("Draft layout for {Path:l} written to {File:l}", draft.Path, path);
            return true;
        }

        private static byte[] AsBytes(this byte[] preamble, byte[] body)
        {
            var bytes = new byte[preamble.Length + body.Length];
            Buffer.BlockCopy(preamble, 0, bytes, 0, preamble.Length);
            Buffer.BlockCopy(body, 0, bytes, preamble.Length, body.Length);
            return bytes;
        }
    }
}
