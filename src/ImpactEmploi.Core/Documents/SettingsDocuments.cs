using System;
using System.Collections.Generic;
using System.IO;
using ImpactEmploi.Ini;
using ImpactEmploi.Layouts;
using ImpactEmploi.Storage;

namespace ImpactEmploi.Documents
{
    /// <summary>Opens a layout's settings file with the store its Format names (INI unless the layout says otherwise).</summary>
    public static class SettingsDocuments
    {
        /// <summary>IEA's settings file is a few kilobytes; anything over this is not it.</summary>
        public const int MaxFileBytes = SafeRead.MaxFileBytes;

        /// <summary>The registry of this system: Windows' own, or none elsewhere (a registry setting is then ConfigUnreadable).</summary>
        public static IRegistryStore DefaultRegistry { get; } = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)
            ? new WindowsRegistryStore()
            : new NoRegistryStore();

        /// <param name="registry">Where the layout's registry settings are read; the system's registry when null.</param>
        public static ISettingsDocument Load(string path, IeaLayout layout, IRegistryStore? registry = null)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            return Parse(ReadBytes(path), path, layout, registry);
        }

        public static ISettingsDocument Parse(byte[] bytes, string sourcePath, IeaLayout layout, IRegistryStore? registry = null)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            var file = ParseFile(bytes, sourcePath, layout);
            return layout.UsesRegistry ? new RegistryBackedDocument(file, registry ?? DefaultRegistry) : file;
        }

        /// <summary>
        /// Writes a changed document under its transaction: the file alone as before (backup, atomic replace); with
        /// registry changes, first one backup of the file's bytes and the old registry values, then the values (all or
        /// none), then the file, the values being put back if the file cannot be written. Null when nothing changed.
        /// </summary>
        public static IeaConfigBackup? Commit(ConfigTransaction transaction, ISettingsDocument document)
        {
            if (transaction is null) throw new ArgumentNullException(nameof(transaction));
            if (document is null) throw new ArgumentNullException(nameof(document));
            var changes = document is RegistryBackedDocument backed ? backed.PendingRegistryChanges : null;
            if (changes == null || changes.Count == 0)
            {
                return transaction.Commit(document.ToBytes());
            }

            var original = transaction.OriginalBytes.ToArray();
            var values = new List<(RegistryLocation, string?)>();
            var writes = new List<(RegistryLocation, string?, string?)>();
            foreach (var (location, old, value) in changes)
            {
                values.Add((location, old));
                writes.Add((location, old, value));
            }

            return WriteWithRegistry(transaction.ConfigPath, original, document.ToBytes(), new RegistryBackup(original, values), ((RegistryBackedDocument)document).Registry, writes);
        }

        /// <summary>Puts back a registry backup's values and file bytes, after saving the current ones the same way.</summary>
        public static IeaConfigBackup? RestoreRegistryBackup(ConfigTransaction transaction, RegistryBackup backup, IRegistryStore? registry = null)
        {
            if (transaction is null) throw new ArgumentNullException(nameof(transaction));
            if (backup is null) throw new ArgumentNullException(nameof(backup));
            var store = registry ?? DefaultRegistry;
            var current = new List<(RegistryLocation, string?)>();
            var writes = new List<(RegistryLocation, string?, string?)>();
            foreach (var (location, value) in backup.Values)
            {
                var now = store.Read(location);
                current.Add((location, now));
                writes.Add((location, now, value));
            }

            var original = transaction.OriginalBytes.ToArray();
            return WriteWithRegistry(transaction.ConfigPath, original, backup.FileBytes, new RegistryBackup(original, current), store, writes);
        }

        /// <summary>A settings file's backups, newest first: its own and, when the layout uses the registry, the registry backups.</summary>
        public static IReadOnlyList<IeaConfigBackup> ListBackups(string configPath, IeaLayout layout)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            var backups = new BackupStore(configPath).List();
            if (!layout.UsesRegistry)
            {
                return backups;
            }

            var all = new List<IeaConfigBackup>(backups);
            all.AddRange(RegistryBackup.StoreFor(configPath).List());
            all.Sort((a, b) => b.Created.CompareTo(a.Created));
            return all;
        }

        private static IeaConfigBackup WriteWithRegistry(string configPath, byte[] original, byte[] newBytes, RegistryBackup safety,
            IRegistryStore store, List<(RegistryLocation Location, string? Old, string? New)> writes)
        {
            // Held under the transaction's lock; the registry backup stands for the file's own (one restore puts both back).
            var saved = RegistryBackup.StoreFor(configPath).Create(safety.ToBytes());
            RegistryBackup.Write(store, writes);
            if (!original.AsSpan().SequenceEqual(newBytes))
            {
                try
                {
                    AtomicFile.Replace(configPath, newBytes);
                }
                catch
                {
                    writes.Reverse();
                    RegistryBackup.Write(store, writes.ConvertAll(w => (w.Location, w.New, w.Old)));
                    throw;
                }
            }

            return new IeaConfigBackup(configPath, saved.BackupPath, saved.Created, saved.Length);
        }

        private static ISettingsDocument ParseFile(byte[] bytes, string sourcePath, IeaLayout layout)
        {
            return layout.Format switch
            {
                SettingsFormat.Properties => PropertiesDocument.Parse(bytes, sourcePath),
                SettingsFormat.Xml => XmlSettingsDocument.Parse(bytes, sourcePath),
                SettingsFormat.Json => JsonSettingsDocument.Parse(bytes, sourcePath),
                SettingsFormat.Ini => IniDocument.Parse(bytes, sourcePath, layout.DefaultEncoding),
                _ => throw new ArgumentException(layout.Format.ToString(), nameof(layout)),
            };
        }

        /// <summary>A settings file's bytes: only a regular file, never a blocking open, never more than <see cref="MaxFileBytes"/>.</summary>
        /// <exception cref="IeaException">ConfigUnreadable (missing, not a regular file, too large, unreadable) or ConfigAccessDenied.</exception>
        public static byte[] ReadBytes(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            try
            {
                return SafeRead.AllBytes(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw DocumentText.Unreadable(path, ex.Message, IeaErrorCategory.ReadError, ex);
            }
        }
    }
}
