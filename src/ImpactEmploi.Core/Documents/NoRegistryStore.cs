using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>The registry outside Windows: a layout that places a setting there cannot be used.</summary>
    internal sealed class NoRegistryStore : IRegistryStore
    {
        public string? Read(RegistryLocation location) => throw Unavailable(location);

        public void Write(RegistryLocation location, string value) => throw Unavailable(location);

        public void Delete(RegistryLocation location) => throw Unavailable(location);

        private static IeaException Unavailable(RegistryLocation location) =>
            DocumentText.Unreadable(location.ToString(), Res.Get("RegistryUnavailable"), IeaErrorCategory.ResourceUnavailable);
    }
}
