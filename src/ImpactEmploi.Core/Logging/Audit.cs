namespace ImpactEmploi.Logging
{
    /// <summary>
    /// One audit event per change made to a PC: what, where, old and new value; user, machine and time come
    /// from the log itself. Callers never pass a secret: for a password they pass a word such as "(given)".
    /// </summary>
    public static class Audit
    {
        public static void Change(string path, string setting, string? oldValue, string? newValue, string operation) =>
            Log.Information("Audit {Operation:l} {Path:l}: {Setting:l} {OldValue:l} -> {NewValue:l}",
                operation, path, setting, oldValue, newValue);
    }
}
