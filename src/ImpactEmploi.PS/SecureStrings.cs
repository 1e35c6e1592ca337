using System;
using System.Runtime.InteropServices;
using System.Security;

namespace ImpactEmploi.PS
{
    /// <summary>Lends a SecureString's text to one piece of work, then overwrites every plain copy this module made.</summary>
    internal static class SecureStrings
    {
        public static T Use<T>(SecureString secret, Func<string, T> work)
        {
            var unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secret);
            var plain = Marshal.PtrToStringUni(unmanaged, secret.Length);
            try
            {
                return work(plain);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
                Wipe(plain);
            }
        }

        // Strings are immutable by contract only: the password must not outlive its use in memory.
        private static unsafe void Wipe(string text)
        {
            fixed (char* characters = text)
            {
                for (var i = 0; i < text.Length; i++)
                {
                    characters[i] = '\0';
                }
            }
        }
    }
}
