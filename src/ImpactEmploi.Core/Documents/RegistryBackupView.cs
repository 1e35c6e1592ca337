using System;
using System.Collections.Generic;

namespace ImpactEmploi.Documents
{
    /// <summary>
    /// The registry as a registry backup would leave it: the backup's values over the live ones, read-only. Restore checks a
    /// backup's settings through it before anything is written.
    /// </summary>
    internal sealed class RegistryBackupView : IRegistryStore
    {
        private readonly IRegistryStore _live;
        private readonly Dictionary<RegistryLocation, string?> _saved = new Dictionary<RegistryLocation, string?>();

        public RegistryBackupView(IRegistryStore live, RegistryBackup backup)
        {
            _live = live ?? throw new ArgumentNullException(nameof(live));
            foreach (var (location, value) in (backup ?? throw new ArgumentNullException(nameof(backup))).Values)
            {
                _saved[location] = value;
            }
        }

        public string? Read(RegistryLocation location) => _saved.TryGetValue(location, out var value) ? value : _live.Read(location);

        public void Write(RegistryLocation location, string value) => throw new InvalidOperationException("A backup's view of the registry is read-only.");

        public void Delete(RegistryLocation location) => throw new InvalidOperationException("A backup's view of the registry is read-only.");
    }
}
