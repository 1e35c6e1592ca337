using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace ImpactEmploi
{
    /// <summary>A status's server tests: a list for scripts and ConvertTo-Json, one readable string for Export-Csv.</summary>
    public sealed class ServerTestList : ReadOnlyCollection<IeaServerTestResult>
    {
        public static ServerTestList Empty { get; } = new ServerTestList(System.Array.Empty<IeaServerTestResult>());

        private ServerTestList(IList<IeaServerTestResult> tests)
            : base(tests)
        {
        }

        /// <summary>The tests as a ServerTestList (null gives an empty one).</summary>
        public static ServerTestList Of(IEnumerable<IeaServerTestResult>? tests) =>
            tests is ServerTestList list ? list : tests == null ? Empty : new ServerTestList(tests.ToArray());

        /// <summary>"Authentication https://...: OK; Update https://...: Timeout".</summary>
        public override string ToString() => string.Join(TextList.Separator, this);
    }
}
