namespace ImpactEmploi.Configuration
{
    public sealed class ConfigUpdateResult
    {
        public ConfigUpdateResult(System.Collections.Generic.IReadOnlyList<SettingChange> changes, bool written, IeaConfigBackup? backup)
        {
            Changes = changes;
            Written = written;
            Backup = backup;
        }

        /// <summary>What differed from the wish; empty when the settings were already right.</summary>
        public System.Collections.Generic.IReadOnlyList<SettingChange> Changes { get; }

        /// <summary>False when nothing needed writing or the user declined (-WhatIf, -Confirm).</summary>
        public bool Written { get; }

        public IeaConfigBackup? Backup { get; }
    }
}
