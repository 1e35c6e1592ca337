using System;
using System.IO;
using System.Text;

namespace ImpactEmploi.Tests.Discovery
{
    /// <summary>A throw-away installation folder whose files the tests write byte for byte.</summary>
    internal sealed class SyntheticInstallation : IDisposable
    {
        public SyntheticInstallation()
        {
            Root = Path.Combine(Path.GetTempPath(), "iea-discovery-" + Guid.NewGuid().ToString("N"));
            Folder = Path.Combine(Root, "Impact Emploi");
            Directory.CreateDirectory(Folder);
        }

        /// <summary>Holds <see cref="Folder"/> and, beside it, whatever a test puts outside the installation.</summary>
        public string Root { get; }

        /// <summary>The installation folder.</summary>
        public string Folder { get; }

        public string Write(string relativePath, string text, Encoding? encoding = null) =>
            Write(relativePath, (encoding ?? new UTF8Encoding(false)).GetBytes(text));

        public string Write(string relativePath, byte[] bytes)
        {
            var path = Path.Combine(Folder, relativePath.Replace('\\', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
