using System.IO;

namespace ImpactEmploi.Storage
{
    /// <summary>The path names a FIFO, a device, a socket or a folder: never opened for reading or writing.</summary>
    internal sealed class NotRegularFileException : IOException
    {
        public NotRegularFileException(string path, FileKind kind)
            : base(path + ": " + kind)
        {
            Kind = kind;
        }

        public FileKind Kind { get; }
    }
}
