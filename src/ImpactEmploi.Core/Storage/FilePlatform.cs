using System.Runtime.InteropServices;

namespace ImpactEmploi.Storage
{
    internal static class FilePlatform
    {
        /// <summary>The platform of this process.</summary>
        public static IFilePlatform Current { get; } =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? new WindowsFilePlatform()
                : (IFilePlatform?)UnixFilePlatform.TryCreate() ?? new ManagedFilePlatform();
    }
}
