using System.Collections.Generic;
using System.Linq;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// The running copies of a program, split by session: the caller's own (which it may stop and start) and other
    /// users' (on a terminal server: never touched, and still running with what they had read).
    /// </summary>
    public sealed class SessionCopies
    {
        public SessionCopies(IReadOnlyList<int> mine, IReadOnlyList<int> others)
        {
            Mine = mine;
            Others = others;
        }

        public IReadOnlyList<int> Mine { get; }
        public IReadOnlyList<int> Others { get; }

        public static SessionCopies Split(IReadOnlyList<int> processIds, ISessionFacts session)
        {
            var current = session.SessionId;
            var mine = processIds.Where(id => session.SessionOf(id) == current).ToArray();
            return new SessionCopies(mine, processIds.Except(mine).ToArray());
        }
    }
}
