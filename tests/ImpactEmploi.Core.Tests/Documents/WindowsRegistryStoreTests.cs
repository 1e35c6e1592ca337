using System;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>The real registry, under a throw-away key of HKCU (no administrator rights needed).</summary>
    [Trait("Category", "Windows")]
    public class WindowsRegistryStoreTests
    {
        [SkippableFact]
        public void Writes_reads_and_deletes_string_and_DWORD_values_in_both_views()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "The Windows registry exists only on Windows.");
            var key = "HKCU:\\Software\\ImpactEmploi.PS.Tests\\" + Guid.NewGuid().ToString("N");
            var store = SettingsDocuments.DefaultRegistry;
            foreach (var view in new[] { RegistryView.Default, RegistryView.Registry32, RegistryView.Registry64 })
            {
                var text = RegistryLocation.Parse(key, "Mode", view, RegistryValueKind.String)!;
                var number = RegistryLocation.Parse(key, "ProxyPort", view, RegistryValueKind.DWord)!;
                Assert.Null(store.Read(text));

                store.Write(text, "Sécurisé");
                store.Write(number, "4294967295");
                Assert.Equal("Sécurisé", store.Read(text));
                Assert.Equal("4294967295", store.Read(number));

                store.Delete(text);
                store.Delete(number);
                store.Delete(number);
                Assert.Null(store.Read(text));
                Assert.Null(store.Read(number));
            }
        }
    }
}
