import CCairo
import Foundation
import FrontlineCore

/// Encodes a sequence of frames as PNGs, recompressing only the horizontal
/// bands of pixels that differ from the previous frame's.
///
/// PNG keeps one zlib stream for the whole image, but a deflate stream may be
/// any concatenation of blocks and the image data may be split over any number
/// of IDAT chunks. Each band is compressed on its own (``FastDeflate``, an open,
/// byte-aligned stream that refers to nothing outside the band) and kept as a
/// finished IDAT chunk with its CRC and Adler-32. A frame is then: the zlib
/// header and the header band (the date changes every frame), the bands'
/// chunks, reused where their pixels are unchanged, and a closing chunk with a
/// final empty block and the Adler-32 of everything, combined from the bands'.
/// Filtering is SUB only, so no row depends on the row above and bands stand alone.
///
/// Because bands stand alone, a single image's bands can also be compressed on
/// all cores at once (``encodeConcurrently(surface:)``): that is how
/// `frontline render` writes its PNG.
///
/// - Important: not thread-safe; one per worker.
final class BandedPNG {
    /// Rows a band: small enough that a ring or a legend row dirties little,
    /// large enough that per-band overhead stays negligible.
    static let bandRows = 32

    let width: Int
    let height: Int
    /// Rows at the top that change every frame (the header with the date).
    let headerRows: Int
    private struct Band {
        /// The band's pixels as they came (cairo ARGB32 rows, or RGB), for comparison.
        var pixels: [UInt8]
        var chunk: Data
        var adler: UInt32
        var filteredLength: Int
    }
    private var bands: [Band?]
    /// Bands compressed and bands reused since the start, for benchmarks.
    private(set) var counts = (compressed: 0, reused: 0)

    init(width: Int, height: Int, headerRows: Int) {
        self.width = width
        self.height = height
        self.headerRows = headerRows
        bands = Array(repeating: nil, count: (height - headerRows + BandedPNG.bandRows - 1) / BandedPNG.bandRows)
    }

    /// Whether every band below the header has been compressed at least once,
    /// so ``encode(header:)`` alone can make a frame.
    var isPrimed: Bool { bands.allSatisfy { $0 != nil } }

    /// Compresses `rows` RGB rows into an IDAT chunk (open deflate data) with its Adler-32.
    private func compress(_ rgb: UnsafeRawBufferPointer, rows: Int) -> (chunk: Data, adler: UInt32, length: Int) {
        BandedPNG.chunk(filtered: BandedPNG.subFiltered(rgb: rgb, width: width, rows: rows), width: width)
    }

    /// SUB-filtered rows of an image `width` pixels wide as an IDAT chunk of
    /// open deflate data, with their Adler-32 and length: what every band keeps.
    private static func chunk(filtered: [UInt8], width: Int) -> (chunk: Data, adler: UInt32, length: Int) {
        let deflate = FastDeflate.compressOpen(filtered, rowBytes: width * 3 + 1)
        return (PNGChunks.encode(type: "IDAT", data: Data(deflate)), Adler32.checksum(filtered), filtered.count)
    }

    /// A whole frame from its full RGB image: bands whose pixels equal the
    /// cached ones are reused, the others compressed and cached.
    func encode(image rgb: [UInt8]) -> Data {
        precondition(rgb.count == width * height * 3, "image size")
        let rowBytes = width * 3
        return rgb.withUnsafeBytes { all in
            updateBands(stride: rowBytes, pixels: all) { slice, rows in
                BandedPNG.subFiltered(rgb: slice, width: width, rows: rows)
            }
            return assemble(header: UnsafeRawBufferPointer(rebasing: all[0..<(headerRows * rowBytes)]))
        }
    }

