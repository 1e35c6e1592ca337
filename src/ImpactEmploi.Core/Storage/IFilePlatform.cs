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
        /// when root) or its DACL (Windows). Through the handle on Unix: a path could be swapped for a link meanwhile.
        /// </summary>
        void CopyAccess(string model, FileStream target);

        /// <summary>Makes <paramref name="folder"/> no more open than <paramref name="model"/>, a file in it.</summary>
        void RestrictFolder(string folder, string model);

        /// <summary>Unix: the user id this process acts as (0 for root); -1 on Windows.</summary>
        long EffectiveUserId { get; }

        /// <summary>A failure an antivirus or a backup agent causes for a moment (Windows sharing violation, transient access denied).</summary>
        bool IsTransient(Exception ex);
    }
}
