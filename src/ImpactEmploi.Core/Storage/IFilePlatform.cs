using System;
using System.IO;

namespace ImpactEmploi.Storage
{
    /// <summary>
    /// The operating system's part of a safe write: file types, owners and access. Unix and Windows differ here,
    /// so the storage code asks this seam, and tests give it a fake.
    /// </summary>
    internal interface IFilePlatform
    {
        /// <summary>The path itself: a symbolic link is described as a link, not followed.</summary>
        FileFacts Describe(string path);

        /// <summary>Opens a regular file for reading without ever blocking (a FIFO, a device, a socket or a folder is refused).</summary>
        /// <exception cref="NotRegularFileException">The path is not a regular file.</exception>
        FileStream OpenRegularForRead(string path);

        /// <summary>Creates a new file only its creator may open, for <see cref="CopyAccess"/> to widen to the model's access.</summary>
        FileStream CreatePrivate(string path);

        /// <summary>
        /// Gives the open file <paramref name="target"/> the access of <paramref name="model"/>: its mode and owner (Unix, owner
        /// when root) or its DACL (Windows), through its handle: a path could be swapped for a link meanwhile. A model that is a link
        /// gives nothing: the file keeps the access it was created with.
        /// </summary>
        void CopyAccess(string model, FileStream target);

        /// <summary>
        /// Opens the lock file <paramref name="path"/>, creating it when missing (Unix: mode 0600), and takes its exclusive
        /// lock without waiting: the lock .NET's <c>FileShare.None</c> takes (a share mode on Windows, <c>flock(LOCK_EX)</c>
        /// on Unix), so writers of older versions of the module exclude it and are excluded. A symbolic link (Windows: also a
        /// junction or any reparse point) or, on Linux, a FIFO planted at the path, even after a check, is neither followed nor waited on.
        /// </summary>
        /// <param name="facts">The file opened, as its handle describes it (kind, link count, identity).</param>
        /// <exception cref="NotRegularFileException">The path is not a regular file; <see cref="FileKind.SymbolicLink"/> for a link.</exception>
        /// <exception cref="LockOpenFailedException">The open failed (a full disk...) for a reason other than another holder: waiting would not help.</exception>
        /// <exception cref="IOException">Someone else holds the lock (try again later), or another I/O failure.</exception>
        FileStream OpenLock(string path, out FileFacts facts);

        /// <summary>
        /// Makes <paramref name="folder"/> no more open than <paramref name="model"/>, a file in it, and gives it the
        /// model's owner when root. Through a handle that never follows a link (Windows: a junction or any reparse point
        /// is refused) and is refused unless it is <paramref name="checkedFolder"/> (the folder the caller described, by
        /// device and inode; volume serial number and file index on Windows): a path swapped for a link meanwhile would
        /// send chmod, chown or SetNamedSecurityInfo elsewhere.
        /// </summary>
        /// <exception cref="FileReplacedException">The path no longer names that folder (a link, another folder, a file).</exception>
        void RestrictFolder(string folder, string model, FileFacts checkedFolder);

        /// <summary>Unix: the user id this process acts as (0 for root); -1 on Windows.</summary>
        long EffectiveUserId { get; }

        /// <summary>A failure an antivirus or a backup agent causes for a moment (Windows sharing violation, transient access denied).</summary>
        bool IsTransient(Exception ex);
    }
}
