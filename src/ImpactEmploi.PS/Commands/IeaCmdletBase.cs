using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Logging;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// What every cmdlet of the module shares: log messages queued by Core (from any thread) are written
    /// on the pipeline thread, and Core's <see cref="IeaException"/> becomes an ErrorRecord with a stable id.
    /// </summary>
    public abstract class IeaCmdletBase : PSCmdlet, IDisposable
    {
        private readonly LogPump _pump = new LogPump();
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private bool _disposed;

        protected sealed override void BeginProcessing() => Run(OnBegin);

        protected sealed override void ProcessRecord() => Run(OnProcess);

        protected sealed override void EndProcessing() => Run(OnEnd);

        protected virtual void OnBegin()
        {
        }

        protected virtual void OnProcess()
        {
        }

        protected virtual void OnEnd()
        {
        }

        /// <summary>Writes what Core queued so far: call it from long loops to keep -Verbose live.</summary>
        protected void DrainLog()
        {
            while (_pump.TryDequeue(out var message))
            {
                switch (message.Level)
                {
                    case PumpLevel.Warning:
                        WriteWarning(message.Text);
                        break;
                    case PumpLevel.Verbose:
                        WriteVerbose(message.Text);
                        break;
                    default:
                        WriteDebug(message.Text);
                        break;
                }
            }
        }

        /// <summary>
        /// Waits for Core's asynchronous work on the pipeline thread: log messages are written as they come,
        /// a progress bar appears after a second, and Ctrl+C (StopProcessing) cancels at once.
        /// </summary>
        /// <param name="onTick">Called on the pipeline thread while waiting and once at the end (to write results as they come).</param>
        protected T Await<T>(Func<CancellationToken, Task<T>> work, string activity, Func<TimeSpan, string> status, Action? onTick = null)
        {
            var task = work(_stopping.Token);
            var watch = Stopwatch.StartNew();
            var progress = new ProgressRecord(1, activity, " ");
            var shown = false;
            while (!task.Wait(100))
            {
                DrainLog();
                onTick?.Invoke();
                if (watch.Elapsed > TimeSpan.FromSeconds(1))
                {
                    progress.StatusDescription = status(watch.Elapsed);
                    WriteProgress(progress);
                    shown = true;
                }
            }

            if (shown)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }

            if (task.Status == TaskStatus.RanToCompletion) onTick?.Invoke();

            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected override void StopProcessing()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Ctrl+C as the command ended: nothing is left to stop.
            }
        }

        /// <summary>Cancelled by Ctrl+C (StopProcessing): pass it to every wait in Core.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        /// <summary>PowerShell disposes a cmdlet when its pipeline ends.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                // A pipeline ended early (Select-Object -First, an error further on) never calls StopProcessing: work
                // still under way (another installation's server test) is cancelled here, not left running unseen.
                _stopping.Cancel();
                _stopping.Dispose();
            }
        }

        /// <summary>How many failures this command reported (so a Boolean answer never hides one).</summary>
        protected int ErrorsWritten { get; private set; }

        /// <summary>Reports a failure about one target and goes on with the next.</summary>
        protected void WriteIeaError(IeaException error)
        {
            DrainLog();
            ErrorsWritten++;
            WriteError(ToErrorRecord(error));
        }

        internal static ErrorRecord ToErrorRecord(IeaException error)
        {
            var category = Enum.TryParse<ErrorCategory>(error.Category.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
            return new ErrorRecord(error, error.ErrorId, category, error.TargetObject)
            {
                ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = error.RecommendedAction },
            };
        }

        private void Run(Action step)
        {
            var previous = LogPump.Current;
            LogPump.Current = _pump;
            try
            {
                step();
            }
            catch (IeaException error)
            {
                DrainLog();
                ThrowTerminatingError(ToErrorRecord(error));
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                DrainLog();
                LogPump.Current = previous;
            }
        }
    }
}
