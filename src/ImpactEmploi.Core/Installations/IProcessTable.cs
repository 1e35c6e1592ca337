using System.Collections.Generic;

namespace ImpactEmploi.Installations
{
    /// <summary>The seam between the module and the process table.</summary>
    public interface IProcessTable
    {
        /// <summary>True when a process of that image name runs from <paramref name="folder"/>, or from a folder that cannot be read.</summary>
        bool IsRunning(string imageName, string folder);

        /// <summary>The ids of those processes.</summary>
        IReadOnlyList<int> Find(string imageName, string folder);
    }
}
