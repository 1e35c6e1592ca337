using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImpactEmploi.Documents;
using ImpactEmploi.Installations;
using ImpactEmploi.Layouts;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;
using ImpactEmploi.Storage;

namespace ImpactEmploi.Configuration
{
    /// <summary>
    /// Every change to IEA's settings goes through here: compare first and write nothing when all is right;
    /// refuse in assistance mode or while IEA runs (unless forced); ask; then lock, re-read, back up,
    /// replace atomically and audit each change.
    /// </summary>
    public static class ConfigEditor
    {
        public static ConfigUpdateResult Update(string folder, string configPath, IeaLayout layout, DesiredSettings desired, UpdateOptions options)
        {
            var document = SettingsDocuments.Load(configPath, layout, options.Registry);
            var planned = Apply(document, layout, desired);
            if (planned.Count == 0)
            {
                Log.Verbose(Text.Format("SettingsAlreadyRight", configPath));
                return new ConfigUpdateResult(planned, false, null);
            }

            CheckSafeToWrite(document, folder, configPath, layout, options);
            if (!options.Confirm(configPath, string.Join("; ", planned)))
            {
                return new ConfigUpdateResult(planned, false, null);
            }

            using var transaction = ConfigTransaction.Begin(configPath, options.LockTimeout, options.CancellationToken);
            var current = SettingsDocuments.Parse(transaction.OriginalBytes.ToArray(), configPath, layout, options.Registry);
            var changes = Apply(current, layout, desired);
            var backup = changes.Count == 0 ? null : SettingsDocuments.Commit(transaction, current);
            foreach (var change in backup == null ? new List<SettingChange>() : changes)
            {
                Audit.Change(configPath, change.Setting.ToString(), change.IsSecret ? null : change.OldValue,
                    change.IsSecret ? Text.Get("SecretGiven") : change.NewValue, options.Operation);
            }

            if (backup != null)
            {
                Log.Verbose(Text.Format("BackupWritten", backup.BackupPath));
            }

            return new ConfigUpdateResult(changes, backup != null, backup);
        }

        /// <summary>Applies the wish to the document and returns what changed, validating addresses on the way.</summary>
        public static IReadOnlyList<SettingChange> Apply(ISettingsDocument document, IeaLayout layout, DesiredSettings desired)
        {
            var changes = new List<SettingChange>();
            string? Raw(Setting setting) => document.GetValue(layout[setting]);

            void SetWord(Setting setting, string? name)
            {
                if (name != null && layout[setting].NameFor(Raw(setting)) != name)
                {
                    Write(setting, layout[setting].WordFor(name), false);
                }
            }

            void SetText(Setting setting, string? text, bool secret = false)
            {
                // The file's values are read trimmed, so spaces around the wish would be a change that never sticks.
                text = text?.Trim();
                if (text != null && !string.Equals(Raw(setting)?.Trim() ?? "", text, StringComparison.Ordinal))
                {
                    Write(setting, text, secret);
                }
            }

            void SetAddress(Setting setting, string? text, ConnectionMode mode)
            {
                if (text == null)
                {
                    return;
                }

                var uri = ServerAddress.Validate(text, setting, mode, layout, desired.AllowCustomServer);
                if (!ServerAddress.AreSame(Raw(setting), uri))
                {
                    Write(setting, uri.OriginalString, false);
                }
            }

            void Write(Setting setting, string value, bool secret)
            {
                var old = Raw(setting);
                try
                {
                    document.SetValue(layout[setting], value);
                }
                catch (SettingNotWritableException e)
                {
                    // A store's reason never quotes the value, so it is shown even for a secret.
                    throw new IeaException(ErrorIds.InvalidSettingValue, IeaErrorCategory.InvalidArgument,
                        Text.Format("InvalidSettingValueReason", setting, e.Reason), setting.ToString(),
                        Text.Get("InvalidSettingValueReasonAction"), secret ? null : e);
                }
                catch (ArgumentException e)
                {
                    // The INI store's message quotes the value: a secret's must not reach the error record.
                    throw new IeaException(ErrorIds.InvalidSettingValue, IeaErrorCategory.InvalidArgument,
                        Text.Format("InvalidSettingValue", setting, document.Encoding.WebName), setting.ToString(),
                        Text.Get("InvalidSettingValueAction"), secret ? null : e);
                }

                changes.Add(new SettingChange(setting, old, value, secret));
            }

            var currentMode = layout[Setting.ConnectionMode].NameFor(Raw(Setting.ConnectionMode));
            var mode = desired.ConnectionMode ?? (Enum.TryParse<ConnectionMode>(currentMode, out var parsed) ? parsed : ConnectionMode.Normal);

            // Addresses are validated before anything is set, so a bad one leaves the document untouched.
            SetAddress(Setting.AuthenticationServer, desired.AuthenticationServer, mode);
            SetAddress(Setting.UpdateServer, desired.UpdateServer, mode);
            SetAddress(Setting.NetEntreprisesServer, desired.NetEntreprisesServer, mode);
            SetWord(Setting.ConnectionMode, desired.ConnectionMode?.ToString());
            SetWord(Setting.ConnectionType, desired.ConnectionType?.ToString());
            SetText(Setting.ProxyHost, desired.ProxyHost);
            SetText(Setting.ProxyPort, desired.ProxyPort?.ToString(CultureInfo.InvariantCulture));
            SetWord(Setting.ProxySecure, desired.ProxySecure?.ToString());
            SetText(Setting.DailyPassword, desired.DailyPassword, secret: true);
            SetWord(Setting.AssistanceMode, desired.AssistanceMode?.ToString());
            return changes;
        }

