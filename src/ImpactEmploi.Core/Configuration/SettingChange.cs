namespace ImpactEmploi.Configuration
{
    /// <summary>One setting a command changed (or would change).</summary>
    public sealed class SettingChange
    {
        public SettingChange(Layouts.Setting setting, string? oldValue, string newValue, bool isSecret)
        {
            Setting = setting;
            OldValue = oldValue;
            NewValue = newValue;
            IsSecret = isSecret;
        }

        public Layouts.Setting Setting { get; }
        public string? OldValue { get; }
        public string NewValue { get; }
        public bool IsSecret { get; }

        /// <summary>For messages and the audit log: a secret's value is never shown.</summary>
        public override string ToString() => IsSecret
            ? Setting + ": " + Resources.Text.Get("SecretGiven")
            : Setting + ": " + (string.IsNullOrEmpty(OldValue) ? "\"\"" : OldValue) + " -> " + NewValue;
    }
}
