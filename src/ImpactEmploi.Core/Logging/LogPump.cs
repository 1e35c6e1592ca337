using System.Collections.Concurrent;
using System.Threading;

namespace ImpactEmploi.Logging
{
    /// <summary>
    /// Carries log messages from any thread to the cmdlet that caused them: PowerShell's Write* methods throw
    /// off the pipeline thread, so messages wait here until the cmdlet drains them on its own thread.
    /// The current pump flows with the async context into the tasks a cmdlet starts.
    /// </summary>
    public sealed class LogPump
    {
        private static readonly AsyncLocal<LogPump?> CurrentPump = new AsyncLocal<LogPump?>();
        private readonly ConcurrentQueue<PumpMessage> _queue = new ConcurrentQueue<PumpMessage>();

        public static LogPump? Current
        {
            get => CurrentPump.Value;
            set => CurrentPump.Value = value;
        }

        public void Enqueue(PumpLevel level, string text) => _queue.Enqueue(new PumpMessage(level, text));

        public bool TryDequeue(out PumpMessage message) => _queue.TryDequeue(out message);
    }
}
