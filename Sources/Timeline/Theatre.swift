import Foundation
import FrontlineCore
import Gazetteer

/// A named map extent of a theatre (`tripoli`), in lon/lat degrees.
public struct NamedView: Hashable, Sendable {
    public let name: String
    public let box: GeoBox
    public init(name: String, box: GeoBox) {
        self.name = name
        self.box = box
    }
}

/// The lon/lat GeoJSON files a theatre's basemap is drawn from.
public struct BasemapFiles: Hashable, Sendable {
    /// Country polygons with `iso3`, `name_en`, `name_ar` properties.
    public let countries: URL
    /// Coastline lines (land/sea).
    public let coast: URL
    /// Land borders between countries, properties `a`, `b` (iso3).
    public let borders: URL
    /// Optional close-up layer (`basemap.detail_land`, `basemap.detail_coast`,
    /// `basemap.detail_borders`, all or none): land polygons per country
    /// (`iso3`, `extent` W,S,E,N), the coastline and the land borders, much
    /// finer than `countries`, `coast` and `borders`, drawn instead of them on
    /// city-scale maps inside the extent.
    public let detailLand: URL?
    public let detailCoast: URL?
    public let detailBorders: URL?

    public init(countries: URL, coast: URL, borders: URL, detailLand: URL? = nil, detailCoast: URL? = nil, detailBorders: URL? = nil) {
        self.countries = countries
        self.coast = coast
        self.borders = borders
        self.detailLand = detailLand
        self.detailCoast = detailCoast
        self.detailBorders = detailBorders
    }
}

/// `theatre.tsv`: what a theatre is called, where its files are, how to draw it.
///
/// The file has two columns, `key` and `value`. Paths are relative to the
/// theatre folder.
public struct TheatreSettings: Sendable {
    public let directory: URL
    public let title: String
    public let titleArabic: String
    /// A PROJ string or `EPSG:nnnn`; the default CRS of every map.
    public let crs: String
    public let views: [NamedView]
    public let defaultView: String
    public let gazetteerFiles: [URL]
    /// `gazetteer.extra`: gazetteers merged under the curated ones (the OSM place
    /// file): curated rows win, a duplicate is merged into its curated row, and the
    /// map still draws only the places the event log names.
    public let extraGazetteerFiles: [URL]
    public let factionsFile: URL
    public let eventsFile: URL
    /// `seeds`: the folder of the seed articles event rows quote (optional; see ``SeedQuoteCheck``).
    public let seedsDirectory: URL?
    public let basemap: BasemapFiles
    /// ISO 3166 alpha-3 code of the country whose land zones are clipped to.
    public let country: String
    /// Ground farther than this from every controlled place is "no data", in kilometres.
    public let zoneReachKilometers: Double
    /// Credits printed in the map footer (`Natural Earth`).
    public let basemapCredit: String
    /// The article extractor's word lists (`lexicon`, optional): control verbs,
    /// actors, cues. Read by the Extract module, not here.
    public var lexiconFile: URL? = nil

    public func view(named name: String) -> NamedView? { views.first { $0.name == name } }

    public static let fileName = "theatre.tsv"

