using System;

namespace ImpactEmploi
{
    /// <summary>The mail to URSSAF's support the fiche asks for, ready to send.</summary>
    public sealed class IeaSupportRequest
    {
        public string To { get; set; } = "";

        /// <summary>"Serveur de connexion 3.00.72", with the installed version, as the fiche asks.</summary>
        public string Subject { get; set; } = "";

        public string Body { get; set; } = "";

        /// <summary>The .eml file written, if any.</summary>
        public string? OutFile { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        /// <summary>The installation folder the request is about.</summary>
        public string Path { get; set; } = "";

        public override string ToString() => Subject;
    }
}
