using System;

namespace ImpactEmploi.Documents
{
    /// <summary>
    /// A store cannot hold a value at a location (a JSON number where a word is given, a REG_DWORD that is not a
    /// number, a line break...). <see cref="Reason"/> never quotes the value, so it may reach an error record even for
    /// a secret.
    /// </summary>
    internal sealed class SettingNotWritableException : ArgumentException
    {
        public SettingNotWritableException(string message, string reason)
            : base(message)
        {
            Reason = reason;
        }

        public string Reason { get; }
    }
}
