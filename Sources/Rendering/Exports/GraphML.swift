import Model

/// The knowledge graph as GraphML, which Gephi, yEd and Cytoscape open: every entity a
/// node (with its kind, name, type and date), every relation an undirected edge with its
/// weight, the same edges as `graph.json`.
package enum GraphML {
    package static func xml(_ site: Site) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="label" for="node" attr.name="label" attr.type="string"/>
              <key id="kind" for="node" attr.name="kind" attr.type="string"/>
              <key id="type" for="node" attr.name="type" attr.type="string"/>
              <key id="date" for="node" attr.name="date" attr.type="string"/>
              <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>
              <key id="url" for="node" attr.name="url" attr.type="string"/>
              <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
              <graph id="dossier" edgedefault="undirected">

            """
        for (index, entity) in site.entities.enumerated() {
            xml += "    <node id=\"\(escape(entity.key.description))\">\n"
            xml += "      <data key=\"label\">\(escape(entity.name))</data>\n"
            xml += "      <data key=\"kind\">\(entity.kind.rawValue)</data>\n"
            if case let .actor(type, _) = entity.details { xml += "      <data key=\"type\">\(type.rawValue)</data>\n" }
            if let date = entity.date { xml += "      <data key=\"date\">\(escape(date.edtf))</data>\n" }
            xml += "      <data key=\"mentions\">\(site.backlinks[index].count)</data>\n"
            xml += "      <data key=\"url\">\(escape(URLs.absolute(URLs.entityFolder(entity.key))))</data>\n"
            xml += "    </node>\n"
        }
        var edge = 0
        for (index, relations) in site.related.enumerated() {
            for relation in relations where index < relation.entity {
                edge += 1
                xml += "    <edge id=\"e\(edge)\" source=\"\(escape(site.key(of: index).description))\" target=\"\(escape(site.key(of: relation.entity).description))\">"
                xml += "<data key=\"weight\">\(relation.weight)</data></edge>\n"
            }
        }
        return xml + "  </graph>\n</graphml>\n"
    }

    /// XML text and attribute escaping; code points XML 1.0 forbids become U+FFFD.
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape: one scan of its bytes, and it is returned as it is.
        // Bytes that may need work: `& < > "`, controls other than tab, line feed and carriage
        // return, and 0xEF, which leads U+FFFE and U+FFFF.
        // Read as contiguous bytes against a mask: iterating `utf8` generically cost 1,500
        // instructions per feed entry's text.
        var text = text
        let clean = text.withUTF8 { bytes in
            for byte in bytes where byte < 0x40 ? (asciiNeedingWork >> byte) & 1 == 1 : byte == 0xEF { return false }
            return true
        }
        if clean { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// The bytes below 0x40 `GraphML.escape` must look at, one bit each: controls other than
/// tab, line feed and carriage return, and `" & < >`.
private let asciiNeedingWork: UInt64 = (1 << 32 - 1) & ~(1 << 0x09 | 1 << 0x0A | 1 << 0x0D)
    | 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E
