using System.Collections.Generic;
using ImpactEmploi.Documents;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>The registry seam's fake: values in a dictionary; a write can be made to fail to test the roll-back.</summary>
    internal sealed class MemoryRegistryStore : IRegistryStore
    {
        public Dictionary<RegistryLocation, string> Values { get; } = new Dictionary<RegistryLocation, string>();

        /// <summary>When set, the write of this value name throws ConfigAccessDenied (as a denied RegSetValueEx would).</summary>
        public string? FailWritesOf { get; set; }

        public int Writes { get; private set; }

        public string? Read(RegistryLocation location) => Values.TryGetValue(location, out var value) ? value : null;

        public void Write(RegistryLocation location, string value)
        {
            if (location.ValueName == FailWritesOf)
            {
                throw new IeaException(ErrorIds.ConfigAccessDenied, IeaErrorCategory.PermissionDenied, "denied: " + location, location.ToString(), "");
            }

            Writes++;
            Values[location] = value;
        }

        public void Delete(RegistryLocation location) => Values.Remove(location);
    }
}
