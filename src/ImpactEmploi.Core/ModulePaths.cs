using System;
using System.IO;
using System.Runtime.InteropServices;

namespace ImpactEmploi
{
    /// <summary>Where the module keeps its own state on a PC (the log folder and the support-request journal).</summary>
    public static class ModulePaths
    {
        public const string StateVariable = "IEA_PS_STATE_DIR";

        /// <summary>$env:IEA_PS_STATE_DIR, else %ProgramData%\ImpactEmploi.PS on Windows, else $XDG_STATE_HOME/impactemploi-ps.</summary>
        public static string StateFolder()
        {
            var overridden = Environment.GetEnvironmentVariable(StateVariable);
            if (!string.IsNullOrWhiteSpace(overridden))
            {
                return overridden!;
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "ImpactEmploi.PS");
            }

            var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrWhiteSpace(state))
            {
                state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            }

            return Path.Combine(state!, "impactemploi-ps");
        }
    }
}
