using System.Collections.Concurrent;
using System.Threading;

namespace ImpactEmploi.Logging
{
    public enum PumpLevel
    {
        Debug,
        Verbose,
        Warning,
    }
}
