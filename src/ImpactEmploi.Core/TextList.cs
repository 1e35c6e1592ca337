using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace ImpactEmploi
{
    /// <summary>
    /// Lines of text on an output object (Deviations, Actions): a list for scripts and ConvertTo-Json, one readable
    /// string ("a; b") for Export-Csv and string conversion. The types file gives deserialized copies the same text.
    /// </summary>
    public sealed class TextList : ReadOnlyCollection<string>
    {
        public const string Separator = "; ";

        public static TextList Empty { get; } = new TextList(Array.Empty<string>());

        private TextList(IList<string> lines)
            : base(lines)
        {
        }

        /// <summary>The lines as a TextList (null gives an empty one).</summary>
        public static TextList Of(IEnumerable<string>? lines) =>
            lines is TextList list ? list : lines == null ? Empty : new TextList(lines.ToArray());

        public override string ToString() => string.Join(Separator, this);
    }
}
