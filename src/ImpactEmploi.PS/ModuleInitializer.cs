using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace ImpactEmploi.PS
{
    /// <summary>
    /// Loads ImpactEmploi.Core and its third-party dependencies from the module's dependencies folder,
    /// isolated from whatever PowerShell or other modules have loaded (see "Load context" in docs/ARCHITECTURE.md):
    /// a private AssemblyLoadContext on PowerShell 7, an AssemblyResolve handler on Windows PowerShell.
    /// PowerShell loads the cmdlet classes before calling <see cref="OnImport"/>: a field of a Core value type
    /// (an enum) in this assembly would need Core before the handler exists, and the import would fail.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies");

        private static readonly bool IsNetFramework =
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        public void OnImport()
        {
            if (IsNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencyFolder;
            }
            else
            {
                PrivateLoadContext.Register(DependencyFolder);
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencyFolder;
            }
            else
            {
                PrivateLoadContext.Unregister();
            }
        }

        private static Assembly? ResolveFromDependencyFolder(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            var culture = name.CultureName;
            var folder = string.IsNullOrEmpty(culture) ? DependencyFolder : Path.Combine(DependencyFolder, culture);
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
