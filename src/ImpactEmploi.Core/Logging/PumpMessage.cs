namespace ImpactEmploi.Logging
{
    public readonly struct PumpMessage
    {
        public PumpMessage(PumpLevel level, string text)
        {
            Level = level;
            Text = text;
        }

        public PumpLevel Level { get; }
        public string Text { get; }
    }
}
