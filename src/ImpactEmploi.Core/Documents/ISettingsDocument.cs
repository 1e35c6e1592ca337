using System.Text;
using ImpactEmploi.Layouts;

namespace ImpactEmploi.Documents
{
    /// <summary>
    /// A settings file kept byte for byte (INI, XML, .properties, JSON): values are read and set through a layout's
    /// locations, and only the changed values' bytes differ in <see cref="ToBytes"/>.
    /// </summary>
    public interface ISettingsDocument
    {
        /// <summary>The encoding the file is read and written with.</summary>
        Encoding Encoding { get; }

        /// <summary>The value at <paramref name="location"/> as the program reads it (unescaped); null when absent.</summary>
        string? GetValue(SettingLocation location);

        /// <summary>Sets a value, changing only its bytes; false, changing nothing, when it is already equal.</summary>
        /// <exception cref="System.ArgumentException">The value cannot be written so as to read back the same.</exception>
        /// <exception cref="IeaException">InvalidSettingValue: the location is not in the file and cannot be added unambiguously.</exception>
        bool SetValue(SettingLocation location, string value);

        byte[] ToBytes();
    }
}
