using System.IO;

namespace ImpactEmploi.Storage
{
    /// <summary>The path no longer names the file or folder that was checked: someone replaced it meanwhile (a link, another folder).</summary>
    internal sealed class FileReplacedException : IOException
    {
        public FileReplacedException(string path)
            : base(path + ": replaced since it was checked")
        {
            Path = path;
        }

        public string Path { get; }
    }
}
