using System;
using System.Collections.Generic;
using System.Management.Automation;

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
        private GivenPath(string given, IReadOnlyList<string> matches, bool isPattern)
        {
            Given = given;
            Matches = matches;
            IsPattern = isPattern;
        }

        /// <summary>The value as the user gave it (for messages).</summary>
        public string Given { get; }

        /// <summary>File-system paths: for a pattern, what exists and matches it (maybe nothing); else the one path named, existing or not.</summary>
        public IReadOnlyList<string> Matches { get; }

        /// <summary>True for a wildcard pattern: what it matches that is not a target is skipped, not an error.</summary>
        public bool IsPattern { get; }

        /// <summary>-LiteralPath, or a Path property of an object on the pipeline (that object's real path): [ ] * ? ` are part of the name.</summary>
        public static GivenPath Literal(PathIntrinsics paths, string given) =>
            new GivenPath(given, new[] { paths.GetUnresolvedProviderPathFromPSPath(given) }, false);

        /// <summary>-Path as typed.</summary>
        public static GivenPath Pattern(PathIntrinsics paths, string given)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(given))
            {
                // What the provider does with a path that has no wildcard left once escapes are read, without its
                // globbing (a thousand installations per call stay cheap): a backtick escapes [ ] * ? and ` only, so
                // "Asso `B" stays as written, as with Get-Item.
                return new GivenPath(given, new[] { paths.GetUnresolvedProviderPathFromPSPath(WildcardPattern.Unescape(given)) }, false);
            }

            try
            {
                return new GivenPath(given, paths.GetResolvedProviderPathFromPSPath(given, out _), true);
            }
            catch (ItemNotFoundException)
            {
                return new GivenPath(given, Array.Empty<string>(), true);
            }
        }
    }
}
