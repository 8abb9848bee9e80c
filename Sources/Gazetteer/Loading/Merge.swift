import FrontlineCore

extension Gazetteer {
    /// How far apart two rows with one name may be and still be one place, in km.
    /// Wide enough for a town's GeoNames point versus its curated centre; narrow
    /// enough to keep two villages of one name in different districts.
    public static let samePlaceKilometres = 10.0

    /// The curated places, plus the supplement's places that are not already
    /// there. Curated rows win: a supplement row sharing a normalised name with
    /// a curated row within ``samePlaceKilometres`` is dropped, as is one whose
    /// id is taken.
    public static func merged(curated: Gazetteer, supplement: [Place]) -> Gazetteer {
        var places = curated.places
        var ids = Set(places.map(\.id))
        // Curated places by cells of 0.2° (over 10 km everywhere below 60° of
        // latitude): a supplement row with no curated place in its own or the
        // eight cells around it cannot be a duplicate, and its names need not
        // be normalised here.
        func cell(_ p: GeoPoint) -> Int64 {
            Int64((p.latitude / 0.2).rounded(.down)) &* 10_000 &+ Int64((p.longitude / 0.2).rounded(.down))
        }
        let occupied = Set(curated.places.map { cell($0.location) })
        for place in supplement where !ids.contains(place.id) {
            let here = cell(place.location)
            let near = (-1...1).contains { dLat in (-1...1).contains { occupied.contains(here &+ Int64(dLat) &* 10_000 &+ Int64($0)) } }
            let duplicate = near && curated.keys(of: place).contains { key in
                curated.places(withKey: key).contains {
                    Ranking.kilometres(curated.places[$0].location, place.location) <= samePlaceKilometres
                }
            }
            guard !duplicate else { continue }
            places.append(place)
            ids.insert(place.id)
        }
        return Gazetteer(places: places)
    }

    /// As ``merged(curated:supplement:)-(_,[Place])``, from an indexed gazetteer.
    public static func merged(curated: Gazetteer, supplement: Gazetteer) -> Gazetteer {
        merged(curated: curated, supplement: supplement.places)
    }
}
