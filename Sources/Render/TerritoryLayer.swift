import FrontlineCore
import Geo
import Gazetteer
import Timeline

extension TerritoryOverlay {
    /// The renderer's view of Geo's territory: zones as they are, fronts as plain polylines.
    public init(_ territory: Territory) {
        self.init(zones: territory.zones.map { Zone(controller: $0.controller, polygons: $0.polygons, drawn: $0.drawn) },
                  fronts: territory.fronts.flatMap(\.lines), sparseFronts: territory.fronts.flatMap(\.sparse),
                  dataEdges: territory.dataEdges, noData: territory.noData)
    }
}

extension MapComposer {
    /// Zones and front lines of one day, derived from place control by Geo's
    /// `TerritoryBuilder` on the theatre's own land, in this map's projection.
    ///
    /// The builder (a GEOS owner, with the land prepared once) is made on the
    /// first call and reused, so a frames worker pays for the land only once.
    ///
    /// With the close-up coast layer (`usesDetailCoast`), the builder's land is
    /// Natural Earth's land *and* the close-up land around the map, and zones and
    /// fronts are then cut to the close-up land (`zoneLand`), so they meet the
    /// drawn coastline exactly. Natural Earth's coast is simplified at
    /// ~1.1 km and lies up to ~1.2 km inside the real coast on the tripoli view
    /// (~4 km² of the close-up land there is not Natural Earth land): zones
    /// built on Natural Earth alone would stop short of the drawn coast and
    /// leave strips of up to ~14 px of no-zone land. Building on the union lets
    /// each Voronoi cell run on to the real coast, so zones and front lines
    /// reach it with the same boundaries they have inland (no overlap between
    /// zones, as growing each zone outward would give); where Natural Earth
    /// juts into the sea instead, the cut takes that part away.
    ///
    /// - Parameters:
    ///   - reachMeters: ground farther than this from every place is "no data".
    ///   - belligerents: the factions with fronts between them; nil: all.
    ///   - areas: the theatre's drawn areas; those in force on the state's day
    ///     take precedence over the derived zones.
    public func territory(for state: ControlState, reachMeters: Double, belligerents: Set<String>? = nil,
                          areas: [DrawnArea] = []) throws -> TerritoryOverlay {
        if territoryBuilder == nil || territoryBuilder!.reachMeters != reachMeters {
            let coarse = projectedCountries.filter { $0.iso3 == homeCountry }.flatMap(\.polygons)
            let land = coarse.compactMap { rings -> PlanarPolygon? in
                guard let exterior = rings.first, exterior.count >= 3 else { return nil }
                return PlanarPolygon(exterior: exterior, holes: Array(rings.dropFirst()))
            }
            // Overlapping polygons: the builder merges its land (a union) first.
            territoryBuilder = try TerritoryBuilder(land: land + (zoneLand?.polygons ?? []), reachMeters: reachMeters)
        }
        let places = state.places.filter { $0.control != .unknown }
        let points = try projector.projectPoints(places.map(\.place.location))
        let sites = zip(places, points).map { s, p in
            TerritoryPlace(id: s.place.id, control: s.control, point: p, weight: TerritoryPlace.weight(for: s.place.kind))
        }
        let drawn = try areas.filter { $0.isInForce(on: state.date) }.map { area in
            try ProjectedArea(area, project: { try projector.projectPoints($0) })
        }
        var overlay = TerritoryOverlay(try territoryBuilder!.build(sites, belligerents: belligerents, drawn: drawn))
        if let zoneLand {
            for i in overlay.zones.indices { overlay.zones[i].polygons = try zoneLand.clip(overlay.zones[i].polygons) }
            overlay.fronts = try zoneLand.clip(lines: overlay.fronts)
            overlay.sparseFronts = try zoneLand.clip(lines: overlay.sparseFronts)
            overlay.dataEdges = try zoneLand.clip(lines: overlay.dataEdges)
            overlay.noData = try zoneLand.clip(overlay.noData)
        }
        return overlay
    }
}
