using System.Collections.Generic;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// The seam between discovery and the Windows registry (read-only). Keys are named as PowerShell does:
    /// HKLM:\SOFTWARE\…, HKCU:\Software\…, HKU:\&lt;SID&gt;\Software\…. A key that does not exist or may not be
    /// read has no subkeys and no values.
    /// </summary>
    public interface IRegistryReader
    {
        IReadOnlyList<string> SubKeyNames(string key, RegistryKeyView view);

        IReadOnlyList<RegistryValueData> Values(string key, RegistryKeyView view);
    }
}
