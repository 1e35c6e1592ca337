using System;
using System.IO;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Storage
{
    internal static class StorageErrors
    {
        public static IeaException AccessDenied(string configPath, UnauthorizedAccessException inner) =>
            new IeaException(ErrorIds.ConfigAccessDenied, IeaErrorCategory.PermissionDenied,
                Text.Format("StorageAccessDenied", configPath, inner.Message), configPath,
                Text.Get("StorageAccessDeniedAction"), inner);

        public static IeaException ReadOnly(string configPath, Exception? inner = null) =>
            new IeaException(ErrorIds.ConfigAccessDenied, IeaErrorCategory.PermissionDenied,
                Text.Format("StorageAccessDenied", configPath, Text.Get("StorageReadOnly")), configPath,
                Text.Get("StorageReadOnlyAction"), inner);

        /// <summary>The backup folder or the lock file is not what the module made: a link, or another user's.</summary>
        public static IeaException Unsafe(string configPath, string reason) =>
            new IeaException(ErrorIds.ConfigAccessDenied, IeaErrorCategory.SecurityError,
                Text.Format("StorageAccessDenied", configPath, reason), configPath, Text.Get("StorageUnsafeAction"));

        /// <summary>A FIFO, a device, a socket or a folder where the module keeps its lock file: planted, never opened or waited on.</summary>
        public static IeaException LockNotRegular(string configPath, string lockPath, FileKind kind, string backupFolder) =>
            new IeaException(ErrorIds.ConfigAccessDenied, IeaErrorCategory.SecurityError,
                Text.Format("StorageLockNotRegular", configPath, lockPath, KindWord(kind), backupFolder), configPath,
                Text.Format("StorageLockNotRegularAction", lockPath, backupFolder));

        public static IeaException Missing(string configPath, Exception? inner = null) =>
            new IeaException(ErrorIds.ConfigUnreadable, IeaErrorCategory.ObjectNotFound,
                Text.Format("ConfigUnreadable", configPath, Text.Get("StorageFileMissing")), configPath,
                Text.Get("StorageFileMissingAction"), inner);

        public static IeaException NotRegular(string path, NotRegularFileException inner) =>
            new IeaException(ErrorIds.ConfigUnreadable, IeaErrorCategory.ReadError,
                Text.Format("ConfigUnreadable", path, inner.Kind == FileKind.Directory
                    ? Text.Get("IniReasonFolder")
                    : Text.Format("StorageNotRegularFile", KindWord(inner.Kind))), path,
                Text.Get("ConfigUnreadableAction"), inner);

        public static IeaException TooLarge(string path, long length) =>
            new IeaException(ErrorIds.ConfigUnreadable, IeaErrorCategory.InvalidData,
                Text.Format("ConfigUnreadable", path, Text.Format("IniReasonTooLarge", length, SafeRead.MaxFileBytes)), path,
                Text.Get("ConfigUnreadableAction"));

        public static IeaException ReadFailed(string path, IOException inner) =>
            new IeaException(ErrorIds.ConfigUnreadable, IeaErrorCategory.ReadError,
                Text.Format("ConfigUnreadable", path, inner.Message), path, Text.Get("ConfigUnreadableAction"), inner);

        /// <summary>Disk full, a file where the backup folder goes, an I/O error: nothing was changed.</summary>
        public static IeaException WriteFailed(string configPath, IOException inner) =>
            new IeaException(ErrorIds.ConfigWriteFailed, IeaErrorCategory.WriteError,
                Text.Format("StorageWriteFailed", configPath, inner.Message), configPath,
                Text.Get("StorageWriteFailedAction"), inner);

        public static IeaException Locked(string configPath, TimeSpan waited, Exception inner) =>
            new IeaException(ErrorIds.ConfigLocked, IeaErrorCategory.ResourceBusy,
                Text.Format("StorageLocked", configPath, Math.Round(waited.TotalSeconds, 1)), configPath,
                Text.Get("StorageLockedAction"), inner);

        /// <summary>Another program (not a writer of this module) keeps the file open.</summary>
        public static IeaException InUse(string configPath, Exception inner) =>
            new IeaException(ErrorIds.ConfigLocked, IeaErrorCategory.ResourceBusy,
                Text.Format("StorageInUse", configPath, inner.Message), configPath, Text.Get("StorageInUseAction"), inner);

        /// <summary>The kind of a file in the user's language ("FIFO (named pipe)", « dossier »), not the enum's name.</summary>
        public static string KindWord(FileKind kind) => Text.Get("FileKind" + kind);
    }
}
