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

        // The folders tried, when none could be written: every event is then lost, and each one says so.
        private static string? _lostTo;

        public static void Verbose(string text) => LogPump.Current?.Enqueue(PumpLevel.Verbose, text);

        /// <summary>Writes a structured event to the file log and shows its rendered text as verbose output.</summary>
        public static void Information(string messageTemplate, params object?[] values)
        {
            var logger = FileLogger();
            logger.Information(messageTemplate, values);
            var text = Render(logger, LogEventLevel.Information, messageTemplate, values);
            Verbose(text);
            if (_lostTo != null)
            {
                LogPump.Current?.Enqueue(PumpLevel.Warning, Text.Format("LogEventLost", text, _lostTo));
            }
        }

        /// <summary>
        /// Writes a structured event to the file log and shows <paramref name="shown"/> (a message from the resources,
        /// in the user's language) as verbose output instead of the English template: the user reads it once.
        /// </summary>
        public static void Event(string shown, string messageTemplate, params object?[] values)
        {
            FileLogger().Information(messageTemplate, values);
            Verbose(shown);
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
            var choice = LogFolders.Choose(LogFolders.Candidates(), folder => LogFolders.CanAppend(folder, DateTime.Now));
            if (choice.Warning != null)
            {
                LogPump.Current?.Enqueue(PumpLevel.Warning, choice.Warning);
            }

            if (choice.Folder is null)
            {
                _lostTo = string.Join(", ", choice.Tried);
                return new LoggerConfiguration().CreateLogger();
            }

            return new LoggerConfiguration()
                .MinimumLevel.Information()
                .Enrich.WithProperty("Machine", Environment.MachineName)
                .Enrich.WithProperty("User", UserName())
                .Enrich.WithProperty("ProcessId", CurrentProcessId())
                .WriteTo.File(new CompactJsonFormatter(), Path.Combine(choice.Folder, LogFolders.DayFilePrefix + ".log"),
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, shared: true)
                .CreateLogger();
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
