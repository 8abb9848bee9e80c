import Foundation
@testable import Render
import Testing

/// Reads an APNG back chunk by chunk, as a checker independent of the writer's bookkeeping.
struct ParsedAPNG {
    var chunks: [PNGChunk]
    var types: [String] { chunks.map(\.type) }

    init(_ data: Data) throws { chunks = try PNGChunks.parse(data) }

    func uint32(_ d: Data, _ at: Int) -> UInt32 {
        let b = [UInt8](d)
        return UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    var frameCount: UInt32 { uint32(chunks.first { $0.type == "acTL" }!.data, 0) }
    /// Sequence numbers of fcTL and fdAT in file order.
    var sequenceNumbers: [UInt32] { chunks.filter { $0.type == "fcTL" || $0.type == "fdAT" }.map { uint32($0.data, 0) } }
    /// (delay_num, delay_den) of each fcTL.
    var delays: [(Int, Int)] {
        chunks.filter { $0.type == "fcTL" }.map { c in
            let b = [UInt8](c.data)
            return (Int(b[20]) << 8 | Int(b[21]), Int(b[22]) << 8 | Int(b[23]))
        }
    }
}

@Suite struct AnimationAPNGTests {
    static func pixels(width: Int, height: Int, shade: UInt8) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: width * height * 3)
        for i in stride(from: 0, to: p.count, by: 3) {
            p[i] = shade
            p[i + 1] = UInt8(truncatingIfNeeded: i / 3)
            p[i + 2] = 200
        }
        return p
    }

    func temporaryFile(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-apng-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name)
    }

    @Test func crcMatchesTheStandardCheckValue() {
        // The CRC-32 check value of "123456789" (ISO 3309 / PNG).
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        // IEND's CRC is fixed in every PNG: AE 42 60 82.
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test func chunkOrderSequenceNumbersAndCRCs() throws {
        let url = try temporaryFile("anim.png")
        let writer = try APNGWriter(url: url)
        for shade in [10, 90, 170] as [UInt8] {
            try writer.add(pixels: Self.pixels(width: 40, height: 30, shade: shade), width: 40, height: 30, channels: 3, delayMilliseconds: 400)
        }
        let summary = try writer.finish()
        #expect(summary.framesStored == 3)
        let apng = try ParsedAPNG(Data(contentsOf: url)) // parse() checks every CRC
        let types = apng.types
        #expect(types.first == "IHDR")
        #expect(types.last == "IEND")
        // acTL before the first IDAT, each frame opened by an fcTL, IDAT only for the first.
        let significant = types.filter { ["acTL", "fcTL", "IDAT", "fdAT"].contains($0) }
        var collapsed: [String] = []
        for t in significant where collapsed.last != t || t == "fcTL" { collapsed.append(t) }
        #expect(collapsed == ["acTL", "fcTL", "IDAT", "fcTL", "fdAT", "fcTL", "fdAT"])
        #expect(apng.frameCount == 3)
        let seq = apng.sequenceNumbers
        #expect(seq == Array(0..<UInt32(seq.count)))
        #expect(apng.delays.map(\.0) == [400, 400, 400])
        #expect(apng.delays.map(\.1) == [1000, 1000, 1000])
        // No temporary file left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(left == ["anim.png"])
    }

    @Test func identicalNeighboursAreMergedIntoALongerDelay() throws {
        let url = try temporaryFile("merged.apng")
        let writer = try APNGWriter(url: url)
        let a = Self.pixels(width: 8, height: 8, shade: 1), b = Self.pixels(width: 8, height: 8, shade: 2)
        try writer.add(pixels: a, width: 8, height: 8, channels: 3, delayMilliseconds: 400)
        try writer.add(pixels: a, width: 8, height: 8, channels: 3, delayMilliseconds: 400)
        try writer.add(pixels: b, width: 8, height: 8, channels: 3, delayMilliseconds: 2000)
        let summary = try writer.finish()
        #expect(summary.framesGiven == 3)
        #expect(summary.framesStored == 2)
        let apng = try ParsedAPNG(Data(contentsOf: url))
        #expect(apng.frameCount == 2)
        #expect(apng.delays.map(\.0) == [800, 2000])
    }

    @Test func framesOfAnotherSizeAreRefusedAndNothingIsLeft() throws {
        let url = try temporaryFile("bad.png")
        let writer = try APNGWriter(url: url)
        try writer.add(pixels: Self.pixels(width: 8, height: 8, shade: 1), width: 8, height: 8, channels: 3, delayMilliseconds: 100)
        #expect(throws: (any Error).self) {
            try writer.add(pixels: Self.pixels(width: 9, height: 8, shade: 1), width: 9, height: 8, channels: 3, delayMilliseconds: 100)
        }
        writer.abandon()
        let left = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(left.isEmpty)
    }

    @Test func longDelaysUseCoarserUnits() {
        #expect(APNGWriter.delayFraction(milliseconds: 400) == (400, 1000))
        #expect(APNGWriter.delayFraction(milliseconds: 120_000) == (12_000, 100))
    }

    @Test func corruptChunksAreReported() throws {
        var png = try PixelPNG.encode(Self.pixels(width: 4, height: 4, shade: 3), width: 4, height: 4, channels: 3)
        png[20] ^= 0xff // inside IHDR's data
        #expect(throws: (any Error).self) { try PNGChunks.parse(png) }
    }
}

