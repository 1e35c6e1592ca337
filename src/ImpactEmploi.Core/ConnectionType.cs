namespace ImpactEmploi
{
    /// <summary>How IEA reaches URSSAF's servers ("Type de connection" in the dialog).</summary>
    public enum ConnectionType
    {
        Direct,
        Proxy,
        /// <summary>"Connection en utilisant les paramètres d'Internet Explorer": the system proxy.</summary>
        SystemProxy,
    }
}
