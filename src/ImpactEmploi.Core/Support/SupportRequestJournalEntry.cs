using System;

namespace ImpactEmploi.Support
{
    /// <summary>One support request written earlier, as the journal remembers it.</summary>
    public sealed class SupportRequestJournalEntry
    {
        public SupportRequestJournalEntry(string path, string subject, DateTimeOffset createdAt, string? file)
        {
            Path = path;
            Subject = subject;
            CreatedAt = createdAt;
            File = file;
        }

        /// <summary>The installation folder.</summary>
        public string Path { get; }
        public string Subject { get; }
        public DateTimeOffset CreatedAt { get; }

        /// <summary>The .eml file written, if any.</summary>
        public string? File { get; }

        public override string ToString() => $"{CreatedAt:o} {Subject} {File}";
    }
}
