using ImpactEmploi.Layouts;

namespace ImpactEmploi.Discovery
{
    /// <summary>What <see cref="SettingClassifier"/> makes of one named value.</summary>
    internal sealed class SettingGuess
    {
        public SettingGuess(Setting setting, CandidateConfidence confidence, string reason)
        {
            Setting = setting;
            Confidence = confidence;
            Reason = reason;
        }

        public Setting Setting { get; }
        public CandidateConfidence Confidence { get; }
        public string Reason { get; }
    }
}
