import Foundation
import FrontlineCore

/// One chunk of a PNG file: its four-letter type and its data (length and CRC
/// are implied).
public struct PNGChunk: Hashable, Sendable {
    public var type: String
    public var data: Data
    public init(type: String, data: Data) {
        self.type = type
        self.data = data
    }
}

/// Reads and writes the chunk layer of PNG files (ISO/IEC 15948 §5).
public enum PNGChunks {
    /// The eight bytes every PNG starts with.
    public static let signature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    /// Splits a PNG into its chunks, checking the signature, every length and
    /// every CRC. Throws ``SystemError`` naming what is wrong.
    public static func parse(_ png: Data) throws -> [PNGChunk] {
        let bytes = [UInt8](png)
        guard bytes.count >= 8, bytes[0..<8].elementsEqual(signature) else {
            throw SystemError("PNG", "not a PNG file (bad signature)")
        }
        var chunks: [PNGChunk] = []
        var at = 8
        while at < bytes.count {
            guard at + 12 <= bytes.count else { throw SystemError("PNG", "truncated chunk header at byte \(at)") }
            let length = Int(readUInt32(bytes, at))
            guard length <= bytes.count - at - 12 else { throw SystemError("PNG", "chunk at byte \(at) runs past the end") }
            let typeBytes = bytes[(at + 4)..<(at + 8)]
            guard typeBytes.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) else {
                throw SystemError("PNG", "bad chunk type at byte \(at)")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let stored = readUInt32(bytes, at + 8 + length)
            let computed = bytes.withUnsafeBytes { CRC32.update(0, UnsafeRawBufferPointer(rebasing: $0[(at + 4)..<(at + 8 + length)])) }
            guard stored == computed else { throw SystemError("PNG", "CRC mismatch in \(type) chunk at byte \(at)") }
            chunks.append(PNGChunk(type: type, data: Data(bytes[(at + 8)..<(at + 8 + length)])))
            at += 12 + length
        }
        guard chunks.first?.type == "IHDR" else { throw SystemError("PNG", "the first chunk is not IHDR") }
        guard chunks.last?.type == "IEND" else { throw SystemError("PNG", "the file does not end with IEND") }
        return chunks
    }

    /// A chunk as it is written: length, type, data, CRC over type and data.
    static func encode(type: String, data: Data) -> Data {
        var out = Data(capacity: data.count + 12)
        appendUInt32(&out, UInt32(data.count))
        let typeData = Data(type.utf8)
        out.append(typeData)
        out.append(data)
        var crc = typeData.withUnsafeBytes { CRC32.update(0, $0) }
        crc = data.withUnsafeBytes { CRC32.update(crc, $0) }
        appendUInt32(&out, crc)
        return out
    }

    static func readUInt32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }

    static func appendUInt32(_ out: inout Data, _ v: UInt32) {
        out.append(contentsOf: [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)])
    }

    static func appendUInt16(_ out: inout Data, _ v: UInt16) {
        out.append(contentsOf: [UInt8(v >> 8), UInt8(v & 0xff)])
    }
}

/// Writes an animated PNG (APNG 1.0) from frames that are already PNG files of
/// one size and colour type, as the renderer's libspng encoder makes them.
///
/// Each frame's IDAT data is re-wrapped, not re-encoded: the first frame keeps
/// its IDAT chunks (so viewers without APNG support show it as a still), later
/// frames carry the same bytes in fdAT chunks. Layout:
/// signature, IHDR, acTL, then per frame fcTL + IDAT… or fcTL + fdAT…, IEND.
/// Sequence numbers run from 0 across fcTL and fdAT in file order.
///
/// A frame whose pixels equal the previous one's is not stored again: the
/// previous frame is held longer instead. A later frame stores only what
/// changed since the frame before it: the rectangle around the changes (fcTL
/// offsets and size), in which pixels that did not change are transparent and
/// `blend_op` over keeps the canvas under them (`dispose_op` none). From day to
/// day a map changes in its date and a few rings, far apart, so the rectangle
/// is often most of the map but nearly all of it transparent, which compresses
/// to almost nothing. The file is RGBA for that (the frames given are RGB); the
/// first frame is stored whole and opaque.
///
/// The output goes to a temporary file beside the target, renamed when
/// ``finish()`` succeeds; ``abandon()`` (or an error) deletes it.
///
/// - Important: not thread-safe; one writer is fed from one thread, in frame order.
public final class APNGWriter {
    /// What ``finish()`` wrote.
    public struct Summary: Hashable, Sendable {
        /// Frames given to ``add(png:delayMilliseconds:)``.
        public var framesGiven: Int
        /// Frames stored in the file (identical neighbours merged).
        public var framesStored: Int
        /// Bytes of the whole file.
        public var bytes: Int
    }

