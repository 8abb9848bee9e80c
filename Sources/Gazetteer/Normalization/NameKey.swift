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
        var scratch = NameKeyScratch()
        Self.build(name, into: &scratch)
        scalars = scratch.key
    }

    /// Writes the key of `name` to `scratch.key`, reusing the scratch buffers:
    /// the index builds 100,000 keys, and fresh arrays for each cost more than
    /// the folding itself.
    static func build(_ name: String, into scratch: inout NameKeyScratch) {
        scratch.key.removeAll(keepingCapacity: true)
        if ArabicNormalizer.isArabic(name) {
            ArabicNormalizer.appendKey(of: name, to: &scratch.key)
        } else {
            LatinNormalizer.appendKey(of: name, to: &scratch.key, letters: &scratch.letters, ends: &scratch.ends)
            // Doubled letters collapse across word joins too (Ain Nakhla /
            // Ainakhla), but not in Arabic, where a written double (ككلة) is
            // part of the name.
            var kept = 0
            scratch.key.withUnsafeMutableBufferPointer { joined in
                for i in joined.indices where kept == 0 || joined[kept - 1] != joined[i] {
                    joined[kept] = joined[i]
                    kept += 1
                }
            }
            scratch.key.removeLast(scratch.key.count - kept)
        }
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

/// Working buffers for ``NameKey/build(_:into:)``: the key, and the Latin
/// normaliser's letters and word ends. Keep one for a run of names.
struct NameKeyScratch {
    var key: [UInt32] = []
    var letters: [UInt32] = []
    var ends: [Int] = []
}
