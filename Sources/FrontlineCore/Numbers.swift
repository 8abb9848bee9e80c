extension Double {
    /// A finite number written in plain decimal: `32.5`, `-0.25`, `1e3`, `.5`.
    ///
    /// `Double("…")` also takes `nan`, `inf`, `infinity` and hexadecimal floats
    /// (`0x1p5` is 32), none of which a coordinate, a distance or a count in a
    /// data file means; those, and anything that overflows, give nil.
    public init?(decimal text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        func sign() { if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 } }
        sign()
        var mantissa = digits()
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return nil }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            sign()
            guard digits() > 0 else { return nil }
        }
        guard i == bytes.count, let value = Double(String(text)), value.isFinite else { return nil }
        self = value
    }
}

extension Int {
    /// `value` rounded to the nearest integer and clamped to `Int`'s range;
    /// NaN gives 0. `Int(someDouble)` traps past `Int.max` or on NaN, which is
    /// how a `--size` of 9223372036854775807 once crashed frontline inside its
    /// own error message: every conversion of a computed Double goes through here.
    public init(clampingRounded value: Double) {
        if value.isNaN { self = 0; return }
        let r = value.rounded()
        // Double(Int.max) rounds up to 2^63, which Int cannot hold: compare with >=.
        if r >= Double(Int.max) { self = .max } else if r <= Double(Int.min) { self = .min } else { self = Int(r) }
    }
}
