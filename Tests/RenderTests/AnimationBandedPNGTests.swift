import CCairo
import CSpng
import Foundation
@testable import Render
import Testing

/// Decodes a PNG to RGB8 with libspng, independently of the encoder under test.
func decodeRGB(_ png: Data) throws -> (width: Int, height: Int, pixels: [UInt8]) {
    let ctx = try #require(spng_ctx_new(0))
    defer { spng_ctx_free(ctx) }
    return try png.withUnsafeBytes { buffer in
        #expect(spng_set_png_buffer(ctx, buffer.baseAddress, buffer.count) == 0)
        var ihdr = spng_ihdr()
        try #require(spng_get_ihdr(ctx, &ihdr) == 0)
        var size = 0
        let format = Int32(SPNG_FMT_RGB8.rawValue)
        try #require(spng_decoded_image_size(ctx, format, &size) == 0)
        var pixels = [UInt8](repeating: 0, count: size)
        let status = pixels.withUnsafeMutableBytes { spng_decode_image(ctx, $0.baseAddress, size, format, 0) }
        try #require(status == 0, "spng: \(String(cString: spng_strerror(status)))")
        return (Int(ihdr.width), Int(ihdr.height), pixels)
    }
}

@Suite struct AnimationBandedPNGTests {
    /// A picture with flat areas, repeated rows and noisy ones, like a map band with text.
    static func picture(width: Int, height: Int, seed: UInt32) -> [UInt8] {
        var p = [UInt8](repeating: 255, count: width * height * 3)
        var s = seed
        for y in 0..<height {
            for x in 0..<width where (x / 7 + y / 3) % 4 == 0 || y % 11 == 5 {
                s = s &* 1_103_515_245 &+ 12345
                let i = (y * width + x) * 3
                p[i] = UInt8(truncatingIfNeeded: s >> 16)
                p[i + 1] = UInt8(truncatingIfNeeded: s >> 8)
                p[i + 2] = UInt8(x & 0xff)
            }
        }
        return p
    }

    @Test func adlerCombineMatchesTheDirectSum() {
        let a = Array((0..<70000).map { UInt8(truncatingIfNeeded: $0 &* 31) }), b = Array((0..<9000).map { UInt8(truncatingIfNeeded: $0 ^ 0x5a) })
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.combine(Adler32.checksum(a), Adler32.checksum(b), secondLength: b.count) == Adler32.checksum(a + b))
    }

    @Test func bandedFramesDecodeToTheirPixels() throws {
        let width = 157, height = 150, header = 17
        let encoder = BandedPNG(width: width, height: height, headerRows: header)
        let first = Self.picture(width: width, height: height, seed: 7)
        let png = encoder.encode(image: first)
        _ = try PNGChunks.parse(png) // every CRC
        let decoded = try decodeRGB(png)
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.pixels == first)
        #expect(encoder.counts.compressed == 5) // (150 - 17) rows in bands of 32

        // Change a few pixels in one band: only that band is compressed again.
        var second = first
        for x in 0..<10 { second[(100 * width + x) * 3] ^= 0xff }
        let again = try decodeRGB(encoder.encode(image: second))
        #expect(again.pixels == second)
        #expect(encoder.counts.compressed == 6)
        #expect(encoder.counts.reused == 4)
    }

    @Test func aNewHeaderOverCachedBands() throws {
        let width = 64, height = 80, header = 12
        let encoder = BandedPNG(width: width, height: height, headerRows: header)
        #expect(!encoder.isPrimed)
        let first = Self.picture(width: width, height: height, seed: 1)
        _ = encoder.encode(image: first)
        #expect(encoder.isPrimed)
        // A new header band (another date) over the same map.
        let newTop = Self.picture(width: width, height: header, seed: 99)
        let decoded = try decodeRGB(encoder.encode(header: newTop))
        #expect(decoded.pixels == newTop + first[(header * width * 3)...])
    }

    @Test func noHeaderRowsAtAll() throws {
        let encoder = BandedPNG(width: 33, height: 40, headerRows: 0)
        let image = Self.picture(width: 33, height: 40, seed: 5)
        #expect(try decodeRGB(encoder.encode(image: image)).pixels == image)
    }

    /// A single map's PNG, its bands compressed concurrently, decodes to
    /// exactly the surface's pixels, for a height that is not a whole number of bands.
    @Test func concurrentSingleImageDecodesToItsPixels() throws {
        let width = 157, height = 150
        let surface = try CairoSurface.image(width: width, height: height)
        let cr = try CairoContext(surface: surface)
        cairo_set_source_rgb(cr.pointer, 0.98, 0.97, 0.94)
        cairo_paint(cr.pointer)
        for i in 0..<40 {
            cairo_set_source_rgb(cr.pointer, Double(i % 7) / 7, Double(i % 5) / 5, Double(i % 3) / 3)
            cairo_arc(cr.pointer, Double(i * 37 % width), Double(i * 53 % height), Double(3 + i % 11), 0, 2 * .pi)
            cairo_fill(cr.pointer)
        }
        let png = try BandedPNG.encodeConcurrently(surface: surface)
        _ = try PNGChunks.parse(png) // every CRC
        let decoded = try decodeRGB(png)
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.pixels == (try PNGEncoder.rgb(of: surface)).pixels)
    }

    @Test func longRunsAndRowRepeatsCompress() {
        let row = [UInt8](repeating: 0, count: 4801)
        let out = FastDeflate.compressOpen(Array([[UInt8]](repeating: row, count: 60).joined()), rowBytes: 4801)
        #expect(out.count < 3000)
    }
}
