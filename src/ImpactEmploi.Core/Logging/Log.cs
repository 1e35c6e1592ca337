using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using ImpactEmploi.Resources;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ImpactEmploi.Logging
{
    /// <summary>
    /// The module's log: Verbose messages go to the running cmdlet only; Information and above also go
    /// to a daily JSON-lines file (31 kept). Serilog is created on the first file event, never at import,
    /// so read-only commands that log nothing important do not pay for it.
    /// </summary>
    public static class Log
    {
        public const string FolderVariable = "IEA_PS_LOG_DIR";
        private static readonly object Gate = new object();
        private static Logger? _file;

        public static void Verbose(string text) => LogPump.Current?.Enqueue(PumpLevel.Verbose, text);

        /// <summary>Writes a structured event to the file log and shows its rendered text as verbose output.</summary>
        public static void Information(string messageTemplate, params object?[] values)
        {
            var logger = FileLogger();
            logger.Information(messageTemplate, values);
            Verbose(Render(logger, LogEventLevel.Information, messageTemplate, values));
        }

        internal static string DefaultFolder()
        {
            var overridden = Environment.GetEnvironmentVariable(FolderVariable);
            if (!string.IsNullOrWhiteSpace(overridden))
            {
                return overridden!;
            }

            return Path.Combine(ModulePaths.StateFolder(), RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "Logs" : "logs");
        }

        private static Logger FileLogger()
        {
            lock (Gate)
            {
                return _file ??= CreateFileLogger();
            }
        }

        private static Logger CreateFileLogger()
        {
            var folder = DefaultFolder();
            if (!CanWrite(folder))
            {
                var fallback = Path.Combine(Path.GetTempPath(), "impactemploi-ps", "logs");
                LogPump.Current?.Enqueue(PumpLevel.Warning, Text.Format("LogFolderFallback", folder, fallback));
                folder = fallback;
            }

            return new LoggerConfiguration()
                .MinimumLevel.Information()
                .Enrich.WithProperty("Machine", Environment.MachineName)
                .Enrich.WithProperty("User", UserName())
                .Enrich.WithProperty("ProcessId", CurrentProcessId())
                .WriteTo.File(new CompactJsonFormatter(), Path.Combine(folder, "impactemploi-.log"),
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, shared: true)
                .CreateLogger();
        }

        private static bool CanWrite(string folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
                var probe = Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + ".probe");
                File.WriteAllBytes(probe, Array.Empty<byte>());
                File.Delete(probe);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return false;
            }
        }

        internal static string UserName() =>
            string.IsNullOrEmpty(Environment.UserDomainName) ? Environment.UserName : Environment.UserDomainName + "\\" + Environment.UserName;

        private static int CurrentProcessId()
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return process.Id;
        }

        private static string Render(Logger logger, LogEventLevel level, string template, object?[] values)
        {
            if (!logger.BindMessageTemplate(template, values, out var parsed, out var bound))
            {
                return template;
            }

            var properties = new System.Collections.Generic.Dictionary<string, LogEventPropertyValue>();
            foreach (var property in bound)
            {
                properties[property.Name] = property.Value;
            }

            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            parsed.Render(properties, writer, CultureInfo.CurrentCulture);
            return writer.ToString();
        }
    }
}
