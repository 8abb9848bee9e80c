import Foundation
import FrontlineCore
import Timeline

/// A country of the basemap, in lon/lat.
public struct BasemapCountry: Sendable {
    /// ISO 3166 alpha-3 (`LBY`).
    public let iso3: String
    public let nameEnglish: String
    public let nameArabic: String
    /// Polygons, each a list of rings (exterior first).
    public let polygons: [[[GeoPoint]]]
}

/// What a map is drawn on: countries, coastline and land borders, in lon/lat,
/// read from a theatre's basemap GeoJSON (Natural Earth, see docs/basemap.md).
public struct Basemap: Sendable {
    public let countries: [BasemapCountry]
    public let coast: [[GeoPoint]]
    public let borders: [[GeoPoint]]

    public init(countries: [BasemapCountry], coast: [[GeoPoint]], borders: [[GeoPoint]]) {
        self.countries = countries
        self.coast = coast
        self.borders = borders
    }

    /// Reads the three files a theatre names. Countries need `iso3`, and may have
    /// `name_en` and `name_ar`.
    public static func load(_ files: BasemapFiles) throws -> Basemap {
        let countries = try GeoJSONReader.features(contentsOf: files.countries).enumerated().map { index, f in
            guard let iso3 = f.properties["iso3"], !iso3.isEmpty else {
                throw DataError(at: SourceLocation(file: files.countries.path, line: 0), field: "features[\(index)]",
                                "a country needs an \"iso3\" property")
            }
            return BasemapCountry(iso3: iso3, nameEnglish: f.properties["name_en"] ?? iso3,
                                  nameArabic: f.properties["name_ar"] ?? "", polygons: f.geometry.polygons)
        }
        let coast = try GeoJSONReader.features(contentsOf: files.coast).flatMap(\.geometry.lines)
        let borders = try GeoJSONReader.features(contentsOf: files.borders).flatMap(\.geometry.lines)
        return Basemap(countries: countries, coast: coast, borders: borders)
    }

    public func country(_ iso3: String) -> BasemapCountry? { countries.first { $0.iso3 == iso3 } }

    /// The land of one country as projected polygons, for clipping zones to it.
    public func land(of iso3: String, with projection: Projection) throws -> [PlanarPolygon] {
        guard let country = country(iso3) else { return [] }
        return try country.polygons.map { rings in
            let projected = try rings.map { try projection.project($0) }
            return PlanarPolygon(exterior: projected[0], holes: Array(projected.dropFirst()))
        }
    }
}
