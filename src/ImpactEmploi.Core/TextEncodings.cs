using System.Text;

// Namespace ImpactEmploi, not ImpactEmploi.Text: a namespace of that name would hide the class
// ImpactEmploi.Resources.Text from every file under namespace ImpactEmploi.*.
namespace ImpactEmploi
{
    /// <summary>The encodings the module reads and writes settings files with.</summary>
    public static class TextEncodings
    {
        /// <summary>Windows-1252, strict: throws on bytes or characters it cannot map instead of writing '?'.</summary>
        public static Encoding Windows1252 { get; } = GetStrict(1252);

        /// <summary>The encoding of <paramref name="codePage"/> (code pages included), throwing instead of substituting.</summary>
        public static Encoding GetStrict(int codePage)
        {
            EnsureCodePages();
            return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }

        /// <summary>The strict encoding a layout names (for example "windows-1252"), or null for a name .NET does not know.</summary>
        public static Encoding? Named(string name)
        {
            EnsureCodePages();
            try
            {
                return GetStrict(Encoding.GetEncoding(name).CodePage);
            }
            catch (System.ArgumentException)
            {
                return null;
            }
        }

        private static bool registered;

        private static void EnsureCodePages()
        {
            // .NET Core knows only the Unicode encodings until the provider is registered; registering twice is harmless.
            if (!registered)
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                registered = true;
            }
        }
    }
}
