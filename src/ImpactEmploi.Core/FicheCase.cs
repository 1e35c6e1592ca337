namespace ImpactEmploi
{
    /// <summary>
    /// The fiche pratique's outcome. Output types carry it twice: as this type (FicheCase) for code, and as its
    /// number (Case, 0..3) for scripts, CSV files and remoting, which compare and write the number.
    /// </summary>
    public enum FicheCase
    {
        /// <summary>None of the fiche's cases: the servers were not tested, or something comes first (assistance mode, settings).</summary>
        None = 0,

        /// <summary>Case 1: connected.</summary>
        Connected = 1,

        /// <summary>Case 2: a server cannot be reached.</summary>
        ServersUnreachable = 2,

        /// <summary>Case 3: the servers answer but refuse the authorisation or the licence.</summary>
        Refused = 3,
    }
}