    public static func load(directory: URL) throws -> TheatreSettings {
        let url = directory.appendingPathComponent(fileName)
        let path = url.path
        let table = try TSVTable(contentsOf: url, required: ["key", "value"])
        var values: [String: (String, Int)] = [:]
        var views: [NamedView] = []
        var problems = table.fieldCountProblems()
        for row in table.rows {
            let key = row["key"], value = row["value"]
            if key.hasPrefix("view.") {
                guard let box = GeoBox(parsing: value) else {
                    problems.append(Diagnostic(.error, at: table.location(of: row), field: "value",
                                               "view '\(key.dropFirst(5))' needs W,S,E,N in degrees, got '\(value)'"))
                    continue
                }
                views.append(NamedView(name: String(key.dropFirst(5)), box: box))
            } else {
                values[key] = (value, row.line)
            }
        }
        func require(_ key: String) -> String {
            if let v = values[key]?.0, !v.isEmpty { return v }
            problems.append(Diagnostic(.error, at: SourceLocation(file: path, line: 0), field: key, "the setting '\(key)' is missing"))
            return ""
        }
        func file(_ key: String) -> URL {
            let v = require(key)
            return directory.appendingPathComponent(v).standardizedFileURL
        }
        let title = require("title")
        let crs = require("crs")
        let gazetteers = require("gazetteer").split(separator: "|").map {
            directory.appendingPathComponent(String($0)).standardizedFileURL
        }
        let extraGazetteers = (values["gazetteer.extra"]?.0 ?? "").split(separator: "|").map {
            directory.appendingPathComponent(String($0)).standardizedFileURL
        }
        let factions = file("factions")
        let events = file("events")
        /// An optional file that must exist when named: the layer is optional,
        /// a typo in its name should not silently draw the coarse coast.
        func optionalFile(_ key: String) -> URL? {
            guard let (text, line) = values[key], !text.isEmpty else { return nil }
            let url = directory.appendingPathComponent(text).standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.path) else {
                problems.append(Diagnostic(.error, at: SourceLocation(file: path, line: line), field: key, "the file '\(text)' does not exist (\(url.path))"))
                return nil
            }
            return url
        }
        let detailKeys = ["basemap.detail_land", "basemap.detail_coast", "basemap.detail_borders"]
        let detail = detailKeys.map(optionalFile)
        if let (_, line) = detailKeys.compactMap({ values[$0] }).first, let absent = detailKeys.first(where: { values[$0] == nil }) {
            problems.append(Diagnostic(.error, at: SourceLocation(file: path, line: line), field: absent,
                                       "the close-up basemap needs all of \(detailKeys.joined(separator: ", ")): '\(absent)' is missing"))
        }
        let basemap = BasemapFiles(countries: file("basemap.countries"), coast: file("basemap.coast"), borders: file("basemap.borders"),
                                   detailLand: detail[0], detailCoast: detail[1], detailBorders: detail[2])
        let defaultView = values["default_view"]?.0 ?? views.first?.name ?? ""
        if views.isEmpty {
            problems.append(Diagnostic(.error, at: SourceLocation(file: path, line: 0), field: "view", "no view.NAME rows: a theatre needs at least one view"))
        } else if !views.contains(where: { $0.name == defaultView }) {
            problems.append(Diagnostic(.error, at: SourceLocation(file: path, line: values["default_view"]?.1 ?? 0), field: "default_view",
                                       "'\(defaultView)' is not one of the views (\(views.map(\.name).joined(separator: ", ")))"))
        }
        var reach = 60.0
        if let (text, line) = values["zone_reach_km"] {
            if let v = Double(text), v > 0 { reach = v } else {
                problems.append(Diagnostic(.error, at: SourceLocation(file: path, line: line), field: "zone_reach_km", "'\(text)' is not a positive distance in km"))
            }
        }
        let lexicon = optionalFile("lexicon")
        if !problems.isEmpty { throw DataError(problems) }
        var settings = TheatreSettings(directory: directory, title: title, titleArabic: values["title_ar"]?.0 ?? "",
                               crs: crs, views: views, defaultView: defaultView, gazetteerFiles: gazetteers,
                               extraGazetteerFiles: extraGazetteers,
                               factionsFile: factions, eventsFile: events,
                               seedsDirectory: values["seeds"].map { directory.appendingPathComponent($0.0).standardizedFileURL }, basemap: basemap,
                               country: values["country"]?.0 ?? "", zoneReachKilometers: reach,
                               basemapCredit: values["basemap_credit"]?.0 ?? "")
        settings.lexiconFile = lexicon
        return settings
    }
}

/// Finds the embedded default theatre (western Libya, 2019–2020).
///
/// Looked up in this order, so the tool works from any working directory:
/// 1. `$FRONTLINE_THEATRE` (a theatre folder);
/// 2. `share/frontline/maps/libya` beside or above the executable (an install);
/// 3. the source checkout the binary was built from (`swift build`, `swift run`).
public enum TheatreLocator {
    public static let defaultName = "libya"

    public static func defaultDirectory(executable: URL? = nil) -> URL? {
        let fm = FileManager.default
        func isTheatre(_ url: URL) -> Bool {
            fm.fileExists(atPath: url.appendingPathComponent(TheatreSettings.fileName).path)
        }
        if let env = ProcessInfo.processInfo.environment["FRONTLINE_THEATRE"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let exe = executable ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var folder = exe.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("share/frontline/maps/\(defaultName)")
            if isTheatre(candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        // This file is Sources/Timeline/Theatre.swift in the checkout.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = checkout.appendingPathComponent("maps/\(defaultName)")
        return isTheatre(candidate) ? candidate : nil
    }
}
