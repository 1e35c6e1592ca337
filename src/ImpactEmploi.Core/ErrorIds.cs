namespace ImpactEmploi
{
    /// <summary>The stable error ids of the public contract (docs/ARCHITECTURE.md lists them). Scripts match on them.</summary>
    public static class ErrorIds
    {
        public const string InstallationNotFound = nameof(InstallationNotFound);
        public const string ConfigUnreadable = nameof(ConfigUnreadable);
        public const string ConfigAccessDenied = nameof(ConfigAccessDenied);
        public const string ConfigLocked = nameof(ConfigLocked);
        public const string LayoutInvalid = nameof(LayoutInvalid);
        public const string InvalidServerAddress = nameof(InvalidServerAddress);
        public const string InsecureServerAddress = nameof(InsecureServerAddress);
        public const string NonOfficialServer = nameof(NonOfficialServer);
        public const string AssistanceModeActive = nameof(AssistanceModeActive);
        public const string ApplicationRunning = nameof(ApplicationRunning);
        public const string DailyPasswordRequired = nameof(DailyPasswordRequired);
        public const string BackupNotFound = nameof(BackupNotFound);

        /// <summary>Added to the contract: a value the settings file cannot hold (a line break, a character outside its encoding).</summary>
        public const string InvalidSettingValue = nameof(InvalidSettingValue);

        /// <summary>Added to the contract: New-IeaSupportRequest could not write its .eml file.</summary>
        public const string SupportRequestNotWritten = nameof(SupportRequestNotWritten);

        /// <summary>Added to the contract: Export-IeaFleetReport could not write a file.</summary>
        public const string ReportNotWritten = nameof(ReportNotWritten);

        /// <summary>Added to the contract: Export-IeaFleetReport was given an object that is not a connection status.</summary>
        public const string NotAConnectionStatus = nameof(NotAConnectionStatus);

        /// <summary>Added to the contract: a settings file or its backup could not be written (disk full, a file where the backup folder goes); nothing was changed.</summary>
        public const string ConfigWriteFailed = nameof(ConfigWriteFailed);
        /// <summary>Added to the contract: the servers of one installation could not be tested at all (an unexpected failure; the next installation is still tested).</summary>
        public const string ServerTestFailed = nameof(ServerTestFailed);
        /// <summary>Added to the contract: New-IeaLayout could not write its layout file (it exists and -Force was not given, or the write failed).</summary>
        public const string LayoutNotWritten = nameof(LayoutNotWritten);
        /// <summary>Added to the contract: elevated, the connection program would be started from a folder that non-administrators can change.</summary>
        public const string UnsafeProgramFolder = nameof(UnsafeProgramFolder);
    }
}
