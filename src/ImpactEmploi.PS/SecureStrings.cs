using System;
using System.Runtime.InteropServices;
using System.Security;

namespace ImpactEmploi.PS
{
    /// <summary>
    /// Lends a SecureString's text to one piece of work as a string, then zeroes the unmanaged copy and that string.
    /// Copies the work makes from it (the settings file's new text and bytes, strings inside .NET's own code) are not
    /// reached: no .NET string can be erased everywhere, so this shortens the password's life in memory, no more.
    /// </summary>
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

        // Strings are immutable by contract only: overwriting this one in place is safe because no one else holds it.
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
