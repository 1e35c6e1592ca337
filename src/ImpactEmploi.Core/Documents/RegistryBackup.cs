using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using ImpactEmploi.Storage;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>
    /// The state before a change that writes registry values: the settings file's bytes and the old registry values
    /// (absent ones marked so), saved as one text file in the backup folder (&lt;config name&gt;.registry.&lt;stamp&gt;.bak),
    /// so one restore puts both back.
    /// </summary>
    public sealed class RegistryBackup
    {
        private const string Header = "ImpactEmploi.PS registry backup 1";

        public RegistryBackup(byte[] fileBytes, IReadOnlyList<(RegistryLocation Location, string? Value)> values)
        {
            FileBytes = fileBytes ?? throw new ArgumentNullException(nameof(fileBytes));
            Values = values ?? throw new ArgumentNullException(nameof(values));
        }

        public byte[] FileBytes { get; }
        public IReadOnlyList<(RegistryLocation Location, string? Value)> Values { get; }

        /// <summary>Where a settings file's registry backups are kept (beside its own backups).</summary>
        public static BackupStore StoreFor(string configPath) => new BackupStore(configPath + ".registry");

        public static bool IsRegistryBackup(string configPath, string backupPath) =>
            Path.GetFileName(backupPath).StartsWith(Path.GetFileName(configPath) + ".registry.", StringComparison.OrdinalIgnoreCase);

        public byte[] ToBytes()
        {
            var text = new StringBuilder(Header).Append('\n');
            foreach (var (location, value) in Values)
            {
                text.Append("value\t").Append(Escape(location.KeyPath)).Append('\t').Append(Escape(location.ValueName)).Append('\t')
                    .Append(location.View).Append('\t').Append(location.Kind).Append('\t')
                    .Append(value == null ? "absent\t" : "present\t" + Escape(value)).Append('\n');
            }

            text.Append("file\t").Append(Convert.ToBase64String(FileBytes)).Append('\n');
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        /// <summary>Reads a backup this class wrote; ConfigUnreadable for anything else.</summary>
        public static RegistryBackup Parse(byte[] bytes, string path)
        {
            var lines = Encoding.UTF8.GetString(bytes ?? throw new ArgumentNullException(nameof(bytes))).Split('\n');
            if (lines.Length < 2 || lines[0] != Header)
            {
                throw Damaged(path);
            }

            var values = new List<(RegistryLocation, string?)>();
            byte[]? file = null;
            try
            {
                foreach (var line in System.Linq.Enumerable.Skip(lines, 1))
                {
                    var fields = line.Split('\t');
                    if (fields[0] == "value" && fields.Length == 7)
                    {
                        var location = RegistryLocation.Parse(Unescape(fields[1]), Unescape(fields[2]), Word<RegistryView>(fields[3], path), Word<RegistryValueKind>(fields[4], path));
                        values.Add((location ?? throw Damaged(path), fields[5] == "present" ? Unescape(fields[6]) : null));
                    }
                    else if (fields[0] == "file" && fields.Length == 2)
                    {
                        file = Convert.FromBase64String(fields[1]);
                    }
                    else if (line.Length > 0)
                    {
                        throw Damaged(path);
                    }
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is ArgumentException)
            {
                throw Damaged(path);
            }

            return new RegistryBackup(file ?? throw Damaged(path), values);
        }

        /// <summary>Writes every value (deleting those that were absent); on a failure puts back those already written, then throws.</summary>
        public static void Write(IRegistryStore store, IReadOnlyList<(RegistryLocation Location, string? Old, string? New)> changes)
        {
            var done = new List<(RegistryLocation Location, string? Old, string? New)>();
            try
            {
                foreach (var change in changes)
                {
                    done.Add(change);
                    Set(store, change.Location, change.New);
                }
            }
            catch
            {
                done.Reverse();
                foreach (var change in done)
                {
                    try
                    {
                        Set(store, change.Location, change.Old);
                    }
                    catch (IeaException)
                    {
                        // The first error is the one to report; this value keeps what the failed write left.
                    }
                }

                throw;
            }
        }

        private static void Set(IRegistryStore store, RegistryLocation location, string? value)
        {
            if (value == null)
            {
                store.Delete(location);
            }
            else
            {
                store.Write(location, value);
            }
        }

        private static T Word<T>(string text, string path) where T : struct =>
            Enum.TryParse<T>(text, false, out var value) && Enum.IsDefined(typeof(T), value) && !char.IsDigit(text[0]) ? value : throw Damaged(path);

        private static string Escape(string text) => Uri.EscapeDataString(text);

        private static string Unescape(string text) => Uri.UnescapeDataString(text);

        private static IeaException Damaged(string path) => DocumentText.Unreadable(path, Res.Format("StoreReasonSyntax", "registry backup", 1, 1));
    }
}
