namespace ImpactEmploi
{
    /// <summary>Mirrors the subset of PowerShell's ErrorCategory the module uses, so Core stays free of PowerShell.</summary>
    public enum IeaErrorCategory
    {
        NotSpecified,
        ObjectNotFound,
        ReadError,
        WriteError,
        PermissionDenied,
        ResourceBusy,
        InvalidData,
        InvalidArgument,
        InvalidOperation,
        ResourceUnavailable,
        SecurityError,
        ConnectionError,
        OperationTimeout,
    }
}
