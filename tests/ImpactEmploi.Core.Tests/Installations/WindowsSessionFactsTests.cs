using System;
using System.Diagnostics;
using System.IO;
using System.Security.Principal;
using ImpactEmploi.Installations;
using Xunit;

namespace ImpactEmploi.Tests.Installations
{
    /// <summary>The real session facts against what .NET's own Windows APIs say about the same process.</summary>
    /// <remarks>Every test skips first outside Windows, so the Windows-only calls below never run elsewhere.</remarks>
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    public sealed class WindowsSessionFactsTests
    {
        private const string Reason = "Sessions, tokens and DACLs are Windows'.";

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void The_session_is_this_processs()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var current = Process.GetCurrentProcess();
            var facts = new WindowsSessionFacts();
            Assert.Equal(current.SessionId, facts.SessionId);
            Assert.Equal(current.SessionId, facts.SessionOf(current.Id));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_process_that_does_not_exist_has_no_session()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            // Process ids are multiples of 4 on Windows: 3 is never one.
            Assert.Equal(-1, new WindowsSessionFacts().SessionOf(3));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void Elevation_and_account_match_the_token()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var identity = WindowsIdentity.GetCurrent();
            var facts = new WindowsSessionFacts();
            Assert.Equal(identity.IsSystem, facts.IsSystem);
            Assert.Equal(new WindowsPrincipal(identity).IsInRole(WindowsBuiltInRole.Administrator), facts.IsElevated);
            Assert.Equal(Environment.UserInteractive && facts.SessionId > 0, facts.HasInteractiveDesktop);
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void The_users_own_temporary_folder_is_writable_by_a_non_administrator()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            Skip.If(WindowsIdentity.GetCurrent().IsSystem, "SYSTEM's temporary folder belongs to SYSTEM.");
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iea-acl-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                Assert.True(new WindowsSessionFacts().IsWritableByNonAdministrators(folder));
            }
            finally
            {
                Directory.Delete(folder);
            }
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void System32_is_writable_by_administrators_only()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            var system = Environment.GetFolderPath(Environment.SpecialFolder.System);
            var facts = new WindowsSessionFacts();
            Assert.False(facts.IsWritableByNonAdministrators(system));
            Assert.False(facts.IsWritableByNonAdministrators(Path.Combine(system, "notepad.exe")));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_path_that_cannot_be_read_counts_as_writable()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            Assert.True(new WindowsSessionFacts().IsWritableByNonAdministrators(Path.Combine(Path.GetTempPath(), "iea-missing-" + Guid.NewGuid().ToString("N"))));
        }
    }
}
