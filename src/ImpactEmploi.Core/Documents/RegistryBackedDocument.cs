using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ImpactEmploi.Layouts;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>
    /// A layout's settings when some live in the registry: file locations go to the settings file's document, registry
    /// locations to the registry. Registry changes are only collected here; <see cref="SettingsDocuments.Commit"/>
    /// writes them (all or none), after saving the old values.
    /// </summary>
    public sealed class RegistryBackedDocument : ISettingsDocument
    {
        private readonly Dictionary<RegistryLocation, string?> _read = new Dictionary<RegistryLocation, string?>();
        private readonly Dictionary<RegistryLocation, string> _pending = new Dictionary<RegistryLocation, string>();

        public RegistryBackedDocument(ISettingsDocument file, IRegistryStore registry)
        {
            File = file ?? throw new ArgumentNullException(nameof(file));
            Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        }

        public ISettingsDocument File { get; }
        public IRegistryStore Registry { get; }
        public Encoding Encoding => File.Encoding;

        /// <summary>The registry values to write, with the values they replace (null: absent).</summary>
        public IReadOnlyList<(RegistryLocation Location, string? Old, string New)> PendingRegistryChanges
        {
            get
            {
                var changes = new List<(RegistryLocation, string?, string)>();
                foreach (var pair in _pending)
                {
                    changes.Add((pair.Key, _read[pair.Key], pair.Value));
                }

                return changes;
            }
        }

        public string? GetValue(SettingLocation location)
        {
            if (location is null) throw new ArgumentNullException(nameof(location));
            if (location.Registry == null)
            {
                return File.GetValue(location);
            }

            return _pending.TryGetValue(location.Registry, out var pending) ? pending : Current(location.Registry);
        }

        public bool SetValue(SettingLocation location, string value)
        {
            if (location is null) throw new ArgumentNullException(nameof(location));
            if (value is null) throw new ArgumentNullException(nameof(value));
            if (location.Registry == null)
            {
                return File.SetValue(location, value);
            }

            if (string.Equals(GetValue(location), value, StringComparison.Ordinal))
            {
                return false;
            }

            if (location.Registry.Kind == RegistryValueKind.DWord && !uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw DocumentText.NotWritable(location.Registry, Res.Get("StoreReasonDWord"));
            }

            if (location.Registry.Kind == RegistryValueKind.String && value.IndexOf('\0') >= 0)
            {
                throw DocumentText.NotWritable(location.Registry, Res.Get("IniReasonLineBreak"));
            }

            Current(location.Registry);
            _pending[location.Registry] = value;
            return true;
        }

        public byte[] ToBytes() => File.ToBytes();

        private string? Current(RegistryLocation location)
        {
            if (!_read.TryGetValue(location, out var value))
            {
                value = Registry.Read(location);
                _read[location] = value;
            }

            return value;
        }
    }
}