        /// <summary>
        /// Puts a backup's bytes back (the current file is itself backed up first), once the backup passed the checks
        /// Set applies to its input: size, layout, https in Secure mode, official hosts unless allowed. Without
        /// <paramref name="backupPath"/> the newest backup not dated in the future. BackupNotFound when there is none.
        /// </summary>
        public static IeaConfigBackup Restore(string folder, string configPath, IeaLayout layout, string? backupPath, UpdateOptions options)
        {
            var backups = SettingsDocuments.ListBackups(configPath, layout);
            var now = DateTimeOffset.UtcNow;
            var dated = backups.Where(b => !BackupStore.IsFutureDated(b, now)).ToList();
            var chosen = backupPath == null
                ? (dated.Count > 0 ? dated[0] : null)
                : backups.FirstOrDefault(b => string.Equals(System.IO.Path.GetFullPath(b.BackupPath), System.IO.Path.GetFullPath(backupPath), StringComparison.Ordinal));
            if (chosen == null)
            {
                throw new IeaException(ErrorIds.BackupNotFound, IeaErrorCategory.ObjectNotFound,
                    backupPath == null ? Text.Format("NoBackup", configPath) : Text.Format("BackupNotFound", backupPath, configPath),
                    backupPath ?? configPath, Text.Get("BackupNotFoundAction"));
            }

            byte[] bytes;
            RegistryBackup? registryBackup;
            ISettingsDocument restored;
            try
            {
                bytes = SafeRead.AllBytes(chosen.BackupPath);
                registryBackup = RegistryBackup.IsRegistryBackup(configPath, chosen.BackupPath) ? RegistryBackup.Parse(bytes, chosen.BackupPath) : null;
                var registryAfter = registryBackup == null ? options.Registry : new RegistryBackupView(options.Registry ?? SettingsDocuments.DefaultRegistry, registryBackup);
                restored = SettingsDocuments.Parse(registryBackup?.FileBytes ?? bytes, chosen.BackupPath, layout, registryAfter);
            }
            catch (IeaException e) when (e.ErrorId == ErrorIds.ConfigUnreadable)
            {
                // Said of a backup, "Cannot read the settings file" and "restore a backup" would send the user in a circle.
                throw new IeaException(e.ErrorId, e.Category, Text.Format("RestoreBackupUnreadable", chosen.BackupPath, configPath, e.Message),
                    chosen.BackupPath, Text.Get(backupPath == null ? "RestoreNewestBackupUnreadableAction" : "RestoreNamedBackupUnreadableAction"), e);
            }

            try
            {
                CheckAddresses(restored, layout, options.AllowCustomServer);
            }
            catch (IeaException e) when (backupPath == null)
            {
                // The newest backup is not the only one: an older one may hold addresses that pass.
                throw new IeaException(e.ErrorId, e.Category, e.Message, e.TargetObject,
                    e.RecommendedAction + " " + Text.Format("RestoreOlderBackupHint", chosen.BackupPath), e);
            }

            CheckSafeToWrite(SettingsDocuments.Load(configPath, layout, options.Registry), folder, configPath, layout,
                new UpdateOptions { Force = options.Force, AllowInAssistanceMode = true, Processes = options.Processes });
            if (!options.Confirm(configPath, Text.Format("RestoreAction", chosen.BackupPath)))
            {
                return chosen;
            }

            using var transaction = ConfigTransaction.Begin(configPath, options.LockTimeout, options.CancellationToken);
            var safety = registryBackup == null ? transaction.Commit(bytes) : SettingsDocuments.RestoreRegistryBackup(transaction, registryBackup, options.Registry);
            if (safety != null)
            {
                Audit.Change(configPath, "(file)", safety.BackupPath, chosen.BackupPath, options.Operation);
            }

            return chosen;
        }

        /// <summary>The addresses a document holds, checked as if Set were asked to write them (in the document's own mode).</summary>
        private static void CheckAddresses(ISettingsDocument document, IeaLayout layout, bool allowCustomServer)
        {
            string? Address(Setting setting)
            {
                var value = document.GetValue(layout[setting]);
                return string.IsNullOrWhiteSpace(value) ? null : value;
            }

            Apply(document, layout, new DesiredSettings
            {
                AuthenticationServer = Address(Setting.AuthenticationServer),
                UpdateServer = Address(Setting.UpdateServer),
                NetEntreprisesServer = Address(Setting.NetEntreprisesServer),
                AllowCustomServer = allowCustomServer,
            });
        }

        private static void CheckSafeToWrite(ISettingsDocument document, string folder, string configPath, IeaLayout layout, UpdateOptions options)
        {
            if (options.Force)
            {
                return;
            }

            var assistance = layout[Setting.AssistanceMode];
            if (!options.AllowInAssistanceMode && assistance.NameFor(document.GetValue(assistance)) == "True")
            {
                throw new IeaException(ErrorIds.AssistanceModeActive, IeaErrorCategory.InvalidOperation,
                    Text.Format("AssistanceModeActive", configPath), configPath, Text.Get("AssistanceModeActiveAction"));
            }

            var processes = options.Processes ?? new ProcessSnapshot();
            var running = new[] { layout.ApplicationProcess, layout.ConnectionProgramProcess }.Where(name => processes.IsRunning(name, folder)).ToArray();
            if (running.Length > 0)
            {
                throw new IeaException(ErrorIds.ApplicationRunning, IeaErrorCategory.ResourceBusy,
                    Text.Format("ApplicationRunning", string.Join(", ", running), folder), configPath, Text.Get("ApplicationRunningAction"));
            }
        }
    }
}
