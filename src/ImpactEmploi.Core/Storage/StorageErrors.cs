using System;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Storage
{
    internal static class StorageErrors
    {
        public static IeaException AccessDenied(string configPath, UnauthorizedAccessException inner) =>
            new IeaException(ErrorIds.ConfigAccessDenied, IeaErrorCategory.PermissionDenied,
                Text.Format("StorageAccessDenied", configPath, inner.Message), configPath,
                Text.Get("StorageAccessDeniedAction"), inner);

        public static IeaException Missing(string configPath, Exception? inner = null) =>
            new IeaException(ErrorIds.ConfigUnreadable, IeaErrorCategory.ObjectNotFound,
                Text.Format("ConfigUnreadable", configPath, Text.Get("StorageFileMissing")), configPath,
                Text.Get("StorageFileMissingAction"), inner);

        public static IeaException Locked(string configPath, TimeSpan waited, Exception inner) =>
            new IeaException(ErrorIds.ConfigLocked, IeaErrorCategory.ResourceBusy,
                Text.Format("StorageLocked", configPath, Math.Round(waited.TotalSeconds, 1)), configPath,
                Text.Get("StorageLockedAction"), inner);

        /// <summary>Another program (not a writer of this module) keeps the file open.</summary>
        public static IeaException InUse(string configPath, System.IO.IOException inner) =>
            new IeaException(ErrorIds.ConfigLocked, IeaErrorCategory.ResourceBusy,
                Text.Format("StorageInUse", configPath, inner.Message), configPath, Text.Get("StorageInUseAction"), inner);
    }
}
