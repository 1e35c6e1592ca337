using System;
using System.Threading;

namespace ImpactEmploi.Installations
{
    /// <summary>The seam between the module and starting or stopping a program.</summary>
    public interface IProgramControl
    {
        /// <summary>
        /// Asks the process to close (its window, on Windows), then ends it after <paramref name="grace"/>. Waiting for
        /// it to exit ends at once with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
        /// </summary>
        void Terminate(int processId, TimeSpan grace, CancellationToken cancellationToken);

        /// <summary>Starts the program from its folder and returns its process id.</summary>
        int Start(string executablePath);
    }
}
