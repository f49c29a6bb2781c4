using System;
using System.Xml.Linq;

namespace NfIcbmsg.Packaging.Tests.Support
{
    /// <summary>Values a package or project file must have: a missing one fails naming the element and the file.</summary>
    public static class XmlValues
    {
        public static string Required(XElement element, string attribute)
        {
            return element.Attribute(attribute)?.Value
                ?? throw new InvalidOperationException($"{element.BaseUri}: <{element.Name.LocalName}> has no {attribute} attribute");
        }

        public static XElement Root(XDocument document, string path)
        {
            return document.Root ?? throw new InvalidOperationException(path + " has no root element");
        }
    }
}
