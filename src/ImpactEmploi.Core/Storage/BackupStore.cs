using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ImpactEmploi.Storage
{
    /// <summary>
    /// The backups of one settings file, in <c>&lt;config folder&gt;/ImpactEmploi.PS/</c>, named
    /// <c>&lt;config name&gt;.&lt;UTC yyyyMMddTHHmmssfff&gt;Z[-n].bak</c>. The newest <c>keep</c> are kept.
    /// </summary>
    public sealed class BackupStore
    {
        public const string FolderName = "ImpactEmploi.PS";
        public const int DefaultKeep = 10;
        private const string StampFormat = "yyyyMMdd'T'HHmmssfff";

        private readonly string _name;
        private readonly int _keep;

        public BackupStore(string configPath, int keep = DefaultKeep)
        {
            if (configPath is null) throw new ArgumentNullException(nameof(configPath));
            if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), keep, "At least one backup is kept.");
            ConfigPath = Path.GetFullPath(configPath);
            _name = Path.GetFileName(ConfigPath);
            _keep = keep;
            Folder = Path.Combine(Path.GetDirectoryName(ConfigPath)!, FolderName);
        }

        public string ConfigPath { get; }

        /// <summary>Where the backups and the lock file live.</summary>
        public string Folder { get; }

        internal string LockPath => Path.Combine(Folder, _name + ".lock");

        /// <summary>The backups, newest first; empty when there are none. Never creates the folder.</summary>
        public IReadOnlyList<IeaConfigBackup> List() =>
            Scan().OrderByDescending(b => b.Stamp).ThenByDescending(b => b.Sequence).Select(b => b.Backup).ToList();

        /// <summary>Saves <paramref name="bytes"/> as the newest backup, then removes the oldest beyond <c>keep</c>.</summary>
        public IeaConfigBackup Create(byte[] bytes)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            try
            {
                Directory.CreateDirectory(Folder);
                IReadOnlyList<IeaConfigBackup> existing = List();

                // Never older than the newest backup (a clock set back must not get the new one pruned first).
                DateTime stamp = Truncate(DateTime.UtcNow);
                if (existing.Count > 0 && existing[0].Created.UtcDateTime > stamp) stamp = existing[0].Created.UtcDateTime;

                string temp = AtomicFile.WriteTemp(Path.Combine(Folder, _name), bytes);
                string backupPath;
                for (int sequence = 0; ; sequence++)
                {
                    backupPath = Path.Combine(Folder, BackupName(stamp, sequence));
                    if (File.Exists(backupPath)) continue;
                    try
                    {
                        File.Move(temp, backupPath); // fails rather than overwrite if another writer took the name meanwhile
                        break;
                    }
                    catch (IOException) when (File.Exists(backupPath) && sequence < 1000)
                    {
                    }
                    catch
                    {
                        File.Delete(temp);
                        throw;
                    }
                }

                foreach (IeaConfigBackup old in List().Skip(_keep))
                {
                    File.Delete(old.BackupPath);
                }

                return new IeaConfigBackup(ConfigPath, backupPath, new DateTimeOffset(stamp, TimeSpan.Zero), bytes.Length);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(ConfigPath, ex);
            }
        }

        private string BackupName(DateTime stamp, int sequence) =>
            _name + "." + stamp.ToString(StampFormat, CultureInfo.InvariantCulture) + "Z" +
            (sequence == 0 ? string.Empty : "-" + sequence.ToString(CultureInfo.InvariantCulture)) + ".bak";

        private IEnumerable<(DateTime Stamp, int Sequence, IeaConfigBackup Backup)> Scan()
        {
            var folder = new DirectoryInfo(Folder);
            if (!folder.Exists) yield break;
            foreach (FileInfo file in folder.EnumerateFiles(_name + ".*.bak"))
            {
                if (TryParse(file.Name, out DateTime stamp, out int sequence))
                    yield return (stamp, sequence, new IeaConfigBackup(ConfigPath, file.FullName, new DateTimeOffset(stamp, TimeSpan.Zero), file.Length));
            }
        }

        // "<name>.20261127T204500123Z.bak" or "<name>.20261127T204500123Z-2.bak"; anything else is not ours.
        private bool TryParse(string fileName, out DateTime stamp, out int sequence)
        {
            stamp = default;
            sequence = 0;
            if (!fileName.StartsWith(_name + ".", StringComparison.OrdinalIgnoreCase) ||
                !fileName.EndsWith(".bak", StringComparison.OrdinalIgnoreCase)) return false;
            string middle = fileName.Substring(_name.Length + 1, fileName.Length - _name.Length - 1 - ".bak".Length);
            int z = middle.IndexOf('Z');
            if (z != StampFormat.Length - 2) return false; // the two quotes around T are not in the text
            string rest = middle.Substring(z + 1);
            if (rest.Length > 0 && !(rest[0] == '-' &&
                int.TryParse(rest.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence))) return false;
            return DateTime.TryParseExact(middle.Substring(0, z), StampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out stamp);
        }

        private static DateTime Truncate(DateTime utc) => new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}
