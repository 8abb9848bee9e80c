import Foundation
import FrontlineCore
import Timeline

/// One country's land in the close-up layer, in longitude/latitude degrees.
public struct BasemapDetailLand: Hashable, Sendable {
    /// ISO 3166 alpha-3, as in the coarse basemap's countries.
    public var iso3: String
    /// Polygons, each a list of closed rings: the first exterior, the rest holes.
    public var polygons: [[[GeoPoint]]]

    public init(iso3: String, polygons: [[[GeoPoint]]]) {
        self.iso3 = iso3
        self.polygons = polygons
    }
}

/// A close-up coast layer (`detail-{land,coast,borders}.geojson`, made by
/// `scripts/make-basemap-detail.sh` from GSHHG): land, coastline and land
/// borders of a stretch of coast, fine enough for city-scale maps where the
/// coarse basemap shows kilometre-sized corners.
///
/// Complete only inside `extent`: the land is cut at its edges, and the sea
/// beyond is absent, not water. A map uses the layer only when it lies wholly
/// inside the extent. The coastline is exactly the land's edges off the
/// extent's frame, and the borders the edges two countries share, so fills
/// and lines agree.
public struct BasemapDetail: Hashable, Sendable {
    /// Where the layer is complete, W,S,E,N degrees.
    public var extent: GeoBox
    /// Land per country, in the order of the file.
    public var land: [BasemapDetailLand]
    /// Coastline (land/sea) lines.
    public var coast: [[GeoPoint]]
    /// Land borders between countries: the coarse basemap's, ending at this coast.
    public var borders: [[GeoPoint]]

    public init(extent: GeoBox, land: [BasemapDetailLand], coast: [[GeoPoint]], borders: [[GeoPoint]]) {
        self.extent = extent
        self.land = land
        self.coast = coast
        self.borders = borders
    }

    /// Reads the three files.
    ///
    /// - Throws: `DataError` naming the file and what is wrong (unreadable,
    ///   bad GeoJSON, a land feature without `iso3`, polygons or a valid
    ///   `extent`, features that disagree on the extent).
    public static func load(land landURL: URL, coast coastURL: URL, borders bordersURL: URL) throws -> BasemapDetail {
        let features = try GeoJSONReader.read(contentsOf: landURL)
        let location = SourceLocation(file: landURL.path, line: 0)
        var extent: GeoBox?
        var land: [BasemapDetailLand] = []
        for (i, feature) in features.enumerated() {
            guard let iso3 = feature.properties["iso3"], !iso3.isEmpty else {
                throw DataError(at: location, field: "iso3", "feature \(i + 1): no \"iso3\" property")
            }
            guard let text = feature.properties["extent"], let box = GeoBox(parsing: text) else {
                throw DataError(at: location, field: "extent",
                                "feature \(i + 1) (\(iso3)): needs an \"extent\" property W,S,E,N in degrees, got \(feature.properties["extent"].map { "'\($0)'" } ?? "none")")
            }
            if let extent, extent != box {
                throw DataError(at: location, field: "extent", "feature \(i + 1) (\(iso3)): extent \(text) differs from the first feature's \(extent)")
            }
            extent = box
            let polygons = feature.geometry.polygons
            guard !polygons.isEmpty else {
                throw DataError(at: location, "feature \(i + 1) (\(iso3)): land must be a Polygon or MultiPolygon")
            }
            land.append(BasemapDetailLand(iso3: iso3, polygons: polygons))
        }
        guard let extent else { throw DataError(at: location, "no land features") }
        let coast = try GeoJSONReader.read(contentsOf: coastURL).flatMap(\.geometry.lines)
        let borders = try GeoJSONReader.read(contentsOf: bordersURL).flatMap(\.geometry.lines)
        return BasemapDetail(extent: extent, land: land, coast: coast, borders: borders)
    }

    /// The land of one country; empty if the layer has none of it.
    public func land(of iso3: String) -> [[[GeoPoint]]] {
        land.filter { $0.iso3 == iso3 }.flatMap(\.polygons)
    }
}
