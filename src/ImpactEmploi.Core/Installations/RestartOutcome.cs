using System.Collections.Generic;

namespace ImpactEmploi.Installations
{
    /// <summary>What a restart of the connection program did.</summary>
    public sealed class RestartOutcome
    {
        private RestartOutcome(SessionCopies copies, IReadOnlyList<int> stopped, int? startedProcessId, bool declined, bool restartNeeded)
        {
            Copies = copies;
            Stopped = stopped;
            StartedProcessId = startedProcessId;
            IsDeclined = declined;
            RestartNeeded = restartNeeded;
        }

        /// <summary>The copies found running, by session.</summary>
        public SessionCopies Copies { get; }

        public IReadOnlyList<int> Stopped { get; }
        public int? StartedProcessId { get; }

        /// <summary>-WhatIf, or -Confirm answered no: nothing was stopped or started.</summary>
        public bool IsDeclined { get; }

        /// <summary>This session may not start the program (no desktop, or SYSTEM): nothing was stopped or started; a user must restart it.</summary>
        public bool RestartNeeded { get; }

        public static RestartOutcome Needed(SessionCopies copies) => new RestartOutcome(copies, System.Array.Empty<int>(), null, false, true);

        public static RestartOutcome Declined(SessionCopies copies) => new RestartOutcome(copies, System.Array.Empty<int>(), null, true, false);

        public static RestartOutcome Done(SessionCopies copies, int started) => new RestartOutcome(copies, copies.Mine, started, false, false);
    }
}
