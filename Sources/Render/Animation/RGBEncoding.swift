import CSpng
import Foundation
import FrontlineCore

/// Encodes a plain 8-bit RGB or RGBA pixel buffer as a PNG with libspng, so an
/// animation can be made from pixels as well as from rendered PNG files.
enum PixelPNG {
    /// - Parameters:
    ///   - pixels: rows top to bottom, `channels` bytes a pixel, no padding.
    ///   - channels: 3 (RGB) or 4 (RGBA).
    static func encode(_ pixels: [UInt8], width: Int, height: Int, channels: Int) throws -> Data {
        try pixels.withUnsafeBytes { try encode($0, width: width, height: height, channels: channels) }
    }

    /// The same from a buffer: a part of a larger image needs no copy.
    ///
    /// Level 1 with zlib's run-length strategy and the SUB filter only: map
    /// pixels are long runs of flat colour, which RLE matching catches at a
    /// fraction of the cost of a full LZ77 search.
    static func encode(_ pixels: UnsafeRawBufferPointer, width: Int, height: Int, channels: Int) throws -> Data {
        guard channels == 3 || channels == 4, width > 0, height > 0, pixels.count == width * height * channels else {
            throw SystemError("spng", "a \(width)x\(height) image with \(channels) channels needs \(width * height * channels) bytes, got \(pixels.count)")
        }
        guard let ctx = spng_ctx_new(Int32(SPNG_CTX_ENCODER.rawValue)) else { throw SystemError("spng", "cannot create an encoder") }
        defer { spng_ctx_free(ctx) }
        // spng returns 0 on success and an error code that spng_strerror describes.
        func check(_ code: Int32, _ what: String) throws {
            guard code == 0 else { throw SystemError("spng", "\(what): \(String(cString: spng_strerror(code)))") }
        }
        try check(spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1), "setting buffer output")
        try check(spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, 1), "setting the compression level")
        try check(spng_set_option(ctx, SPNG_IMG_COMPRESSION_STRATEGY, 3), "setting the strategy") // Z_RLE
        try check(spng_set_option(ctx, SPNG_FILTER_CHOICE, Int32(SPNG_FILTER_CHOICE_SUB.rawValue)), "setting the filter")
        let colorType = channels == 3 ? SPNG_COLOR_TYPE_TRUECOLOR : SPNG_COLOR_TYPE_TRUECOLOR_ALPHA
        var ihdr = spng_ihdr(width: UInt32(width), height: UInt32(height), bit_depth: 8, color_type: UInt8(colorType.rawValue),
                             compression_method: 0, filter_method: 0, interlace_method: 0)
        try check(spng_set_ihdr(ctx, &ihdr), "setting the header")
        // spng reads the pixels only, despite the mutable pointer in its signature.
        try check(spng_encode_image(ctx, UnsafeMutableRawPointer(mutating: pixels.baseAddress), pixels.count,
                                    Int32(SPNG_FMT_PNG.rawValue), Int32(SPNG_ENCODE_FINALIZE.rawValue)), "encoding")
        var length = 0
        var error: Int32 = 0
        guard let png = spng_get_png_buffer(ctx, &length, &error) else {
            try check(error, "reading the encoded image")
            throw SystemError("spng", "the encoder returned no image")
        }
        // spng hands over a malloc'd buffer: copy it out, then free it here.
        defer { free(png) }
        return Data(bytes: png, count: length)
    }
}

extension APNGWriter {
    /// Adds a frame given as pixels (`channels` 3 for RGB, 4 for RGBA), encoded here with libspng.
    public func add(pixels: [UInt8], width: Int, height: Int, channels: Int, delayMilliseconds: Int) throws {
        try add(png: PixelPNG.encode(pixels, width: width, height: height, channels: channels), delayMilliseconds: delayMilliseconds)
    }
}
