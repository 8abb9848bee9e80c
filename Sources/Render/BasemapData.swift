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

    /// The renderer's copy of Geo's basemap.
    public init(_ basemap: Basemap) {
        self.init(countries: basemap.countries.map {
            Country(iso3: $0.iso3, nameEnglish: $0.nameEnglish, nameArabic: $0.nameArabic, polygons: $0.polygons)
        }, coast: basemap.coast, borders: basemap.borders)
    }

    /// Reads the three GeoJSON files with Geo's reader (a theatre's basemap, or
    /// a test fixture). Throws ``DataError`` naming the file on bad GeoJSON.
    public static func load(countries: URL, coast: URL, borders: URL) throws -> BasemapGeometry {
        BasemapGeometry(try Basemap.load(countries: countries, coast: coast, borders: borders))
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
