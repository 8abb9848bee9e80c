import Foundation
import FrontlineCore

/// A PNG made of two horizontal parts compressed separately: a top band that
/// changes every frame (the header with the date) and a lower part that is
/// cached while the map itself does not change.
///
/// PNG keeps one zlib stream for the whole image, but a deflate stream may be
/// a concatenation of blocks. The top band is compressed here (``FastDeflate``)
/// into an open, byte-aligned stream; the lower part is compressed once by
/// libspng as a PNG of its own, with the SUB filter only, so no row refers to a
/// row above it and its deflate data stands alone. A frame is then the zlib
/// header, the band's deflate, the cached deflate, and the Adler-32 of both
/// (combined, not recomputed). Decoders see an ordinary PNG.
struct SplitPNG {
    /// The lower part, compressed once: raw deflate data, its Adler-32 and the
    /// length of the filtered data it holds.
    struct Lower {
        var width: Int
        var rows: Int
        var deflate: Data
        var adler: UInt32
        var filteredLength: Int
    }

    /// Compresses the lower part's RGB rows with libspng and takes the deflate
    /// stream out of the PNG it makes.
    static func lower(rgb: [UInt8], width: Int, rows: Int) throws -> Lower {
        let png = try PixelPNG.encode(rgb, width: width, height: rows, channels: 3)
        var zlib = Data()
        for chunk in try PNGChunks.parse(png) where chunk.type == "IDAT" { zlib.append(chunk.data) }
        let b = [UInt8](zlib)
        // zlib header: CM 8 and no preset dictionary, else the data is not standalone deflate.
        guard b.count > 6, b[0] & 0x0f == 8, b[1] & 0x20 == 0 else { throw SystemError("PNG", "unexpected zlib stream from the encoder") }
        let adler = UInt32(b[b.count - 4]) << 24 | UInt32(b[b.count - 3]) << 16 | UInt32(b[b.count - 2]) << 8 | UInt32(b[b.count - 1])
        return Lower(width: width, rows: rows, deflate: Data(b[2..<(b.count - 4)]), adler: adler, filteredLength: rows * (width * 3 + 1))
    }

    /// SUB-filters RGB rows: each row starts with filter type 1, then each byte
    /// minus the byte three to the left.
    static func subFiltered(rgb: [UInt8], width: Int, rows: Int) -> [UInt8] {
        let rowBytes = width * 3
        var out = [UInt8](repeating: 0, count: rows * (rowBytes + 1))
        rgb.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<rows {
                    let s = y * rowBytes, d = y * (rowBytes + 1)
                    dst[d] = 1
                    for x in 0..<rowBytes {
                        dst[d + 1 + x] = x < 3 ? src[s + x] : src[s + x] &- src[s + x - 3]
                    }
                }
            }
        }
        return out
    }

    /// A whole PNG: `top` rows of RGB above the cached lower part.
    static func assemble(top rgb: [UInt8], topRows: Int, lower: Lower) -> Data {
        let width = lower.width
        let filtered = subFiltered(rgb: rgb, width: width, rows: topRows)
        let deflate = FastDeflate.compressOpen(filtered, rowBytes: width * 3 + 1)
        let adler = Adler32.combine(Adler32.checksum(filtered), lower.adler, secondLength: lower.filteredLength)
        var zlib = Data(capacity: deflate.count + lower.deflate.count + 6)
        zlib.append(contentsOf: [0x78, 0x01]) // deflate, 32K window, no dictionary; (0x78 * 256 + 0x01) % 31 == 0
        zlib.append(contentsOf: deflate)
        zlib.append(lower.deflate)
        PNGChunks.appendUInt32(&zlib, adler)

        var ihdr = Data()
        PNGChunks.appendUInt32(&ihdr, UInt32(width))
        PNGChunks.appendUInt32(&ihdr, UInt32(topRows + lower.rows))
        ihdr.append(contentsOf: [8, 2, 0, 0, 0]) // 8-bit truecolour, deflate, adaptive filtering, no interlace
        var png = PNGChunks.signature
        png.append(PNGChunks.encode(type: "IHDR", data: ihdr))
        png.append(PNGChunks.encode(type: "IDAT", data: zlib))
        png.append(PNGChunks.encode(type: "IEND", data: Data()))
        return png
    }
}
