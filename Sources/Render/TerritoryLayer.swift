import FrontlineCore
import Geo
import Gazetteer
import Timeline

extension TerritoryOverlay {
    /// The renderer's view of Geo's territory: zones as they are, fronts as plain polylines.
    public init(_ territory: Territory) {
        self.init(zones: territory.zones.map { Zone(controller: $0.controller, polygons: $0.polygons) },
                  fronts: territory.fronts.flatMap(\.lines))
    }
}

extension MapComposer {
    /// Zones and front lines of one day, derived from place control by Geo's
    /// `TerritoryBuilder` on the theatre's own land, in this map's projection.
    ///
    /// The builder (a GEOS owner, with the land prepared once) is made on the
    /// first call and reused, so a frames worker pays for the land only once.
    ///
    /// - Parameter reachMeters: ground farther than this from every place is "no data".
    public func territory(for state: ControlState, reachMeters: Double) throws -> TerritoryOverlay {
        if territoryBuilder == nil || territoryBuilder!.reachMeters != reachMeters {
            let land = projectedCountries.filter { $0.iso3 == homeCountry }.flatMap { country in
                country.polygons.compactMap { rings -> PlanarPolygon? in
                    guard let exterior = rings.first, exterior.count >= 3 else { return nil }
                    return PlanarPolygon(exterior: exterior, holes: Array(rings.dropFirst()))
                }
            }
            territoryBuilder = try TerritoryBuilder(land: land, reachMeters: reachMeters)
        }
        let places = state.places.filter { $0.control != .unknown }
        let points = try projector.projectPoints(places.map(\.place.location))
        let sites = zip(places, points).map { s, p in
            TerritoryPlace(id: s.place.id, control: s.control, point: p, weight: TerritoryPlace.weight(for: s.place.kind))
        }
        return TerritoryOverlay(try territoryBuilder!.build(sites))
    }
}