/// Later frames store only the rectangle that changed; playing the file back
/// (each fcTL rectangle decoded and pasted over the canvas) gives every frame.
@Suite struct AnimationAPNGRegionTests {
    /// Plays an APNG: one RGB canvas per stored frame.
    static func play(_ data: Data) throws -> [RGBImage] {
        let apng = try ParsedAPNG(data)
        let ihdr = apng.chunks[0].data
        let width = Int(apng.uint32(ihdr, 0)), height = Int(apng.uint32(ihdr, 4))
        var canvas = RGBImage(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height * 3))
        var frames: [RGBImage] = []
        var region: (x: Int, y: Int, w: Int, h: Int, over: Bool)? = nil
        var parts = Data()
        func paste() throws {
            guard let r = region else { return }
            var header = ihdr
            header.replaceSubrange(header.startIndex..<(header.startIndex + 8), with: ihdr.subdata(in: 0..<0) + bigEndian(r.w) + bigEndian(r.h))
            var png = PNGChunks.signature
            png.append(PNGChunks.encode(type: "IHDR", data: header))
            png.append(PNGChunks.encode(type: "IDAT", data: parts))
            png.append(PNGChunks.encode(type: "IEND", data: Data()))
            let piece = try PNGDecoder.decode(png, alpha: true)
            for y in 0..<r.h {
                for x in 0..<r.w {
                    let from = (y * r.w + x) * 4, to = ((r.y + y) * width + r.x + x) * 3
                    let a = piece.pixels[from + 3]
                    #expect(a == 0 || a == 255, "pixels are changed (opaque) or kept (transparent)")
                    if a == 255 || !r.over { canvas.pixels.replaceSubrange(to..<(to + 3), with: piece.pixels[from..<(from + 3)]) }
                }
            }
            frames.append(canvas)
            parts = Data()
        }
        for chunk in apng.chunks {
            switch chunk.type {
            case "fcTL":
                try paste()
                let d = chunk.data
                #expect(d[d.startIndex + 24] == 0, "dispose none")
                // The first frame replaces the canvas (source), later ones blend over it.
                #expect(d[d.startIndex + 25] == (frames.isEmpty && region == nil ? 0 : 1))
                region = (Int(apng.uint32(d, 12)), Int(apng.uint32(d, 16)), Int(apng.uint32(d, 4)), Int(apng.uint32(d, 8)), d[d.startIndex + 25] == 1)
                #expect(region!.x + region!.w <= width && region!.y + region!.h <= height)
            case "IDAT": parts.append(chunk.data)
            case "fdAT": parts.append(chunk.data.subdata(in: (chunk.data.startIndex + 4)..<chunk.data.endIndex))
            default: break
            }
        }
        try paste()
        return frames
    }

    static func bigEndian(_ v: Int) -> Data { Data([UInt8(v >> 24 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]) }

    @Test func playingBackGivesEveryFrameAndStoresOnlyChanges() throws {
        let (w, h) = (120, 90)
        var random = SystemRandomNumberGenerator()
        var base = [UInt8](repeating: 0, count: w * h * 3)
        for i in base.indices { base[i] = UInt8.random(in: 0...255, using: &random) }
        var frames = [base]
        // A small change, one far from it (the rectangle spans both), and a one-pixel change in a corner.
        var next = base
        for y in 10..<20 { for x in 30..<50 { next[(y * w + x) * 3] &+= 1 } }
        frames.append(next)
        next[(80 * w + 100) * 3 + 1] &+= 7
        next[(2 * w + 3) * 3 + 2] &+= 9
        frames.append(next)
        next[((h - 1) * w + (w - 1)) * 3] &+= 1
        frames.append(next)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-apng-region-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try APNGWriter(url: url)
        for f in frames { try writer.add(pixels: f, width: w, height: h, channels: 3, delayMilliseconds: 100) }
        #expect(try writer.finish().framesStored == 4)
        let data = try Data(contentsOf: url)
        let played = try Self.play(data)
        #expect(played.count == 4)
        for (i, (a, b)) in zip(played, frames).enumerated() { #expect(a.pixels == b, "frame \(i + 1) plays back as given") }
        let fctls = try ParsedAPNG(data).chunks.filter { $0.type == "fcTL" }.map { c -> [UInt32] in
            let p = try! ParsedAPNG(data)
            return [4, 8, 12, 16].map { p.uint32(c.data, $0) }
        }
        #expect(fctls == [[120, 90, 0, 0], [20, 10, 30, 10], [98, 79, 3, 2], [1, 1, 119, 89]], "width, height, x, y of each stored rectangle")
    }
}