    /// A whole frame straight from an opaque cairo ARGB32 image of the frame's
    /// size: bands are compared in cairo's own layout, and only changed bands
    /// are converted to RGB and compressed.
    func encode(surface: CairoSurface) throws -> Data {
        let s = surface.pointer
        cairo_surface_flush(s)
        guard Int(cairo_image_surface_get_width(s)) == width, Int(cairo_image_surface_get_height(s)) == height,
              let base = cairo_image_surface_get_data(s) else {
            throw SystemError("cairo", "the frame image is not \(width)x\(height) or has no pixel data")
        }
        let stride = Int(cairo_image_surface_get_stride(s))
        let all = UnsafeRawBufferPointer(start: base, count: stride * height)
        let width = self.width
        updateBands(stride: stride, pixels: all) { slice, rows in
            BandedPNG.subFiltered(argb: slice, stride: stride, width: width, rows: rows)
        }
        let header = BandedPNG.rgb(argb: UnsafeRawBufferPointer(rebasing: all[0..<(headerRows * stride)]), stride: stride,
                                   width: width, rows: headerRows)
        return header.withUnsafeBytes { assemble(header: $0) }
    }

    /// Compares every band of `pixels` (rows of `stride` bytes) with the cache,
    /// compressing the ones that differ with the filtered rows `filter` makes.
    private func updateBands(stride: Int, pixels all: UnsafeRawBufferPointer,
                             filter: (UnsafeRawBufferPointer, Int) -> [UInt8]) {
        for b in bands.indices {
            let first = headerRows + b * BandedPNG.bandRows
            let rows = min(BandedPNG.bandRows, height - first)
            let slice = UnsafeRawBufferPointer(rebasing: all[(first * stride)..<((first + rows) * stride)])
            if let cached = bands[b], cached.pixels.count == slice.count,
               cached.pixels.withUnsafeBytes({ memcmp($0.baseAddress!, slice.baseAddress!, slice.count) == 0 }) {
                counts.reused += 1
                continue
            }
            let c = BandedPNG.chunk(filtered: filter(slice, rows), width: width)
            bands[b] = Band(pixels: Array(slice), chunk: c.chunk, adler: c.adler, filteredLength: c.length)
            counts.compressed += 1
        }
    }

