using System;
using System.Collections;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Text;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS
{
    /// <summary>
    /// Reads a layout file (PowerShell data, .psd1) with PowerShell's own parser, accepting constant data only,
    /// and hands it to Core's <see cref="LayoutParser"/>. Layouts are kept per file and change time, so a
    /// command over a thousand installations parses its layout once.
    /// </summary>
    internal static class LayoutFile
    {
        public const string LayoutVariable = "IEA_LAYOUT";
        private static readonly ConcurrentDictionary<string, (DateTime Written, long Length, IeaLayout Layout)> Cache =
            new ConcurrentDictionary<string, (DateTime, long, IeaLayout)>(StringComparer.Ordinal);

        public static string DefaultPath => Path.Combine(
            Path.GetDirectoryName(typeof(LayoutFile).Assembly.Location) ?? ".", "Layouts", "Default.psd1");

        /// <summary>-LayoutPath, else $env:IEA_LAYOUT, else the default layout.</summary>
        public static IeaLayout Load(string? layoutPath)
        {
            var chosen = !string.IsNullOrWhiteSpace(layoutPath) ? layoutPath!
                : Environment.GetEnvironmentVariable(LayoutVariable) is string fromEnvironment && fromEnvironment.Trim().Length > 0 ? fromEnvironment
                : DefaultPath;
            var path = Path.GetFullPath(chosen);
            FileInfo file;
            try
            {
                file = new FileInfo(path);
                if (!file.Exists)
                {
                    throw Unreadable(path, Text.Get("LayoutFileMissing"), null);
                }

                if (Cache.TryGetValue(path, out var cached) && cached.Written == file.LastWriteTimeUtc && cached.Length == file.Length)
                {
                    return cached.Layout;
                }

                var layout = LayoutParser.FromData(ReadData(path, Decode(LayoutFileBytes.Read(path))), path);
                Cache[path] = (file.LastWriteTimeUtc, file.Length, layout);
                return layout;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is DecoderFallbackException)
            {
                throw Unreadable(path, e.Message, e);
            }
        }

        /// <summary>
        /// A layout's text as Windows editors save it: the encoding of its byte order mark, else UTF-8 when the
        /// bytes are valid UTF-8, else Windows-1252 ("ANSI"), so that "Sécurisé" reads the same from either.
        /// </summary>
        internal static string Decode(byte[] bytes)
        {
            var withBom = new Encoding[] { new UTF8Encoding(true), new UnicodeEncoding(false, true), new UnicodeEncoding(true, true),
                new UTF32Encoding(false, true), new UTF32Encoding(true, true) };
            // UTF-32 LE before UTF-16 LE: its mark begins with UTF-16 LE's.
            foreach (var encoding in withBom.OrderByDescending(e => e.GetPreamble().Length))
            {
                var preamble = encoding.GetPreamble();
                if (bytes.Length >= preamble.Length && bytes.Take(preamble.Length).SequenceEqual(preamble))
                {
                    return encoding.GetString(bytes, preamble.Length, bytes.Length - preamble.Length);
                }
            }

            try
            {
                return new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return TextEncodings.GetStrict(1252).GetString(bytes);
            }
        }
        /// <summary>Parses a layout's text as if it were the file <paramref name="source"/> (no cache): for a layout about to be written.</summary>
        public static IeaLayout FromText(string text, string source) => LayoutParser.FromData(ReadData(source, text), source);

        private static IDictionary ReadData(string path, string text)
        {
            var ast = Parser.ParseInput(text, path, out _, out var errors);
            if (errors.Length > 0)
            {
                var first = errors[0];
                throw Unreadable(path, "line " + first.Extent.StartLineNumber + ": " + first.Message, null);
            }

            var statements = ast.EndBlock?.Statements;
            var hashtable = statements?.Count == 1 && statements[0] is PipelineAst pipeline && pipeline.PipelineElements.Count == 1 &&
                pipeline.PipelineElements[0] is CommandExpressionAst command ? command.Expression as HashtableAst : null;
            if (hashtable == null || ast.ParamBlock != null || ast.BeginBlock != null || ast.ProcessBlock != null)
            {
                throw Unreadable(path, Text.Get("LayoutNotAHashtable"), null);
            }

            try
            {
                return (IDictionary)hashtable.SafeGetValue();
            }
            catch (InvalidOperationException e)
            {
                throw Unreadable(path, Text.Get("LayoutNotConstant") + " " + e.Message, e);
            }
        }

        private static IeaException Unreadable(string path, string reason, Exception? inner) =>
            new IeaException(ErrorIds.LayoutInvalid, IeaErrorCategory.InvalidData, Text.Format("LayoutUnreadable", path, reason),
                path, Text.Get("LayoutInvalidAction"), inner);
    }
}
