using System;
using System.Management.Automation;
using ImpactEmploi.Logging;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// What every cmdlet of the module shares: log messages queued by Core (from any thread) are written
    /// on the pipeline thread, and Core's <see cref="IeaException"/> becomes an ErrorRecord with a stable id.
    /// </summary>
    public abstract class IeaCmdletBase : PSCmdlet
    {
        private readonly LogPump _pump = new LogPump();

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

        /// <summary>Reports a failure about one target and goes on with the next.</summary>
        protected void WriteIeaError(IeaException error)
        {
            DrainLog();
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
            finally
            {
                DrainLog();
                LogPump.Current = previous;
            }
        }
    }
}
