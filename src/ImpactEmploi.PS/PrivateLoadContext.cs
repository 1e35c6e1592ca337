using System;
using System.IO;
using System.Reflection;

namespace ImpactEmploi.PS
{
    /// <summary>
    /// A private AssemblyLoadContext for Core and its dependencies on PowerShell 7, reached by reflection
    /// because netstandard2.0 has no AssemblyLoadContext type. When the default context cannot find
    /// ImpactEmploi.Core, it is loaded into the private context, with our own copies of the libraries
    /// another module could also have loaded (so theirs and ours never meet).
    /// </summary>
    internal static class PrivateLoadContext
    {
        private const string CoreName = "ImpactEmploi.Core";

        // Loaded into the private context before Core, so binds from Core find them there first.
        // Framework assemblies (System.*) are left to the runtime: two copies of those would split type identities.
        private static readonly string[] PrivateLibraries =
        {
            "Polly.Core", "Serilog", "Serilog.Sinks.File", "Serilog.Formatting.Compact",
        };

        private static readonly object Gate = new object();
        private static string _folder = "";
        private static object? _defaultContext;
        private static EventInfo? _resolvingEvent;
        private static Delegate? _defaultHandler;
        private static object? _privateContext;
        private static MethodInfo? _loadFromPath;
        private static Assembly? _core;

        public static void Register(string folder)
        {
            lock (Gate)
            {
                if (_defaultHandler != null)
                {
                    return;
                }

                _folder = folder;
                var contextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: true)!;
                _defaultContext = contextType.GetProperty("Default")!.GetValue(null);
                _resolvingEvent = contextType.GetEvent("Resolving")!;
                _loadFromPath = contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
                _defaultHandler = Delegate.CreateDelegate(_resolvingEvent.EventHandlerType!,
                    typeof(PrivateLoadContext).GetMethod(nameof(OnDefaultResolving), BindingFlags.NonPublic | BindingFlags.Static)!);
                _resolvingEvent.AddEventHandler(_defaultContext, _defaultHandler);
            }
        }

        public static void Unregister()
        {
            lock (Gate)
            {
                if (_defaultHandler != null)
                {
                    _resolvingEvent!.RemoveEventHandler(_defaultContext, _defaultHandler);
                    _defaultHandler = null;
                }
            }
        }

        private static Assembly? OnDefaultResolving(object context, AssemblyName name)
        {
            if (!string.Equals(name.Name, CoreName, StringComparison.Ordinal))
            {
                return null;
            }

            lock (Gate)
            {
                return _core ??= LoadCore();
            }
        }

        private static Assembly LoadCore()
        {
            var contextType = _resolvingEvent!.DeclaringType!;
            _privateContext = Activator.CreateInstance(contextType, "ImpactEmploi.PS", false)!;
            var privateHandler = Delegate.CreateDelegate(_resolvingEvent.EventHandlerType!,
                typeof(PrivateLoadContext).GetMethod(nameof(OnPrivateResolving), BindingFlags.NonPublic | BindingFlags.Static)!);
            _resolvingEvent.AddEventHandler(_privateContext, privateHandler);

            foreach (var library in PrivateLibraries)
            {
                LoadPrivate(Path.Combine(_folder, library + ".dll"));
            }

            return LoadPrivate(Path.Combine(_folder, CoreName + ".dll"));
        }

        // What the runtime does not provide and the private context has not loaded yet (Microsoft.Bcl.*, satellite resources).
        private static Assembly? OnPrivateResolving(object context, AssemblyName name)
        {
            var folder = string.IsNullOrEmpty(name.CultureName) ? _folder : Path.Combine(_folder, name.CultureName);
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadPrivate(path) : null;
        }

        private static Assembly LoadPrivate(string path) =>
            (Assembly)_loadFromPath!.Invoke(_privateContext, new object[] { path })!;
    }
}