    private let url: URL
    private let temporary: URL
    private let handle: FileHandle
    private let plays: Int
    private var header: Data?
    private var sequence: UInt32 = 0
    private var stored = 0
    private var given = 0
    private var written = 0
    /// The last frame given, held back until the next differs (or the end) so
    /// its delay can still grow: its pixels and its delay.
    private var pending: (image: RGBImage, delay: Int)?
    /// What viewers show after the frames written so far: the last stored frame's pixels.
    private var canvas: RGBImage?
    private var finished = false

    /// - Parameters:
    ///   - url: the `.png`/`.apng` file to make; its folder must exist.
    ///   - plays: how many times viewers play it; 0 loops forever.
    public init(url: URL, plays: Int = 0) throws {
        self.url = url
        self.plays = plays
        let folder = url.deletingLastPathComponent()
        temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let h = FileHandle(forWritingAtPath: temporary.path) else {
            throw SystemError("I/O", "cannot write \(url.path): cannot create a file in \(folder.path)")
        }
        handle = h
    }

    deinit {
        if !finished { abandon() }
    }

    /// Adds one frame shown for `delayMilliseconds` (1 to 655,350,000 ms).
    ///
    /// Every frame must have the first frame's IHDR (size, depth, colour type).
    public func add(png: Data, delayMilliseconds: Int) throws {
        precondition(!finished, "APNGWriter used after finish or abandon")
        let chunks = try PNGChunks.parse(png)
        let ihdr = chunks[0].data
        if header == nil {
            // Changed rectangles are encoded as 8-bit RGB, so the frames must be that too.
            guard ihdr.count == 13, ihdr[ihdr.startIndex + 8] == 8, ihdr[ihdr.startIndex + 9] == 2 else {
                throw SystemError("APNG", "frames must be 8-bit RGB PNGs, as frontline draws them")
            }
            // Chunks the first file carries before its image data (colour space, gamma,
            // palette) apply to the whole animation; they precede acTL here.
            let prelude = chunks.dropFirst().prefix { $0.type != "IDAT" }.filter { $0.type != "acTL" && $0.type != "fcTL" }
            header = ihdr
            var out = PNGChunks.signature
            var rgba = ihdr
            rgba[rgba.startIndex + 9] = 6 // colour type: truecolour with alpha, for the transparent unchanged pixels
            out.append(PNGChunks.encode(type: "IHDR", data: rgba))
            // num_frames is patched in finish(), when merging has settled the count.
            var actl = Data()
            PNGChunks.appendUInt32(&actl, 0)
            PNGChunks.appendUInt32(&actl, UInt32(plays))
            out.append(PNGChunks.encode(type: "acTL", data: actl))
            for c in prelude { out.append(PNGChunks.encode(type: c.type, data: c.data)) }
            try write(out)
        } else if ihdr != header {
            throw SystemError("APNG", "frame \(given + 1) differs in size or pixel format from the first frame")
        }
        guard chunks.contains(where: { $0.type == "IDAT" }) else { throw SystemError("APNG", "frame \(given + 1) has no image data") }
        given += 1
        let image = try PNGDecoder.decode(png)
        let delay = max(1, delayMilliseconds)
        if var p = pending, p.image == image {
            p.delay += delay
            pending = p
            return
        }
        try flushPending()
        pending = (image, delay)
    }

    /// Writes the held-back frame: fcTL, then IDAT (first frame) or fdAT chunks.
    private func flushPending() throws {
        guard let p = pending, header != nil else { return }
        pending = nil
        // The first frame is stored whole; a later one as the rectangle that
        // differs from the canvas the frames before it left.
        let region = canvas.map { Self.changedRegion(from: $0, to: p.image) } ?? Region(x: 0, y: 0, width: p.image.width, height: p.image.height)
        let data = try Self.idat(of: p.image, region: region, over: canvas)
        let blendOver = canvas != nil
        canvas = p.image
        var out = Data()
        var fctl = Data(capacity: 26)
        PNGChunks.appendUInt32(&fctl, sequence)
        sequence += 1
        PNGChunks.appendUInt32(&fctl, UInt32(region.width))
        PNGChunks.appendUInt32(&fctl, UInt32(region.height))
        PNGChunks.appendUInt32(&fctl, UInt32(region.x))
        PNGChunks.appendUInt32(&fctl, UInt32(region.y))
        let (num, den) = APNGWriter.delayFraction(milliseconds: p.delay)
        PNGChunks.appendUInt16(&fctl, num)
        PNGChunks.appendUInt16(&fctl, den)
        fctl.append(0) // dispose_op: none; the canvas keeps this frame for the next to draw over
        fctl.append(blendOver ? 1 : 0) // blend_op: over (transparent = unchanged), source for the opaque first frame
        out.append(PNGChunks.encode(type: "fcTL", data: fctl))
        for data in data {
            if stored == 0 {
                out.append(PNGChunks.encode(type: "IDAT", data: data))
            } else {
                var fdat = Data(capacity: data.count + 4)
                PNGChunks.appendUInt32(&fdat, sequence)
                sequence += 1
                fdat.append(data)
                out.append(PNGChunks.encode(type: "fdAT", data: fdat))
            }
        }
        stored += 1
        try write(out)
    }

