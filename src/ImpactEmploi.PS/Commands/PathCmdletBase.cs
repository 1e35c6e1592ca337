using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// -Path and -LiteralPath, read as Microsoft's provider cmdlets read them (see <see cref="GivenPath"/>), for the cmdlets
    /// that target installations and those that target folders. -Path typed on the command line (bound before the
    /// pipeline runs) is a pattern; a Path property of an object on the pipeline is that object's real path, so that
    /// "Asso [Paie]" there never matches "Asso A".
    /// </summary>
    public abstract class PathCmdletBase : IeaCmdletBase
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";
        private bool _pathTyped;

        /// <summary>An installation folder or a file in it. Wildcards are accepted; a backtick makes the next one literal.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>An installation folder or a file in it, exactly as typed: [ ] * ? ` are part of the name.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>True when neither -Path nor -LiteralPath has a value (the cmdlet then looks on this PC).</summary>
        protected bool NoPathGiven => Path == null && LiteralPath == null;

        protected override void OnBegin() => _pathTyped = MyInvocation.BoundParameters.ContainsKey(nameof(Path));

        /// <summary>What -Path or -LiteralPath name for the current record.</summary>
        internal IEnumerable<GivenPath> GivenPaths()
        {
            if (LiteralPath != null) return LiteralPath.Select(given => GivenPath.Literal(SessionState.Path, given));
            if (Path == null) return Enumerable.Empty<GivenPath>();
            return _pathTyped
                ? Path.Select(given => GivenPath.Pattern(SessionState.Path, given))
                : Path.Select(given => GivenPath.Literal(SessionState.Path, given));
        }

        protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
    }
}