    /// One PNG of an opaque cairo ARGB32 image, its bands filtered and
    /// compressed on all cores at once: what a single map (`frontline render`)
    /// needs, where there is no previous frame to reuse bands from. Nothing is
    /// cached, so the encoder can be dropped afterwards.
    static func encodeConcurrently(surface: CairoSurface) throws -> Data {
        let s = surface.pointer
        cairo_surface_flush(s)
        let width = Int(cairo_image_surface_get_width(s)), height = Int(cairo_image_surface_get_height(s))
        guard width > 0, height > 0, let base = cairo_image_surface_get_data(s) else {
            throw SystemError("cairo", "the image is empty or has no pixel data")
        }
        let stride = Int(cairo_image_surface_get_stride(s))
        // Read-only for the whole call, by every worker.
        nonisolated(unsafe) let all = UnsafeRawBufferPointer(start: base, count: stride * height)
        let encoder = BandedPNG(width: width, height: height, headerRows: 0)
        // The bands are independent deflate streams (see the type's comment).
        encoder.bands = Array(encoder.bands.indices).concurrentMap { b -> Band? in
            let first = b * BandedPNG.bandRows
            let rows = min(BandedPNG.bandRows, height - first)
            let slice = UnsafeRawBufferPointer(rebasing: all[(first * stride)..<((first + rows) * stride)])
            let c = BandedPNG.chunk(filtered: BandedPNG.subFiltered(argb: slice, stride: stride, width: width, rows: rows), width: width)
            return Band(pixels: [], chunk: c.chunk, adler: c.adler, filteredLength: c.length)
        }
        return encoder.assemble(header: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// A frame from new header rows over the cached bands (all must be primed).
    func encode(header rgb: [UInt8]) -> Data {
        precondition(isPrimed && rgb.count == headerRows * width * 3, "header size, or bands not primed")
        counts.reused += bands.count
        return rgb.withUnsafeBytes { assemble(header: $0) }
    }

    private func assemble(header: UnsafeRawBufferPointer) -> Data {
        let top = compress(header, rows: headerRows)
        var adler = top.adler
        var total = top.chunk.count + 128
        for band in bands {
            let band = band!
            adler = Adler32.combine(adler, band.adler, secondLength: band.filteredLength)
            total += band.chunk.count
        }
        var ihdr = Data()
        PNGChunks.appendUInt32(&ihdr, UInt32(width))
        PNGChunks.appendUInt32(&ihdr, UInt32(height))
        ihdr.append(contentsOf: [8, 2, 0, 0, 0]) // 8-bit truecolour, deflate, adaptive filtering, no interlace
        var png = Data(capacity: total)
        png.append(PNGChunks.signature)
        png.append(PNGChunks.encode(type: "IHDR", data: ihdr))
        // The zlib header goes in a chunk of its own so the header band's chunk
        // needs no copying: 0x78 0x01 is deflate, 32K window, no dictionary.
        png.append(PNGChunks.encode(type: "IDAT", data: Data([0x78, 0x01])))
        png.append(top.chunk)
        for band in bands { png.append(band!.chunk) }
        // A final empty fixed-Huffman block (BFINAL 1, BTYPE 01, end-of-block) closes the stream.
        var tail = Data([0x03, 0x00])
        PNGChunks.appendUInt32(&tail, adler)
        png.append(PNGChunks.encode(type: "IDAT", data: tail))
        png.append(PNGChunks.encode(type: "IEND", data: Data()))
        return png
    }

    /// Opaque cairo ARGB32 rows (native-endian 0xAARRGGBB words) as RGB bytes.
    /// Words, not bytes, are read, so the conversion is right on either byte order.
    static func rgb(argb: UnsafeRawBufferPointer, stride: Int, width: Int, rows: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: rows * width * 3)
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<rows {
                let row = argb.baseAddress!.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
                var o = y * width * 3
                for x in 0..<width {
                    let v = row[x]
                    dst[o] = UInt8(truncatingIfNeeded: v >> 16)
                    dst[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                    dst[o + 2] = UInt8(truncatingIfNeeded: v)
                    o += 3
                }
            }
        }
        return out
    }

    /// SUB-filtered rows straight from cairo ARGB32 rows (opaque, so
    /// premultiplied equals plain RGB): filter type 1, then each byte minus the
    /// same channel of the pixel to the left.
    static func subFiltered(argb: UnsafeRawBufferPointer, stride: Int, width: Int, rows: Int) -> [UInt8] {
        let rowBytes = width * 3
        var out = [UInt8](repeating: 0, count: rows * (rowBytes + 1))
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<rows {
                let row = argb.baseAddress!.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
                var d = y * (rowBytes + 1)
                dst[d] = 1
                d += 1
                var previous: UInt32 = 0
                for x in 0..<width {
                    let v = row[x]
                    dst[d] = UInt8(truncatingIfNeeded: v >> 16) &- UInt8(truncatingIfNeeded: previous >> 16)
                    dst[d + 1] = UInt8(truncatingIfNeeded: v >> 8) &- UInt8(truncatingIfNeeded: previous >> 8)
                    dst[d + 2] = UInt8(truncatingIfNeeded: v) &- UInt8(truncatingIfNeeded: previous)
                    previous = v
                    d += 3
                }
            }
        }
        return out
    }

    /// SUB-filters RGB rows: each row starts with filter type 1, then each byte
    /// minus the byte three to the left.
    static func subFiltered(rgb: UnsafeRawBufferPointer, width: Int, rows: Int) -> [UInt8] {
        let rowBytes = width * 3
        var out = [UInt8](repeating: 0, count: rows * (rowBytes + 1))
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<rows {
                let s = y * rowBytes, d = y * (rowBytes + 1)
                dst[d] = 1
                for x in 0..<min(3, rowBytes) { dst[d + 1 + x] = rgb[s + x] }
                for x in 3..<max(3, rowBytes) { dst[d + 1 + x] = rgb[s + x] &- rgb[s + x - 3] }
            }
        }
        return out
    }

}
