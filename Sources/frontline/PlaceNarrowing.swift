import ArgumentParser
import FrontlineCore
import Gazetteer

/// `--near LAT,LON` and `--within W,S,E,N`: how `resolve`, `history` and `why`
/// pick among places that share a name (two villages called Suq al-Khamis).
struct PlaceNarrowing: ParsableArguments {
    @Option(help: ArgumentHelp("Prefer places near this point, in decimal degrees.", valueName: "lat,lon"))
    var near: String?

    @Option(help: ArgumentHelp("Keep only places inside this box, in decimal degrees.", valueName: "w,s,e,n"))
    var within: String?

    func validate() throws {
        if let near, Self.point(near) == nil { throw ValidationError("--near needs LAT,LON in decimal degrees, got '\(near)'") }
        if let within, GeoBox(parsing: within) == nil {
            throw ValidationError("--within needs W,S,E,N in decimal degrees with W < E and S < N, got '\(within)'")
        }
    }

    /// The lookup options; `limit` alternatives at most.
    func options(limit: Int = 5) -> ResolveOptions {
        ResolveOptions(near: near.flatMap(Self.point), within: within.flatMap(GeoBox.init(parsing:)), limit: limit)
    }

    static func point(_ text: String) -> GeoPoint? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double(decimal: $0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lat = parts[0], let lon = parts[1],
              (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
        return GeoPoint(latitude: lat, longitude: lon)
    }
}
