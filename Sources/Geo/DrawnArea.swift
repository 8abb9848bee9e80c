import CGEOS
import Foundation
import FrontlineCore
import Timeline

/// A dated, sourced polygon of control that a theatre supplies in `areas/`
/// (as ISW or Wikipedia editors draw them), where place control alone cannot
/// say who holds the ground: the desert between oases, a province far from the
/// fighting. Where an area is in force it takes precedence over the zones
/// derived from places (``TerritoryBuilder/build(_:belligerents:drawn:)``).
///
/// Each feature of `areas/*.geojson` is a Polygon or MultiPolygon in lon/lat
/// WGS84 with the properties `controller` (a faction id), `from` and `to`
/// (ISO days; `to` may be empty or absent: still in force at the end of the
/// record), `source` (a citation) and optionally `id` and `note`.
public struct DrawnArea: Sendable, Hashable {
    /// What a zone made from an area keeps of it, for legends and GeoJSON.
    public struct Reference: Sendable, Hashable {
        public var id: String
        public var source: String
        public init(id: String, source: String) {
            self.id = id
            self.source = source
        }
    }

    public var id: String
    public var controller: String
    /// First and last day in force, both included; `to` nil: open-ended.
    public var from: Day
    public var to: Day?
    public var source: String
    /// Polygons as rings of lon/lat points, exterior first.
    public var polygons: [[[GeoPoint]]]
    /// The feature in its file, for messages.
    public var location: SourceLocation

    public var reference: Reference { Reference(id: id, source: source) }

