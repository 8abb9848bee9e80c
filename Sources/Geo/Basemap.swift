import Foundation
import FrontlineCore
import Timeline

/// One country of the basemap, in longitude/latitude degrees.
public struct BasemapCountry: Hashable, Sendable {
    /// ISO 3166 alpha-3 (Natural Earth's ADM0_A3), e.g. `LBY`.
    public var iso3: String
    public var nameEnglish: String
    public var nameArabic: String
    /// Polygons, each a list of closed rings: the first exterior, the rest holes.
    public var polygons: [[[GeoPoint]]]

    public init(iso3: String, nameEnglish: String, nameArabic: String, polygons: [[[GeoPoint]]]) {
        self.iso3 = iso3
        self.nameEnglish = nameEnglish
        self.nameArabic = nameArabic
        self.polygons = polygons
    }
}

/// The land and lines a map is drawn on: countries, coastline and land borders,
/// in longitude/latitude degrees (WGS84), as the theatre's basemap GeoJSON has them.
public struct Basemap: Hashable, Sendable {
    public var countries: [BasemapCountry]
    /// Coastline (land/sea) lines.
    public var coast: [[GeoPoint]]
    /// Land borders between countries.
    public var borders: [[GeoPoint]]
    /// The close-up coast layer, when the theatre has one (see `BasemapDetail`).
    public var detail: BasemapDetail?

    public init(countries: [BasemapCountry], coast: [[GeoPoint]], borders: [[GeoPoint]], detail: BasemapDetail? = nil) {
        self.countries = countries
        self.coast = coast
        self.borders = borders
        self.detail = detail
    }

    /// Reads the GeoJSON files a theatre names: the three coarse ones, and the
    /// close-up layer when its three files are named.
    ///
    /// - Throws: `DataError` naming the file and what is wrong (unreadable file,
    ///   bad GeoJSON, a country without `iso3`, `name_en` or polygons).
    public static func load(_ files: BasemapFiles) throws -> Basemap {
        var basemap = try load(countries: files.countries, coast: files.coast, borders: files.borders)
        if let land = files.detailLand, let coast = files.detailCoast, let borders = files.detailBorders {
            basemap.detail = try BasemapDetail.load(land: land, coast: coast, borders: borders)
        }
        return basemap
    }

    /// Reads the three coarse GeoJSON files, without a close-up layer; see `load(_:)`.
    public static func load(countries countriesURL: URL, coast coastURL: URL, borders bordersURL: URL) throws -> Basemap {
        let countryFeatures = try GeoJSONReader.read(contentsOf: countriesURL)
        var countries: [BasemapCountry] = []
        for (i, feature) in countryFeatures.enumerated() {
            let location = SourceLocation(file: countriesURL.path, line: 0)
            guard let iso3 = feature.properties["iso3"], !iso3.isEmpty else {
                throw DataError(at: location, field: "iso3", "feature \(i + 1): no \"iso3\" property")
            }
            let polygons = feature.geometry.polygons
            guard !polygons.isEmpty else {
                throw DataError(at: location, "feature \(i + 1) (\(iso3)): a country must be a Polygon or MultiPolygon")
            }
            countries.append(BasemapCountry(iso3: iso3,
                                            nameEnglish: feature.properties["name_en"] ?? iso3,
                                            nameArabic: feature.properties["name_ar"] ?? "",
                                            polygons: polygons))
        }
        let coast = try GeoJSONReader.read(contentsOf: coastURL).flatMap(\.geometry.lines)
        let borders = try GeoJSONReader.read(contentsOf: bordersURL).flatMap(\.geometry.lines)
        return Basemap(countries: countries, coast: coast, borders: borders)
    }

    public func country(_ iso3: String) -> BasemapCountry? {
        countries.first { $0.iso3 == iso3 }
    }

    /// The basemap in map coordinates. Every point goes through one batched
    /// PROJ call, so a worker can afford it once and reuse the result for
    /// every frame.
    /// - Throws: `SystemError("PROJ", …)` when a point cannot be projected.
    public func projected(with projection: Projection) throws -> ProjectedBasemap {
        var all: [GeoPoint] = []
        for c in countries { for p in c.polygons { for r in p { all += r } } }
        for l in coast { all += l }
        for l in borders { all += l }
        let planar = try projection.project(all)
        var next = 0
        func take(_ count: Int) -> [PlanarPoint] {
            defer { next += count }
            return Array(planar[next..<next + count])
        }
        let projectedCountries = countries.map { c in
            ProjectedCountry(iso3: c.iso3, nameEnglish: c.nameEnglish, nameArabic: c.nameArabic,
                             polygons: c.polygons.map { rings in
                                 let projectedRings = rings.map { take($0.count) }
                                 return PlanarPolygon(exterior: projectedRings[0], holes: Array(projectedRings.dropFirst()))
                             })
        }
        let projectedCoast = coast.map { take($0.count) }
        let projectedBorders = borders.map { take($0.count) }
        return ProjectedBasemap(countries: projectedCountries, coast: projectedCoast, borders: projectedBorders)
    }
}

/// One country in map coordinates (metres of the projection).
public struct ProjectedCountry: Hashable, Sendable {
    public var iso3: String
    public var nameEnglish: String
    public var nameArabic: String
    public var polygons: [PlanarPolygon]
    /// The box around all polygons; `nil` when there are none.
    public var bounds: PlanarBox? { PlanarBox.enclosing(polygons.lazy.flatMap(\.exterior)) }
}

/// A `Basemap` projected once per worker (see `Basemap.projected(with:)`), in
/// the projection's map units (metres).
public struct ProjectedBasemap: Hashable, Sendable {
    public var countries: [ProjectedCountry]
    public var coast: [[PlanarPoint]]
    public var borders: [[PlanarPoint]]

    public init(countries: [ProjectedCountry], coast: [[PlanarPoint]], borders: [[PlanarPoint]]) {
        self.countries = countries
        self.coast = coast
        self.borders = borders
    }

    /// The land of one country (ISO alpha-3) as polygons with holes; empty if
    /// the basemap has no such country.
    public func land(of iso3: String) -> [PlanarPolygon] {
        countries.first { $0.iso3 == iso3 }?.polygons ?? []
    }
}

extension PlanarBox {
    /// The smallest box holding every point; `nil` for no points.
    public static func enclosing<S: Sequence>(_ points: S) -> PlanarBox? where S.Element == PlanarPoint {
        var box: PlanarBox?
        for p in points {
            if var b = box {
                b.minX = min(b.minX, p.x); b.minY = min(b.minY, p.y)
                b.maxX = max(b.maxX, p.x); b.maxY = max(b.maxY, p.y)
                box = b
            } else {
                box = PlanarBox(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)
            }
        }
        return box
    }
}
