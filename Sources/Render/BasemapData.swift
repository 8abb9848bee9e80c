import Foundation
import FrontlineCore
import Geo
import Timeline

/// The basemap as the renderer draws it, in lon/lat: country polygons with their
/// names, coast lines and land borders.
///
/// Read from the theatre's GeoJSON (`countries`, `coast`, `borders`) by a small
/// reader of its own until Geo's basemap loader is on main; the shapes are the
/// same, so swapping is a matter of mapping fields.
public struct BasemapGeometry: Sendable {
    public struct Country: Sendable {
        public var iso3: String
        public var nameEnglish: String
        public var nameArabic: String
        /// Polygons, each a list of rings (exterior first) of lon/lat points.
        public var polygons: [[[GeoPoint]]]
        public init(iso3: String, nameEnglish: String, nameArabic: String, polygons: [[[GeoPoint]]]) {
            self.iso3 = iso3
            self.nameEnglish = nameEnglish
            self.nameArabic = nameArabic
            self.polygons = polygons
        }
    }
    public var countries: [Country]
    public var coast: [[GeoPoint]]
    public var borders: [[GeoPoint]]
    public init(countries: [Country], coast: [[GeoPoint]], borders: [[GeoPoint]]) {
        self.countries = countries
        self.coast = coast
        self.borders = borders
    }

    /// Reads the three GeoJSON files. Throws ``DataError`` naming the file on bad JSON.
    public static func load(countries: URL, coast: URL, borders: URL) throws -> BasemapGeometry {
        func features(_ url: URL) throws -> [[String: Any]] {
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw DataError(at: SourceLocation(file: url.path, line: 0), "cannot read the basemap file: \(error.localizedDescription)")
            }
            guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let list = root["features"] as? [[String: Any]] else {
                throw DataError(at: SourceLocation(file: url.path, line: 0), "not a GeoJSON FeatureCollection")
            }
            return list
        }
        func point(_ any: Any) -> GeoPoint? {
            guard let c = any as? [Double], c.count >= 2 else { return nil }
            return GeoPoint(latitude: c[1], longitude: c[0])
        }
        func line(_ any: Any) -> [GeoPoint] { (any as? [Any] ?? []).compactMap(point) }
        func polygon(_ any: Any) -> [[GeoPoint]] { (any as? [Any] ?? []).map(line) }
        func polygons(_ geometry: [String: Any]?) -> [[[GeoPoint]]] {
            guard let g = geometry, let c = g["coordinates"] else { return [] }
            switch g["type"] as? String {
            case "Polygon": return [polygon(c)]
            case "MultiPolygon": return (c as? [Any] ?? []).map(polygon)
            default: return []
            }
        }
        func lines(_ geometry: [String: Any]?) -> [[GeoPoint]] {
            guard let g = geometry, let c = g["coordinates"] else { return [] }
            switch g["type"] as? String {
            case "LineString": return [line(c)]
            case "MultiLineString", "Polygon": return (c as? [Any] ?? []).map(line)
            case "MultiPolygon": return (c as? [Any] ?? []).flatMap { polygon($0) }
            default: return []
            }
        }
        let countryList = try features(countries).map { f -> Country in
            let props = f["properties"] as? [String: Any] ?? [:]
            return Country(iso3: props["iso3"] as? String ?? "", nameEnglish: props["name_en"] as? String ?? "",
                           nameArabic: props["name_ar"] as? String ?? "", polygons: polygons(f["geometry"] as? [String: Any]))
        }
        return BasemapGeometry(countries: countryList,
                               coast: try features(coast).flatMap { lines($0["geometry"] as? [String: Any]) },
                               borders: try features(borders).flatMap { lines($0["geometry"] as? [String: Any]) })
    }
}

/// Zones and front lines in projected coordinates, drawn under the places.
///
/// The renderer's view of Geo's territory layer: built from `Territory` by the
/// caller, so the renderer does not depend on how zones are derived.
public struct TerritoryOverlay: Sendable {
    public struct Zone: Sendable {
        public var controller: Control
        public var polygons: [PlanarPolygon]
        public init(controller: Control, polygons: [PlanarPolygon]) {
            self.controller = controller
            self.polygons = polygons
        }
    }
    public var zones: [Zone]
    /// Front lines between opposing zones, each a polyline.
    public var fronts: [[PlanarPoint]]
    public init(zones: [Zone], fronts: [[PlanarPoint]]) {
        self.zones = zones
        self.fronts = fronts
    }
}