    public func isInForce(on day: Day) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }

    /// The folder of a theatre the areas are read from.
    public static let folderName = "areas"

    /// Reads and checks every `areas/*.geojson` of a theatre (files in name
    /// order, features in file order). A theatre without the folder has no
    /// areas. Every problem is returned, each naming file, line and field; an
    /// area with an error is left out.
    ///
    /// Checked: a Polygon or MultiPolygon geometry that GEOS finds valid, a
    /// `controller` among `factions`, `from` and `to` real days with from ≤ to,
    /// a non-empty `source`, and ids unique across files.
    public static func load(theatreDirectory: URL, factions: Set<String>) -> (areas: [DrawnArea], problems: [Diagnostic]) {
        let folder = theatreDirectory.appendingPathComponent(folderName)
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return ([], []) }
        let names = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".geojson") }.sorted()
        var areas: [DrawnArea] = []
        var problems: [Diagnostic] = []
        var seen: [String: String] = [:]
        let context: GEOSContext
        do { context = try GEOSContext() } catch {
            return ([], [Diagnostic(.error, at: SourceLocation(file: displayPath(folder), line: 0), "cannot check drawn areas: \(error)")])
        }
        for name in names {
            let url = folder.appendingPathComponent(name)
            let file = displayPath(url)
            let features: [GeoJSONFeature]
            do { features = try GeoJSONReader.read(contentsOf: url, name: file) } catch let error as DataError {
                problems += error.diagnostics
                continue
            } catch {
                problems.append(Diagnostic(.error, at: SourceLocation(file: file, line: 0), "\(error)"))
                continue
            }
            for (index, feature) in features.enumerated() {
                let at = SourceLocation(file: file, line: feature.line)
                var ok = true
                func error(_ field: String, _ message: String) {
                    problems.append(Diagnostic(.error, at: at, field: field, "feature \(index + 1): " + message))
                    ok = false
                }
                let props = feature.properties
                let id = props["id"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(name.dropLast(".geojson".count))-\(index + 1)"
                if let other = seen[id] { error("id", "duplicate area id '\(id)' (also in \(other))") }
                let controller = props["controller"] ?? ""
                if controller.isEmpty {
                    error("controller", "no controller: give the id of the faction holding the area")
                } else if !factions.contains(controller) {
                    let known = factions.sorted().joined(separator: ", ")
                    error("controller", "unknown faction '\(controller)' (factions: \(known))")
                }
                func day(_ field: String, required: Bool) -> Day? {
                    let text = props[field] ?? ""
                    if text.isEmpty {
                        if required { error(field, "no '\(field)' day: write YYYY-MM-DD") }
                        return nil
                    }
                    do { return try Day.parse(text) } catch {
                        problems.append(Diagnostic(.error, at: at, field: field, "feature \(index + 1): '\(text)' is not a day: \(error)"))
                        ok = false
                        return nil
                    }
                }
                let from = day("from", required: true), to = day("to", required: false)
                if let from, let to, to < from { error("to", "'to' \(to) is before 'from' \(from)") }
                let source = props["source"] ?? ""
                if source.trimmingCharacters(in: .whitespaces).isEmpty {
                    error("source", "no source: every area must cite what it rests on (outlet or map, date, URL)")
                }
                let polygons = feature.geometry.polygons
                if polygons.isEmpty {
                    error("geometry", "an area must be a Polygon or MultiPolygon")
                } else if let reason = invalidity(polygons, context: context) {
                    error("geometry", "the polygon is not valid: \(reason)")
                }
                guard ok, let from else { continue }
                seen[id] = file
                areas.append(DrawnArea(id: id, controller: controller, from: from, to: to, source: source,
                                       polygons: polygons, location: at))
            }
        }
        return (areas, problems)
    }

    /// The problems of a theatre's `areas/`, checked against its factions, for
    /// `frontline check`. The factions file's own problems are `Theatre.check`'s to report.
    public static func check(theatreDirectory: URL) -> [Diagnostic] {
        guard let settings = try? TheatreSettings.load(directory: theatreDirectory),
              let table = try? TSVTable(contentsOf: settings.factionsFile, required: Faction.columns) else { return [] }
        return load(theatreDirectory: theatreDirectory, factions: Set(Faction.parse(table).factions.map(\.id))).problems
    }

    /// The areas of a loaded theatre, for drawing; throws ``DataError`` with
    /// every problem when any area has an error (`frontline check` lists them).
    public static func load(for theatre: Theatre) throws -> [DrawnArea] {
        let (areas, problems) = load(theatreDirectory: theatre.settings.directory, factions: Set(theatre.factions.map(\.id)))
        if problems.contains(where: { $0.severity == .error }) { throw DataError(problems) }
        return areas
    }

    /// Why the polygons are not a valid (multi)polygon in lon/lat, or nil.
    static func invalidity(_ polygons: [[[GeoPoint]]], context: GEOSContext) -> String? {
        do {
            var parts: [GEOSGeometry] = []
            for rings in polygons {
                guard let exterior = rings.first, exterior.count >= 4 else { return "a ring needs at least four points (closed)" }
                let planar = rings.map { $0.map { PlanarPoint(x: $0.longitude, y: $0.latitude) } }
                if planar.contains(where: { $0.first != $0.last }) { return "a ring is not closed (its last point must repeat its first)" }
                parts.append(try GEOSGeometry.polygon(PlanarPolygon(exterior: planar[0], holes: Array(planar.dropFirst())), context: context))
            }
            let all = try GEOSGeometry.collection(GEOS_MULTIPOLYGON, taking: parts, context: context)
            return try all.isValid() ? nil : try all.validityReason()
        } catch {
            return "\(error)"
        }
    }

    static func displayPath(_ url: URL) -> String { Theatre.displayPath(url) }
}

/// A drawn area in a map's projected metres, as the territory builder takes it.
public struct ProjectedArea: Sendable, Hashable {
    public var controller: String
    public var polygons: [PlanarPolygon]
    public var reference: DrawnArea.Reference

    public init(controller: String, polygons: [PlanarPolygon], reference: DrawnArea.Reference) {
        self.controller = controller
        self.polygons = polygons
        self.reference = reference
    }

    /// The area projected point by point with `project` (metres).
    public init(_ area: DrawnArea, project: ([GeoPoint]) throws -> [PlanarPoint]) rethrows {
        var polygons: [PlanarPolygon] = []
        for rings in area.polygons {
            let planar = try rings.map(project)
            polygons.append(PlanarPolygon(exterior: planar[0], holes: Array(planar.dropFirst())))
        }
        self.init(controller: area.controller, polygons: polygons, reference: area.reference)
    }
}
