import CCairo
import CSpng
import Foundation
import FrontlineCore

/// Converts cairo images to 8-bit RGB, and encodes RGB images as PNG with libspng.
///
/// Cairo's own PNG writer uses zlib's default level and spends most of a frame's
/// time compressing; a low level with the cheap "sub" filter is several times
/// faster for files about 30% larger. Maps themselves are now encoded by
/// ``BandedPNG`` (bands compressed on all cores, 2.5x faster again on two
/// cores, about 9% larger); this stays for callers holding an ``RGBImage``.
public enum PNGEncoder {
    /// Copies an opaque cairo ARGB32 image into 8-bit RGB.
    ///
    /// - Parameter surface: an image surface whose pixels are all opaque (the
    ///   map always paints a background), so premultiplied ARGB equals RGB.
    static func rgb(of surface: CairoSurface) throws -> RGBImage {
        let s = surface.pointer
        cairo_surface_flush(s)
        let width = Int(cairo_image_surface_get_width(s)), height = Int(cairo_image_surface_get_height(s))
        let stride = Int(cairo_image_surface_get_stride(s))
        guard let base = cairo_image_surface_get_data(s) else { throw SystemError("cairo", "the image has no pixel data") }
        let rgb = BandedPNG.rgb(argb: UnsafeRawBufferPointer(start: base, count: stride * height), stride: stride,
                                width: width, rows: height)
        return RGBImage(width: width, height: height, pixels: rgb)
    }

    /// Encodes 8-bit RGB as PNG with libspng.
    ///
    /// Cairo's own PNG writer uses zlib's default level and spends most of a
    /// frame's time compressing; level 1 with the cheap "sub" filter is several
    /// times faster for somewhat larger files, the right trade for maps and frames.
    public static func encode(_ image: RGBImage, compressionLevel: Int32 = 1) throws -> Data {
        guard let ctx = spng_ctx_new(Int32(SPNG_CTX_ENCODER.rawValue)) else { throw SystemError("spng", "cannot create an encoder") }
        defer { spng_ctx_free(ctx) }
        // spng returns 0 on success and an error code spng_strerror describes.
        func check(_ code: Int32, _ what: String) throws {
            guard code == 0 else { throw SystemError("spng", "\(what): \(String(cString: spng_strerror(code)))") }
        }
        try check(spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1), "setting buffer output")
        try check(spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, compressionLevel), "setting the compression level")
        try check(spng_set_option(ctx, SPNG_FILTER_CHOICE, Int32(SPNG_FILTER_CHOICE_SUB.rawValue)), "setting the filter")
        // Z_RLE (3): maps are long runs of flat colour, which run-length matching
        // catches at a fraction of the cost of full LZ77 searching.
        try check(spng_set_option(ctx, SPNG_IMG_COMPRESSION_STRATEGY, 3), "setting the strategy")
        var ihdr = spng_ihdr(width: UInt32(image.width), height: UInt32(image.height), bit_depth: 8,
                             color_type: UInt8(SPNG_COLOR_TYPE_TRUECOLOR.rawValue), compression_method: 0,
                             filter_method: 0, interlace_method: 0)
        try check(spng_set_ihdr(ctx, &ihdr), "setting the header")
        var pixels = image.pixels
        try pixels.withUnsafeMutableBytes { buffer in
            try check(spng_encode_image(ctx, buffer.baseAddress, buffer.count, Int32(SPNG_FMT_PNG.rawValue),
                                        Int32(SPNG_ENCODE_FINALIZE.rawValue)), "encoding")
        }
        var length = 0
        var error: Int32 = 0
        guard let png = spng_get_png_buffer(ctx, &length, &error) else { try check(error, "reading the encoded image"); return Data() }
        // spng hands over a malloc'd buffer: copy it out and free it here.
        defer { free(png) }
        return Data(bytes: png, count: length)
    }
}

/// An 8-bit RGB raster, row-major, 3 bytes a pixel (4, RGBA, where a decoder was asked for alpha).
public struct RGBImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]
}

/// Decodes a PNG to 8-bit RGB with libspng: visual tests compare rendered
/// images with references pixel by pixel, and the APNG writer compares frames.
public enum PNGDecoder {
    /// - Parameter alpha: decode to RGBA (4 bytes a pixel) instead of RGB.
    public static func decode(_ data: Data, alpha: Bool = false) throws -> RGBImage {
        guard let ctx = spng_ctx_new(0) else { throw SystemError("spng", "cannot create a decoder") }
        defer { spng_ctx_free(ctx) }
        func check(_ code: Int32, _ what: String) throws {
            guard code == 0 else { throw SystemError("spng", "\(what): \(String(cString: spng_strerror(code)))") }
        }
        return try data.withUnsafeBytes { buffer -> RGBImage in
            try check(spng_set_png_buffer(ctx, buffer.baseAddress, buffer.count), "reading the PNG")
            var ihdr = spng_ihdr()
            try check(spng_get_ihdr(ctx, &ihdr), "reading the header")
            var size = 0
            let format = Int32((alpha ? SPNG_FMT_RGBA8 : SPNG_FMT_RGB8).rawValue)
            try check(spng_decoded_image_size(ctx, format, &size), "sizing the image")
            var pixels = [UInt8](repeating: 0, count: size)
            try pixels.withUnsafeMutableBytes { out in
                try check(spng_decode_image(ctx, out.baseAddress, size, format, 0), "decoding")
            }
            return RGBImage(width: Int(ihdr.width), height: Int(ihdr.height), pixels: pixels)
        }
    }
}
