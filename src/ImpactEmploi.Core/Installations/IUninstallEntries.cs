using System.Collections.Generic;

namespace ImpactEmploi.Installations
{
    /// <summary>The seam between discovery and the Windows registry; empty elsewhere.</summary>
    public interface IUninstallEntries
    {
        IEnumerable<UninstallEntry> Read();
    }
}
