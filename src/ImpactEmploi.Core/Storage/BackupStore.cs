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

        /// <summary>Backups dated further ahead than this are suspect (planted, or a clock far off).</summary>
        public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

        /// <summary>The backups, newest first; empty when there are none. Never creates the folder.</summary>
        public IReadOnlyList<IeaConfigBackup> List() =>
            Scan().OrderByDescending(b => b.Stamp).ThenByDescending(b => b.Sequence).Select(b => b.Backup).ToList();

        /// <summary>
        /// Dated more than <see cref="FutureTolerance"/> ahead of the clock: listed, but never counted among the backups
        /// kept, never pruned, never restored unless named.
        /// </summary>
        public static bool IsFutureDated(IeaConfigBackup backup, DateTimeOffset now)
        {
            if (backup is null) throw new ArgumentNullException(nameof(backup));
            return backup.Created > now + FutureTolerance;
        }

        /// <summary>The backups not dated in the future, newest first: the ones that count.</summary>
        public IReadOnlyList<IeaConfigBackup> Dated()
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            return List().Where(b => !IsFutureDated(b, now)).ToList();
        }

        /// <summary>Saves <paramref name="bytes"/> as the newest backup, then removes the oldest beyond <c>keep</c>.</summary>
        public IeaConfigBackup Create(byte[] bytes)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            try
            {
                Directory.CreateDirectory(Folder);
                IeaConfigBackup backup = Save(bytes, out _);
                Prune();
                return backup;
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(ConfigPath, ex);
            }
            catch (IOException ex)
            {
                throw StorageErrors.WriteFailed(ConfigPath, ex);
            }
        }

        /// <summary>
        /// Saves <paramref name="bytes"/> as the newest backup in the existing folder, with the settings file's access;
        /// returns the newest backup instead when it already holds these bytes (<paramref name="created"/> false).
        /// Prunes nothing: the caller prunes once its write has committed.
        /// </summary>
        internal IeaConfigBackup Save(byte[] bytes, out bool created)
        {
            IReadOnlyList<IeaConfigBackup> existing = Dated();
            if (existing.Count > 0 && existing[0].Length == bytes.Length && HoldsBytes(existing[0], bytes))
            {
                created = false;
                return existing[0];
            }

            // Never older than the newest backup (a clock set back must not get the new one pruned first).
            DateTime stamp = Truncate(DateTime.UtcNow);
            if (existing.Count > 0 && existing[0].Created.UtcDateTime > stamp) stamp = existing[0].Created.UtcDateTime;

            string temp = AtomicFile.WriteTemp(Path.Combine(Folder, _name), bytes, accessOf: File.Exists(ConfigPath) ? ConfigPath : null);
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
                    AtomicFile.TryDelete(temp);
                    throw;
                }
            }

            created = true;
            return new IeaConfigBackup(ConfigPath, backupPath, new DateTimeOffset(stamp, TimeSpan.Zero), bytes.Length);
        }

        /// <summary>Removes the oldest dated backups beyond <c>keep</c>; backups dated in the future are left alone.</summary>
        internal void Prune()
        {
            foreach (IeaConfigBackup old in Dated().Skip(_keep))
            {
                File.Delete(old.BackupPath);
            }
        }

        private static bool HoldsBytes(IeaConfigBackup backup, byte[] bytes)
        {
            try
            {
                return SafeRead.AllBytes(backup.BackupPath).AsSpan().SequenceEqual(bytes);
            }
            catch (IeaException)
            {
                return false; // an unreadable backup is no copy: make a new one
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
                // A link is not a backup this module made: restoring it could read any file on the PC.
                if ((file.Attributes & FileAttributes.ReparsePoint) != 0) continue;
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
