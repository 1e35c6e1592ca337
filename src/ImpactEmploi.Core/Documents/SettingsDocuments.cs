using System;
using System.IO;
using ImpactEmploi.Ini;
using ImpactEmploi.Layouts;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>Opens a layout's settings file with the store its Format names (INI unless the layout says otherwise).</summary>
    public static class SettingsDocuments
    {
        /// <summary>IEA's settings file is a few kilobytes; anything over this is not it.</summary>
        public const int MaxFileBytes = 1024 * 1024;

        public static ISettingsDocument Load(string path, IeaLayout layout)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            return Parse(ReadBytes(path), path, layout);
        }

        public static ISettingsDocument Parse(byte[] bytes, string sourcePath, IeaLayout layout)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            return layout.Format switch
            {
                SettingsFormat.Properties => PropertiesDocument.Parse(bytes, sourcePath),
                SettingsFormat.Xml => XmlSettingsDocument.Parse(bytes, sourcePath),
                SettingsFormat.Json => JsonSettingsDocument.Parse(bytes, sourcePath),
                SettingsFormat.Ini => IniDocument.Parse(bytes, sourcePath, layout.DefaultEncoding),
                _ => throw new NotSupportedException(layout.Format + " settings files are not supported yet."),
            };
        }

        /// <summary>A settings file's bytes, with ConfigUnreadable (missing, a folder, too large, unreadable) or ConfigAccessDenied.</summary>
        public static byte[] ReadBytes(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            try
            {
                if (Directory.Exists(path))
                {
                    throw DocumentText.Unreadable(path, Res.Get("IniReasonFolder"), IeaErrorCategory.ReadError);
                }

                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                long length = stream.Length;
                if (length > MaxFileBytes)
                {
                    throw DocumentText.Unreadable(path, Res.Format("IniReasonTooLarge", length, MaxFileBytes));
                }

                var bytes = new byte[length];
                int read = 0;
                int n;
                while (read < bytes.Length && (n = stream.Read(bytes, read, bytes.Length - read)) > 0)
                {
                    read += n;
                }

                if (read < bytes.Length)
                {
                    Array.Resize(ref bytes, read);
                }

                return bytes;
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new IeaException(ErrorIds.ConfigAccessDenied, IeaErrorCategory.PermissionDenied,
                    Res.Format("ConfigAccessDenied", path, ex.Message), path, Res.Get("ConfigAccessDeniedAction"), ex);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw DocumentText.Unreadable(path, Res.Get("IniReasonMissing"), IeaErrorCategory.ObjectNotFound, ex);
            }
            catch (Exception ex) when (ex is IOException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw DocumentText.Unreadable(path, ex.Message, IeaErrorCategory.ReadError, ex);
            }
        }
    }
}
