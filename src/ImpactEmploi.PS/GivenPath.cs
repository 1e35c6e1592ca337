using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImpactEmploi.Resources;
using Microsoft.PowerShell.Commands;

namespace ImpactEmploi.PS
{
    /// <summary>
    /// What one -Path or -LiteralPath value names, read as Microsoft's provider cmdlets read it (Get-Item): a literal
    /// path as written; a -Path with a wildcard that is not escaped, what the provider matches; a -Path without one,
    /// exactly one item, its backtick escapes removed, so that 'Asso `[Paie`]' (what [WildcardPattern]::Escape returns)
    /// is the folder "Asso [Paie]" and nothing else.
    /// </summary>
    internal sealed class GivenPath
    {
        private GivenPath(string given, IReadOnlyList<string> matches, bool isPattern, IeaException? error = null)
        {
            Given = given;
            Matches = matches;
            IsPattern = isPattern;
            Error = error;
        }

        /// <summary>The value as the user gave it (for messages).</summary>
        public string Given { get; }

        /// <summary>File-system paths: for a pattern, what exists and matches it (maybe nothing); else the one path named, existing or not.</summary>
        public IReadOnlyList<string> Matches { get; }

        /// <summary>True for a wildcard pattern: what it matches that is not a target is skipped, not an error.</summary>
        public bool IsPattern { get; }

        /// <summary>
        /// Set when the value names nothing on the file system (Env:X, HKLM:\X, a drive or provider that does not exist):
        /// the cmdlet reports it and goes on with the next value. Never read as a file path, which would be relative to the
        /// process's directory.
        /// </summary>
        public IeaException? Error { get; }

        /// <summary>-LiteralPath, or a Path property of an object on the pipeline (that object's real path): [ ] * ? ` are part of the name.</summary>
        public static GivenPath Literal(PathIntrinsics paths, string given) => OnFileSystem(paths, given, given);

        /// <summary>-Path as typed.</summary>
        public static GivenPath Pattern(PathIntrinsics paths, string given)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(given))
            {
                // What the provider does with a path that has no wildcard left once escapes are read, without its
                // globbing (a thousand installations per call stay cheap): a backtick escapes [ ] * ? and ` only, so
                // "Asso `B" stays as written, as with Get-Item.
                return OnFileSystem(paths, given, WildcardPattern.Unescape(given));
            }

            try
            {
                var matches = paths.GetResolvedProviderPathFromPSPath(given, out var provider);
                return IsFileSystem(provider)
                    ? new GivenPath(given, matches, true)
                    : NotOnFileSystem(given, provider.Name);
            }
            catch (ItemNotFoundException)
            {
                return new GivenPath(given, Array.Empty<string>(), true);
            }
            catch (SessionStateException e)
            {
                return NotOnFileSystem(given, e.Message);
            }
        }

        private static GivenPath OnFileSystem(PathIntrinsics paths, string given, string path)
        {
            try
            {
                var full = paths.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                return IsFileSystem(provider) ? new GivenPath(given, new[] { full }, false) : NotOnFileSystem(given, provider.Name);
            }
            catch (SessionStateException e)
            {
                // A drive or a provider that does not exist (DriveNotFound, ProviderNotFound).
                return NotOnFileSystem(given, e.Message);
            }
        }

        private static bool IsFileSystem(ProviderInfo provider) =>
            string.Equals(provider.Name, FileSystemProvider.ProviderName, StringComparison.OrdinalIgnoreCase);

        private static GivenPath NotOnFileSystem(string given, string why) =>
            new GivenPath(given, Array.Empty<string>(), false, new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                Text.Format("NotAFileSystemPath", given, why), given, Text.Get("NotAFileSystemPathAction")));
    }
}
