/// The normalised form of a name: what two spellings of one place share.
///
/// A key is a sequence of Unicode scalar values with spaces removed: Latin
/// names fold to lower-case ASCII, Arabic names to a reduced Arabic alphabet.
/// The two never collide, so one index holds both.
struct NameKey: Hashable, Sendable, CustomStringConvertible {
    let scalars: [UInt32]

    init(scalars: [UInt32]) { self.scalars = scalars }

    /// The key of a name in any script.
    init(_ name: String) {
        var joined: [UInt32] = []
        if ArabicNormalizer.isArabic(name) {
            ArabicNormalizer.appendKey(of: name, to: &joined)
        } else {
            LatinNormalizer.appendKey(of: name, to: &joined)
            // Doubled letters collapse across word joins too (Ain Nakhla /
            // Ainakhla), but not in Arabic, where a written double (ككلة) is
            // part of the name.
            var kept = 0
            for s in joined where kept == 0 || joined[kept - 1] != s {
                joined[kept] = s
                kept += 1
            }
            joined.removeLast(joined.count - kept)
        }
        scalars = joined
    }

    var isEmpty: Bool { scalars.isEmpty }
    var count: Int { scalars.count }

    /// Looser keys for a query, tried after the key itself: the proclitic of
    /// بترهونة, the glued article of Alasabaa.
    var fallbacks: [NameKey] {
        var result: [NameKey] = []
        if let k = ArabicNormalizer.withoutProclitic(scalars) { result.append(NameKey(scalars: k)) }
        if let k = LatinNormalizer.withoutGluedArticle(scalars) { result.append(NameKey(scalars: k)) }
        return result
    }

    var description: String {
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars.compactMap(Unicode.Scalar.init))
        return s
    }
}
