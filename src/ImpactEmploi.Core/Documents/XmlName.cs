using System;

namespace ImpactEmploi.Documents
{
    /// <summary>An expanded XML name: namespace URI ("" for none) and local name.</summary>
    public sealed class XmlName : IEquatable<XmlName>
    {
        public XmlName(string namespaceUri, string localName)
        {
            NamespaceUri = namespaceUri;
            LocalName = localName;
        }

        public string NamespaceUri { get; }
        public string LocalName { get; }

        public bool Equals(XmlName? other) =>
            other != null && string.Equals(NamespaceUri, other.NamespaceUri, StringComparison.Ordinal) &&
            string.Equals(LocalName, other.LocalName, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as XmlName);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(NamespaceUri) ^ StringComparer.Ordinal.GetHashCode(LocalName);

        public override string ToString() => NamespaceUri.Length == 0 ? LocalName : "{" + NamespaceUri + "}" + LocalName;

        internal static bool IsNcName(string name)
        {
            if (name.Length == 0)
            {
                return false;
            }

            try
            {
                System.Xml.XmlConvert.VerifyNCName(name);
                return true;
            }
            catch (System.Xml.XmlException)
            {
                return false;
            }
        }
    }
}
