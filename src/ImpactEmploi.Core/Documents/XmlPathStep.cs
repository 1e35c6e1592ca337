using System.Collections.Generic;

namespace ImpactEmploi.Documents
{
    /// <summary>One element step of an <see cref="XmlPath"/>: a name and the attributes it must have.</summary>
    public sealed class XmlPathStep
    {
        internal XmlPathStep(XmlName name, IReadOnlyList<KeyValuePair<XmlName, string>> conditions)
        {
            Name = name;
            Conditions = conditions;
        }

        public XmlName Name { get; }

        /// <summary>[@name='value'] predicates: every one must hold.</summary>
        public IReadOnlyList<KeyValuePair<XmlName, string>> Conditions { get; }
    }
}
