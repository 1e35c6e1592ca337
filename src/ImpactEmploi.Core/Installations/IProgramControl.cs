using System;

namespace ImpactEmploi.Installations
{
    /// <summary>The seam between the module and starting or stopping a program.</summary>
    public interface IProgramControl
    {
        /// <summary>Asks the process to close (its window, on Windows), then ends it after <paramref name="grace"/>.</summary>
        void Terminate(int processId, TimeSpan grace);

        /// <summary>Starts the program from its folder and returns its process id.</summary>
        int Start(string executablePath);
    }
}
