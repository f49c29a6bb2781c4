using System.Xml;
using System.Xml.Linq;

namespace NfGate
{
    /// <summary>Line information of XML elements loaded with LoadOptions.SetLineInfo.</summary>
    public static class XmlLocations
    {
        public static SourceLocation Of(XObject node, string filePath)
        {
            IXmlLineInfo info = (IXmlLineInfo)node;
            return info.HasLineInfo() ? new SourceLocation(filePath, info.LineNumber, info.LinePosition) : SourceLocation.StartOf(filePath);
        }

        public static XDocument Load(string filePath) => XDocument.Load(filePath, LoadOptions.SetLineInfo);
    }
}
