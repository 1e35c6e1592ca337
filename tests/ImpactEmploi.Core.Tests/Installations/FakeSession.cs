using System.Collections.Generic;
using ImpactEmploi.Installations;

namespace ImpactEmploi.Tests.Installations
{
    /// <summary>Session facts as a test sets them: by default a user's own desktop session 1, not elevated.</summary>
    internal sealed class FakeSession : ISessionFacts
    {
        public int SessionId { get; init; } = 1;
        public bool HasInteractiveDesktop { get; init; } = true;
        public bool IsElevated { get; init; }
        public bool IsSystem { get; init; }

        /// <summary>The session of each process id; a process not listed is in the caller's session.</summary>
        public Dictionary<int, int> Sessions { get; } = new Dictionary<int, int>();

        /// <summary>Paths (folders or files) that non-administrators can change.</summary>
        public HashSet<string> WritableByUsers { get; } = new HashSet<string>();

        public static FakeSession Service => new FakeSession { SessionId = 0, HasInteractiveDesktop = false, IsElevated = true, IsSystem = true };

        public static FakeSession Remoting => new FakeSession { SessionId = 2, HasInteractiveDesktop = false, IsElevated = true };

        public int SessionOf(int processId) => Sessions.TryGetValue(processId, out var session) ? session : SessionId;

        public bool IsWritableByNonAdministrators(string path) => WritableByUsers.Contains(path);
    }
}
