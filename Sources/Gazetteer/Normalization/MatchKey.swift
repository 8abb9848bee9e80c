extension Gazetteer {
    /// The normalised key the resolver compares names by, as a string: two
    /// spellings with one key are one name to ``resolve(_:options:)``.
    ///
    /// For callers that scan running text for names (the article extractor):
    /// they key word sequences themselves and so must fold them exactly as the
    /// index does. Spaces vanish, Arabic words lose their article, Latin folds
    /// to lower-case ASCII.
    public static func matchKey(_ text: String) -> String {
        var scratch = NameKeyScratch()
        NameKey.build(text, into: &scratch)
        var s = String.UnicodeScalarView()
        for v in scratch.key { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }
}
