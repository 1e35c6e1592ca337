namespace ImpactEmploi
{
    /// <summary>What the server itself answered (never a proxy's own answer).</summary>
    public enum ProbeAnswer
    {
        /// <summary>No HTTP answer from the server.</summary>
        None,

        /// <summary>2xx (or 1xx): the answer a working server gives.</summary>
        Expected,

        /// <summary>3xx: see Location.</summary>
        Redirect,

        /// <summary>4xx: the server answered but refuses this request (403, 404, 451...).</summary>
        ClientError,

        /// <summary>5xx from the server itself.</summary>
        ServerError,
    }
}
