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

    /// - Parameters:
    ///   - crs: overrides the theatre's CRS (`--crs`); it must be projected, in metres.
    ///   - belligerents: the factions with fronts between them (``Theatre/belligerents``); nil: all.
    ///   - areas: drawn areas of control; those in force on a day take precedence over derived zones.
    public init(settings: TheatreSettings, basemap: Basemap, crs: String? = nil, weightedByKind: Bool = true,
                belligerents: Set<String>? = nil, areas: [DrawnArea] = []) throws {
        self.projection = try Projection(crs: crs ?? settings.crs)
        self.basemap = basemap
        self.weightedByKind = weightedByKind
        self.belligerents = belligerents
        self.areas = areas
        self.projectedBasemap = try basemap.projected(with: projection)
        let land = projectedBasemap.land(of: settings.country)
        self.builder = try TerritoryBuilder(land: land, reachMeters: settings.zoneReachKilometers * 1000)
    }

    /// The zones, fronts and no-data ground derived from a day's place control.
    public func territory(for state: ControlState) throws -> Territory {
        let points = try projection.project(state.places.map(\.place.location))
        let places = zip(state.places, points).map { p, point in
            TerritoryPlace(id: p.place.id, control: p.control, point: point,
                           weight: weightedByKind ? TerritoryPlace.weight(for: p.place.kind) : 1)
        }
        let drawn = try areas.filter { $0.isInForce(on: state.date) }.map { area in try ProjectedArea(area, project: { try projection.project($0) }) }
        return try builder.build(places, belligerents: belligerents, drawn: drawn)
    }
}