    /// A rectangle of the canvas, pixels.
    struct Region: Hashable {
        var x: Int, y: Int, width: Int, height: Int
    }

    /// The smallest rectangle outside which `new` equals `old` (images of one
    /// size that differ somewhere).
    static func changedRegion(from old: RGBImage, to new: RGBImage) -> Region {
        let rowBytes = new.width * 3
        return old.pixels.withUnsafeBufferPointer { a in
            new.pixels.withUnsafeBufferPointer { b in
                func rowDiffers(_ y: Int) -> Bool { memcmp(a.baseAddress! + y * rowBytes, b.baseAddress! + y * rowBytes, rowBytes) != 0 }
                var top = 0
                while top < new.height - 1, !rowDiffers(top) { top += 1 }
                var bottom = new.height - 1
                while bottom > top, !rowDiffers(bottom) { bottom -= 1 }
                var left = new.width, right = -1
                for y in top...bottom where rowDiffers(y) {
                    let row = y * rowBytes
                    var x = 0
                    while x < min(left, new.width), a[row + 3 * x] == b[row + 3 * x], a[row + 3 * x + 1] == b[row + 3 * x + 1], a[row + 3 * x + 2] == b[row + 3 * x + 2] { x += 1 }
                    left = min(left, x)
                    x = new.width - 1
                    while x > max(right, left), a[row + 3 * x] == b[row + 3 * x], a[row + 3 * x + 1] == b[row + 3 * x + 1], a[row + 3 * x + 2] == b[row + 3 * x + 2] { x -= 1 }
                    right = max(right, x)
                }
                if right < left { return Region(x: 0, y: top, width: 1, height: 1) }  // unreachable for images that differ
                return Region(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
            }
        }
    }

    /// The IDAT data of `region` of `image` as RGBA, encoded as a PNG of its
    /// own: opaque where the pixel differs from `canvas` (everywhere without
    /// one), transparent (all zero) where it does not.
    static func idat(of image: RGBImage, region: Region, over canvas: RGBImage?) throws -> [Data] {
        var crop = [UInt8](repeating: 0, count: region.width * region.height * 4)
        for y in 0..<region.height {
            var from = ((region.y + y) * image.width + region.x) * 3
            var to = y * region.width * 4
            for _ in 0..<region.width {
                let (r, g, b) = (image.pixels[from], image.pixels[from + 1], image.pixels[from + 2])
                if let c = canvas, c.pixels[from] == r, c.pixels[from + 1] == g, c.pixels[from + 2] == b {} else {
                    crop[to] = r; crop[to + 1] = g; crop[to + 2] = b; crop[to + 3] = 255
                }
                from += 3
                to += 4
            }
        }
        let png = try PixelPNG.encode(crop, width: region.width, height: region.height, channels: 4)
        return try PNGChunks.parse(png).filter { $0.type == "IDAT" }.map(\.data)
    }

    /// delay_num/delay_den as two 16-bit numbers: milliseconds while they fit,
    /// then coarser units.
    static func delayFraction(milliseconds ms: Int) -> (UInt16, UInt16) {
        if ms <= 65535 { return (UInt16(ms), 1000) }
        if ms / 10 <= 65535 { return (UInt16(ms / 10), 100) }
        return (UInt16(min(65535, ms / 1000)), 1)
    }

    private func write(_ data: Data) throws {
        do { try handle.write(contentsOf: data) } catch {
            throw SystemError("I/O", "cannot write \(url.path): \(error.localizedDescription)")
        }
        written += data.count
    }

    /// Writes the last frame and IEND, fills in the frame count, and renames the
    /// file into place.
    @discardableResult
    public func finish() throws -> Summary {
        precondition(!finished, "APNGWriter finished twice")
        do {
            guard header != nil else { throw SystemError("APNG", "no frames to write") }
            try flushPending()
            try write(PNGChunks.encode(type: "IEND", data: Data()))
            // acTL starts right after the signature (8) and IHDR (12 + 13): its data at 41.
            var actl = Data()
            PNGChunks.appendUInt32(&actl, UInt32(stored))
            PNGChunks.appendUInt32(&actl, UInt32(plays))
            try handle.seek(toOffset: 33)
            try handle.write(contentsOf: PNGChunks.encode(type: "acTL", data: actl))
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                throw SystemError("I/O", "cannot write \(url.path): \(String(cString: strerror(errno)))")
            }
            finished = true
            return Summary(framesGiven: given, framesStored: stored, bytes: written)
        } catch {
            abandon()
            throw error
        }
    }

    /// Deletes the temporary file; nothing appears at the target.
    public func abandon() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}
