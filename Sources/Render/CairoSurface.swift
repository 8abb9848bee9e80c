import CCairo
import Foundation
import FrontlineCore

/// Turns cairo's sticky status into a thrown error carrying cairo's own message.
///
/// Cairo does not fail call by call: an object that hits an error keeps the
/// status and ignores later drawing, so checking once after a batch is enough.
func checkCairo(_ status: cairo_status_t, _ what: String) throws {
    guard status != CAIRO_STATUS_SUCCESS else { return }
    let message = String(cString: cairo_status_to_string(status))
    throw SystemError("cairo", "\(what): \(message)")
}

/// Collects the bytes a stream surface (SVG, PDF) writes. Passed to cairo as an
/// unretained pointer; the owning `CairoSurface` keeps it alive.
final class StreamSink {
    var data = Data()
}

/// The one owner of a `cairo_surface_t`. Freed in `deinit`.
///
/// - Important: not thread-safe; each worker makes its own surfaces.
final class CairoSurface {
    let pointer: OpaquePointer
    /// For stream surfaces: where the bytes go. Kept alive as long as the surface.
    let sink: StreamSink?

    private init(pointer: OpaquePointer, sink: StreamSink?) {
        self.pointer = pointer
        self.sink = sink
    }

    deinit { cairo_surface_destroy(pointer) }

    /// An ARGB32 image surface in device pixels. Cairo never returns NULL; a
    /// failure is an "error surface" whose status we check.
    static func image(width: Int, height: Int) throws -> CairoSurface {
        let s = CairoSurface(pointer: cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)), sink: nil)
        try checkCairo(cairo_surface_status(s.pointer), "creating a \(width)x\(height) image")
        return s
    }

    private static let write: cairo_write_func_t = { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<StreamSink>.fromOpaque(closure).takeUnretainedValue()
        sink.data.append(bytes, count: Int(length))
        return CAIRO_STATUS_SUCCESS
    }

    /// A PDF surface (size in pt) writing into memory; cairo embeds font subsets.
    static func pdf(width: Double, height: Double) throws -> CairoSurface {
        let sink = StreamSink()
        let p = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(), width, height)!
        let s = CairoSurface(pointer: p, sink: sink)
        try checkCairo(cairo_surface_status(p), "creating a PDF surface")
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_CREATOR, "frontline")
        return s
    }

    /// Flushes a stream surface and returns what it wrote.
    func finish() throws -> Data {
        cairo_surface_finish(pointer)
        try checkCairo(cairo_surface_status(pointer), "finishing the document")
        return sink?.data ?? Data()
    }
}

/// The one owner of a `cairo_t`; keeps its surface alive.
final class CairoContext {
    let pointer: OpaquePointer
    let surface: CairoSurface

    init(surface: CairoSurface) throws {
        self.surface = surface
        self.pointer = cairo_create(surface.pointer)
        try checkCairo(cairo_status(pointer), "creating a drawing context")
    }

    deinit { cairo_destroy(pointer) }

    func check(_ what: String) throws { try checkCairo(cairo_status(pointer), what) }
}
