/// The record a gazetteer `source` field names: `osm:node/1565509495`,
/// `dafif:HLLT`, `ourairports:HLZN`, `geonames:2210247`, `wikipedia:Leptis_Magna`.
///
/// The record is the first word of the field; a note in brackets may follow
/// (`dafif:HL69 (DAFIF Al Jufra)`). A field starting `approx.` names no record:
/// ``CoordinatePrecision`` reads its precision.
public struct SourceRecord: Hashable, Sendable, CustomStringConvertible {
    /// Which reference the record is in.
    public enum Reference: String, Sendable, Hashable, CaseIterable {
        case osm, dafif, ourairports, geonames, wikipedia
    }

    public let reference: Reference
    /// The record's key inside its reference: the node id, ICAO code, GeoNames id or article.
    public let key: String

    public init(reference: Reference, key: String) {
        self.reference = reference
        self.key = key
    }

    /// The record a source field names, or nil for `approx.` or free text.
    public init?(source: String) {
        // On the bytes: every source of a gazetteer is read once per load, and
        // the delimiters are ASCII, so their indexes fall on character boundaries.
        let bytes = source.utf8
        let end = bytes.firstIndex { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } ?? bytes.endIndex
        guard let colon = bytes[..<end].firstIndex(of: UInt8(ascii: ":")),
              let reference = Reference(rawValue: String(source[..<colon])) else { return nil }
        var key = String(source[bytes.index(after: colon)..<end])
        if reference == .osm {
            // Only nodes: the vendored extract holds place nodes.
            guard key.hasPrefix("node/"), key.count > 5, key.dropFirst(5).allSatisfy(\.isASCII), Int(key.dropFirst(5)) != nil else { return nil }
            key = String(key.dropFirst(5))
        }
        guard !key.isEmpty else { return nil }
        self.init(reference: reference, key: key)
    }

    /// As the source field writes it.
    public var description: String {
        reference == .osm ? "osm:node/\(key)" : "\(reference.rawValue):\(key)"
    }
}
