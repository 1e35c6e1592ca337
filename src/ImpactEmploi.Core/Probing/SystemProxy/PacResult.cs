namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>The answer of a proxy auto-configuration script, or why there is none.</summary>
    public sealed class PacResult
    {
        private PacResult(PacOutcome outcome, string? proxies, string? problem)
        {
            Outcome = outcome;
            Proxies = proxies;
            Problem = problem;
        }

        public PacOutcome Outcome { get; }

        /// <summary>The proxies the script chose, in WinHTTP's form ("host:port;host2:port", or "PROXY host:port; DIRECT").</summary>
        public string? Proxies { get; }

        /// <summary>Why the script could not be evaluated.</summary>
        public string? Problem { get; }

        public static PacResult Direct() => new PacResult(PacOutcome.Direct, null, null);

        public static PacResult Through(string proxies) => new PacResult(PacOutcome.Proxy, proxies, null);

        /// <summary>Automatic detection found no script: the browser falls back to the manual settings.</summary>
        public static PacResult NoScriptFound() => new PacResult(PacOutcome.NoScriptFound, null, null);

        public static PacResult Failed(string problem) => new PacResult(PacOutcome.Failed, null, problem);
    }
}
