using System;
using System.Globalization;

namespace ImpactEmploi.Tests.Diagnosis
{
    /// <summary>Sets the current UI culture for the duration of a using block, then restores it.</summary>
    internal sealed class UICulture : IDisposable
    {
        private readonly CultureInfo _saved = CultureInfo.CurrentUICulture;

        public UICulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _saved;
    }
}
