using System.Collections;

namespace ImpactEmploi.Discovery
{
    /// <summary>One value of a settings file or registry key, with the words of its name and of what holds it.</summary>
    // A plain immutable value (netstandard2.0 has no records): its shape repeats RecommendedSettings', nothing else.
    internal sealed class NamedValue
    {
        public NamedValue(string name, string context, string value, string entry)
        {
            Name = name;
            Context = context;
            Value = value;
            Entry = entry;
        }

        /// <summary>The words of the value's own name (a key, an attribute, an element): strong evidence.</summary>
        public string Name { get; }

        /// <summary>The words of what holds it (a section, parent elements, a registry key): weak evidence.</summary>
        public string Context { get; }

        public string Value { get; }

        /// <summary>Where the value is, in one readable string.</summary>
        public string Entry { get; }

        public string? Section { get; set; }
        public string? Key { get; set; }
        public string? XPath { get; set; }
        public Hashtable? XmlNamespaces { get; set; }
        public string? JsonPath { get; set; }
    }
}
