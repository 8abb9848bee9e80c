/// A small, fast deflate encoder (RFC 1951) for bands of map pixels: the few
/// rows of a frame that change from one day to the next, and the bands of a
/// single map compressed in parallel (``BandedPNG``).
///
/// Greedy LZ77 over two candidate distances only, the pixel to the left after
/// filtering (distance 1: runs of zero bytes, which a SUB-filtered flat colour
/// becomes) and the row above (distance `rowBytes`), coded with the fixed
/// Huffman tables. That is enough for a white band with a line of text, and it
/// is one pass with no hash tables.
///
/// The output ends with an empty stored block (the zlib "sync flush" marker),
/// which byte-aligns the stream and leaves it open: another raw deflate stream
/// can follow it directly, which is how a frame's cached lower part is appended.
enum FastDeflate {
    /// Raw deflate data for `input`, non-final and byte-aligned at the end.
    static func compressOpen(_ input: [UInt8], rowBytes: Int) -> [UInt8] {
        var w = BitWriter()
        w.reserve(input.count / 4 + 64)
        w.write(0, bits: 1) // BFINAL = 0: more data follows
        w.write(1, bits: 2) // BTYPE = 01: fixed Huffman codes
        let n = input.count
        // The only two distances, coded once.
        let left = BitWriter.distanceCode(1), up = BitWriter.distanceCode(max(1, min(rowBytes, 32768)))
        input.withUnsafeBufferPointer { src in
            var i = 0
            // How many bytes from `i` repeat the bytes `distance` back, up to 258.
            func run(_ distance: Int) -> Int {
                guard distance > 0, distance <= i, distance <= 32768 else { return 0 }
                let limit = min(258, n - i)
                var l = 0
                while l < limit && src[i + l] == src[i + l - distance] { l += 1 }
                return l
            }
            while i < n {
                var bestLength = run(1), bestDistance = 1
                // The row above only when the left neighbour does not already give a long run.
                if bestLength < 258 {
                    let up = run(rowBytes)
                    if up > bestLength { bestLength = up; bestDistance = rowBytes }
                }
                if bestLength >= 3 {
                    w.writeLength(bestLength)
                    let d = bestDistance == 1 ? left : up
                    w.write(d.code, bits: d.length)
                    i += bestLength
                } else {
                    w.writeLiteral(Int(src[i]))
                    i += 1
                }
            }
        }
        w.writeSymbol(256) // end of block
        // An empty stored block: BFINAL 0, BTYPE 00, pad to a byte, LEN 0, NLEN 0xFFFF.
        w.write(0, bits: 3)
        w.alignToByte()
        w.appendBytes([0x00, 0x00, 0xFF, 0xFF])
        return w.bytes
    }
}

/// Adler-32 (RFC 1950), the checksum a zlib stream ends with.
enum Adler32 {
    static let base: UInt32 = 65521

    static func checksum(_ data: [UInt8], start: UInt32 = 1) -> UInt32 {
        var a = start & 0xffff, b = start >> 16
        data.withUnsafeBufferPointer { p in
            var i = 0
            // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced.
            while i < p.count {
                let end = min(p.count, i + 5552)
                while i < end {
                    a &+= UInt32(p[i])
                    b &+= a
                    i += 1
                }
                a %= base
                b %= base
            }
        }
        return b << 16 | a
    }

    /// The checksum of A followed by B from the checksums of each and B's length
    /// (zlib's adler32_combine), so a cached part need not be summed again.
    static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
        let rem = UInt32(secondLength % Int(base))
        var sum1 = first & 0xffff
        var sum2 = UInt32((UInt64(rem) * UInt64(sum1)) % UInt64(base))
        sum1 += (second & 0xffff) + base - 1
        sum2 += ((first >> 16) & 0xffff) + ((second >> 16) & 0xffff) + base - rem
        if sum1 >= base { sum1 -= base }
        if sum1 >= base { sum1 -= base }
        if sum2 >= base << 1 { sum2 -= base << 1 }
        if sum2 >= base { sum2 -= base }
        return sum1 | (sum2 << 16)
    }
}

/// Writes bits least-significant first, as deflate packs them.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var count = 0

    mutating func reserve(_ n: Int) { bytes.reserveCapacity(n) }

    /// Appends `bits` bits of `value` (at most 32). Whole bytes leave the
    /// accumulator four at a time: one append per code was a large part of
    /// encoding a map.
    @inline(__always)
    mutating func write(_ value: UInt32, bits: Int) {
        accumulator |= UInt64(value) << UInt64(count)
        count += bits
        if count >= 32 {
            let word = UInt32(truncatingIfNeeded: accumulator)
            bytes.append(UInt8(truncatingIfNeeded: word))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            accumulator >>= 32
            count -= 32
        }
    }

    /// Writes out the whole bytes still held, as `write` would have one by one.
    private mutating func flushBytes() {
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            count -= 8
        }
    }

    /// The fixed literal/length code of RFC 1951 §3.2.6 for each symbol 0…287,
    /// already bit-reversed for the LSB-first stream, with its length.
    static let fixedCodes: [(code: UInt32, length: Int)] = (0..<288).map { s in
        let (code, length): (Int, Int)
        switch s {
        case 0...143: (code, length) = (0x30 + s, 8)
        case 144...255: (code, length) = (0x190 + s - 144, 9)
        case 256...279: (code, length) = (s - 256, 7)
        default: (code, length) = (0xC0 + s - 280, 8)
        }
        var reversed: UInt32 = 0
        for k in 0..<length { reversed |= UInt32((code >> k) & 1) << UInt32(length - 1 - k) }
        return (reversed, length)
    }

    /// A literal/length symbol with the fixed code.
    mutating func writeSymbol(_ s: Int) {
        let c = BitWriter.fixedCodes[s]
        write(c.code, bits: c.length)
    }

    mutating func writeLiteral(_ byte: Int) { writeSymbol(byte) }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Length 3…258 as symbol 257…285 plus extra bits.
    mutating func writeLength(_ length: Int) {
        let c = BitWriter.lengthCodes[length]
        write(c.code, bits: c.length)
    }

    /// Each length 3…258 as its symbol's fixed code followed by its extra
    /// bits, one value to write (at most 8 + 5 bits).
    static let lengthCodes: [(code: UInt32, length: Int)] = (0...258).map { length in
        guard length >= 3 else { return (0, 0) }
        var i = lengthBase.count - 1
        while lengthBase[i] > length { i -= 1 }
        let symbol = fixedCodes[257 + i]
        return (symbol.code | UInt32(length - lengthBase[i]) << UInt32(symbol.length), symbol.length + lengthExtra[i])
    }

    /// A distance's 5-bit fixed code (bit-reversed) followed by its extra
    /// bits, as one value (at most 5 + 13 bits).
    static func distanceCode(_ distance: Int) -> (code: UInt32, length: Int) {
        var i = distanceBase.count - 1
        while distanceBase[i] > distance { i -= 1 }
        var reversed: UInt32 = 0
        for k in 0..<5 { reversed |= ((UInt32(i) >> UInt32(k)) & 1) << UInt32(4 - k) }
        return (reversed | UInt32(distance - distanceBase[i]) << 5, 5 + distanceExtra[i])
    }

    mutating func alignToByte() {
        flushBytes()
        if count > 0 { write(0, bits: 8 - count) }
        flushBytes()
    }

    mutating func appendBytes(_ b: [UInt8]) {
        flushBytes()
        precondition(count == 0, "append only at a byte boundary")
        bytes.append(contentsOf: b)
    }
}
