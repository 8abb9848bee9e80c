import CGEOS
import FrontlineCore

/// Cuts polygons and lines to the land within a box, leaving them whole
/// outside it: the renderer cuts zones of control and front lines to the
/// close-up coastline (`BasemapDetail`) within the map's frame with it.
///
/// The land is taken only within the box: a close-up map needs a few hundred
/// of the layer's thousands of coastline vertices, and every overlay afterwards
/// is only as dear as what is left. Outside the box nothing is cut, so zones
/// and fronts beyond the map stay as they were (a legend may still ask
/// whether a front lies in view).
///
/// Cutting the geometry, rather than clipping the drawing, keeps the drawing
/// cheap (a cairo clip to a coastline path made every hatch stripe of a
/// contested zone composite through a mask: 35 ms more per map) and gives SVG
/// and PDF plain paths.
///
/// - Important: Owns a GEOS context. Not thread-safe: one per worker.
public final class LandClip {
    let context: GEOSContext
    /// The land within the box, plus everything outside the box.
    let mask: GEOSGeometry
    let prepared: GEOSPreparedGeometry
    /// The land within the box, valid and merged, exteriors counter-clockwise.
    public let polygons: [PlanarPolygon]

    /// - Parameters:
    ///   - land: polygons, possibly overlapping (they are merged); invalid ones are repaired.
    ///   - box: the part of the plane that matters; land outside it is dropped.
    /// - Throws: `SystemError("GEOS", …)` with GEOS's message.
    public init(land polygons: [PlanarPolygon], within box: PlanarBox) throws {
        let context = try GEOSContext()
        self.context = context
        let parts = try polygons.filter { $0.exterior.count >= 4 }.map { try GEOSGeometry.polygon($0, context: context) }
        let collection = try GEOSGeometry.collection(GEOS_GEOMETRYCOLLECTION, taking: parts, context: context)
        let valid = try collection.isValid() ? collection : try collection.makeValid()
        // GEOSClipByRect_r: NULL on failure. Clip first: the union then sees only the box's share.
        let clipped = try GEOSGeometry(GEOSClipByRect_r(context.handle, valid.pointer, box.minX, box.minY, box.maxX, box.maxY),
                                       context: context, call: "GEOSClipByRect_r")
        let merged = try clipped.unaryUnion()
        try merged.normalize()
        self.polygons = try merged.polygons()
        // The plane outside the box: a rectangle far larger than any theatre with the box as its hole.
        let far = 1e8
        let corners = { (b: PlanarBox) in
            [PlanarPoint(x: b.minX, y: b.minY), PlanarPoint(x: b.maxX, y: b.minY), PlanarPoint(x: b.maxX, y: b.maxY),
             PlanarPoint(x: b.minX, y: b.maxY), PlanarPoint(x: b.minX, y: b.minY)]
        }
        let outside = try GEOSGeometry.polygon(PlanarPolygon(
            exterior: corners(PlanarBox(minX: box.minX - far, minY: box.minY - far, maxX: box.maxX + far, maxY: box.maxY + far)),
            holes: [corners(box).reversed()]), context: context)
        mask = try merged.union(outside)
        prepared = try GEOSPreparedGeometry(mask)
    }

    /// The parts of `polygons` on the land or outside the box (polygons wholly
    /// there come back unchanged).
    public func clip(_ polygons: [PlanarPolygon]) throws -> [PlanarPolygon] {
        var out: [PlanarPolygon] = []
        for polygon in polygons where polygon.exterior.count >= 4 {
            let g = try GEOSGeometry.polygon(polygon, context: context)
            if try prepared.contains(g) {
                out.append(polygon)
            } else if try prepared.intersects(g) {
                let valid = try g.isValid() ? g : try g.makeValid()
                out += try valid.intersection(mask).polygons()
            }
        }
        return out
    }

    /// The parts of `lines` on the land or outside the box.
    public func clip(lines: [[PlanarPoint]]) throws -> [[PlanarPoint]] {
        var out: [[PlanarPoint]] = []
        for line in lines where line.count >= 2 {
            let g = try GEOSGeometry.lineString(line, context: context)
            if try prepared.contains(g) {
                out.append(line)
            } else if try prepared.intersects(g) {
                out += try g.intersection(mask).lineMerge().lines()
            }
        }
        return out
    }
}
