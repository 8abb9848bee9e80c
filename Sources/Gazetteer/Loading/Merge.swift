import FrontlineCore

extension Gazetteer {
    /// How far apart two rows with one name may be and still be one place, in km.
    /// Wide enough for a town's GeoNames point versus its curated centre; narrow
    /// enough to keep two villages of one name in different districts.
    public static let samePlaceKilometres = 10.0

    /// The curated places, plus the supplement's places that are not already
    /// there, marked ``Place/isSupplement``. Curated rows win: a supplement row
    /// is the same place as a curated row when the curated row cites it as its
    /// record (both `osm:node/N`), or when the two share a normalised name
    /// within ``samePlaceKilometres``. Such a row is merged, not doubled: its
    /// names the curated place lacks become alternate names of the curated place,
    /// except names another curated place already answers to.
    /// A supplement row whose id is taken is dropped.
    public static func merged(curated: Gazetteer, supplement: [Place]) -> Gazetteer {
        var places = curated.places
        var ids = Set(places.map(\.id))
        var byRecord: [String: Int] = [:]
        for (i, p) in places.enumerated() {
            if let ref = SourceRecord(source: p.source) { byRecord[ref.description] = byRecord[ref.description] ?? i }
        }
        // Curated places by cells of 0.2° (over 10 km everywhere below 60° of
        // latitude): a supplement row with no curated place in its own or the
        // eight cells around it cannot be a duplicate by name, and its names need
        // not be normalised here.
        func cell(_ p: GeoPoint) -> Int64 {
            Int64((p.latitude / 0.2).rounded(.down)) &* 10_000 &+ Int64((p.longitude / 0.2).rounded(.down))
        }
        let occupied = Set(curated.places.map { cell($0.location) })
        var extraNames: [Int: [String]] = [:]
        for place in supplement where !ids.contains(place.id) {
            var same = SourceRecord(source: place.source).flatMap { byRecord[$0.description] }
            if same == nil {
                let here = cell(place.location)
                let near = (-1...1).contains { dLat in (-1...1).contains { occupied.contains(here &+ Int64(dLat) &* 10_000 &+ Int64($0)) } }
                if near {
                    // The nearest curated place sharing a name, so a name shared by a
                    // village and the air base beside it goes to the nearer one.
                    var best: (index: Int, km: Double)?
                    for key in curated.keys(of: place) {
                        for i in curated.places(withKey: key) {
                            let d = Ranking.kilometres(curated.places[i].location, place.location)
                            if d <= samePlaceKilometres, d < best?.km ?? .infinity || (d == best?.km && i < best!.index) { best = (i, d) }
                        }
                    }
                    same = best?.index
                }
            }
            if let same {
                // A name another curated place answers to stays that place's: the
                // curated rows decided it (the bare الوطية is the air base, though
                // OSM also gives it to the village 11 km west).
                let known = Set(places[same].allNames + (extraNames[same] ?? []))
                for name in place.allNames where !known.contains(name) && !(extraNames[same]?.contains(name) ?? false) {
                    let taken = Self.indexKeys(of: name).contains { key in curated.places(withKey: key).contains { $0 != same } }
                    if !taken { extraNames[same, default: []].append(name) }
                }
                continue
            }
            places.append(place.isSupplement ? place : place.with(isSupplement: true))
            ids.insert(place.id)
        }
        for (i, names) in extraNames where !names.isEmpty {
            places[i] = places[i].with(alternateNames: places[i].alternateNames + names)
        }
        return Gazetteer(places: places)
    }

    /// As ``merged(curated:supplement:)-(_,[Place])``, from an indexed gazetteer.
    public static func merged(curated: Gazetteer, supplement: Gazetteer) -> Gazetteer {
        merged(curated: curated, supplement: supplement.places)
    }
}
