import FrontlineCore
import Gazetteer
import Timeline

/// The geometry of one theatre for one worker: its projection, its basemap and
/// the zone builder clipped to its country's land.
///
/// Everything that does not change from day to day is made once here, so a
/// worker drawing a hundred frames projects the basemap and prepares the land
/// once.
///
/// - Important: Owns PROJ and GEOS handles (through ``Projection`` and
///   ``TerritoryBuilder``). Not thread-safe: make one per worker.
public final class TheatreGeometry {
    public let projection: Projection
    public let basemap: Basemap
    /// The basemap in map metres, projected once for every frame this worker draws.
    public let projectedBasemap: ProjectedBasemap
    public let builder: TerritoryBuilder
    /// Whether cities reach further than villages (``TerritoryPlace/weight(for:)``).
    public let weightedByKind: Bool
    /// The factions fronts are drawn between; nil: all.
    public let belligerents: Set<String>?
    /// The theatre's drawn areas (``DrawnArea``), in force or not.
    public let areas: [DrawnArea]
    let settings: TheatreSettings

    /// - Parameters:
    ///   - crs: overrides the theatre's CRS (`--crs`); it must be projected, in metres.
    ///   - belligerents: the factions with fronts between them (``Theatre/belligerents``); nil: all.
    ///   - areas: drawn areas of control; those in force on a day take precedence over derived zones.
    /// - Throws: ``MapCRSError`` for a `crs` override that cannot draw maps;
    ///   ``DataError`` at the `crs` line of `theatre.tsv` for a theatre CRS that cannot.
    public init(settings: TheatreSettings, basemap: Basemap, crs: String? = nil, weightedByKind: Bool = true,
                belligerents: Set<String>? = nil, areas: [DrawnArea] = []) throws {
        self.projection = try crs.map { try Projection(mapCRS: $0, covering: settings.namedBoxes) } ?? settings.mapProjection()
        self.basemap = basemap
        self.settings = settings
        self.weightedByKind = weightedByKind
        self.belligerents = belligerents
        self.areas = areas
        self.projectedBasemap = try basemap.projected(with: projection)
        let land = projectedBasemap.land(of: settings.country)
        self.builder = try TerritoryBuilder(land: land, reachMeters: settings.zoneReachKilometers * 1000)
    }

    /// The zones, fronts and no-data ground derived from a day's place control.
    public func territory(for state: ControlState) throws -> Territory {
        let points: [PlanarPoint]
        do { points = try projection.project(state.places.map(\.place.location)) } catch {
            // A place the CRS cannot project is the data's problem; say which.
            let unprojectable = Self.placeProblems(state.places.map(\.place), in: projection, settings: settings).filter { $0.severity == .error }
            if !unprojectable.isEmpty { throw DataError(unprojectable) }
            throw error
        }
        let places = zip(state.places, points).map { p, point in
            TerritoryPlace(id: p.place.id, control: p.control, point: point,
                           weight: weightedByKind ? TerritoryPlace.weight(for: p.place.kind) : 1)
        }
        let drawn = try areas.filter { $0.isInForce(on: state.date) }.map { area in try ProjectedArea(area, project: { try projection.project($0) }) }
        return try builder.build(places, belligerents: belligerents, drawn: drawn)
    }
}

extension TheatreSettings {
    /// The theatre's views as ``Projection/init(mapCRS:covering:)`` names them in messages.
    var namedBoxes: [(name: String, box: GeoBox)] { views.map { ("view '\($0.name)'", $0.box) } }

    /// The projection of the theatre's own CRS, checked for maps of every view.
    /// - Throws: ``DataError`` at the `crs` line of `theatre.tsv`: it is the theatre's data.
    public func mapProjection() throws -> Projection {
        do { return try Projection(mapCRS: crs, covering: namedBoxes) } catch let error as MapCRSError {
            throw DataError(at: location(of: "crs"), field: "crs", error.description)
        }
    }
}

extension TheatreGeometry {
    /// Everything about a loaded theatre that drawing would trip over, found
    /// before any drawing: the basemap files parse, the CRS draws every view,
    /// and every place of the event log can be projected. `check` reports
    /// these with the data's own problems; `render` refuses the same things.
    /// - Parameter places: the places of the event log, when it could be read.
    public static func problems(of settings: TheatreSettings, places: [Place]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        do { _ = try Basemap.load(settings.basemap) } catch let error as DataError {
            problems += error.diagnostics
        } catch {
            problems.append(Diagnostic(.error, at: SourceLocation(file: Theatre.displayPath(settings.basemap.countries), line: 0), "\(error)"))
        }
        do {
            problems += placeProblems(places, in: try settings.mapProjection(), settings: settings)
        } catch let error as DataError {
            problems += error.diagnostics
        } catch {
            problems.append(Diagnostic(.error, at: settings.location(of: "crs"), field: "crs", "\(error)"))
        }
        return problems
    }

    /// Places that maps of the theatre cannot show: errors for those the CRS
    /// cannot project (a pole in a conic projection), warnings for those outside
    /// every view (the zone builder leaves places far from the land out).
    public static func placeProblems(_ places: [Place], in projection: Projection, settings: TheatreSettings) -> [Diagnostic] {
        let file = settings.gazetteerFiles.first.map(Theatre.displayPath) ?? "gazetteer"
        var problems: [Diagnostic] = []
        for place in places {
            let at = SourceLocation(file: file, line: 0)
            let where_ = "\(place.id) (\(place.location.latitude), \(place.location.longitude))"
            guard (try? projection.project(place.location)) != nil else {
                problems.append(Diagnostic(.error, at: at, field: "lat", "place \(where_) cannot be projected in CRS '\(projection.crs)'"))
                continue
            }
            if !settings.views.contains(where: { $0.box.contains(place.location) }) {
                problems.append(Diagnostic(.warning, at: at, field: "lat",
                                           "place \(where_) is outside every view of the theatre; no map shows it and zones leave it out when it is far from the land"))
            }
        }
        return problems
    }
}
