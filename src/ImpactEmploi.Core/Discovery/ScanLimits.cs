namespace ImpactEmploi.Discovery
{
    /// <summary>How far Find-IeaSetting looks, so that a huge or looping folder tree never holds it up.</summary>
    public sealed class ScanLimits
    {
        /// <summary>Folder levels below the installation folder.</summary>
        public int MaxDepth { get; set; } = 8;

        /// <summary>Files larger than this are skipped unread: a settings file is a few kilobytes.</summary>
        public long MaxFileBytes { get; set; } = 1024 * 1024;

        /// <summary>Files and folders looked at, at most.</summary>
        public int MaxEntries { get; set; } = 50000;
    }
}
