namespace ImpactEmploi
{
    /// <summary>"Mode de connection" in the dialog; the fiche asks for Secure.</summary>
    public enum ConnectionMode
    {
        Normal,
        Extended,
        Secure,
    }
}
