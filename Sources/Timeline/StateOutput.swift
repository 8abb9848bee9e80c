import FrontlineCore
import Gazetteer

/// Text forms of a ``ControlState`` for `frontline state`: JSON, CSV, GeoJSON
/// and an aligned table. Built by hand, in a fixed field order, so the same
/// state always gives the same bytes.
public enum StateOutput {
    /// `{"date", "places": [{"id","name","name_ar","lat","lon","coordinate_precision_km","controller","status","since","date_precision","source"}]}`,
    /// one place a line. `controller` is a faction id, `"contested"` or null;
    /// contested places also carry `contested_by`. `status` is the state's
    /// (`confirmed`, or `claimed` when only claims support it; see ``PlaceState/status``), `date_precision` says whether `since` is a
    /// day or only a month (then `since` is the 1st of it), and
    /// `coordinate_precision_km` is null for a coordinate taken from a named
    /// record or the kilometres an `approx.` gazetteer source states.
    public static func json(_ state: ControlState) -> String {
        var out = "{\"date\":\(JSONText.string(state.date.description)),\"places\":["
        for (i, p) in state.places.enumerated() {
            out += (i == 0 ? "\n" : ",\n") + "{" + placeFields(p, coordinates: true).map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
        out += state.places.isEmpty ? "]}\n" : "\n]}\n"
        return out
    }

    /// The GeoJSON Feature of one place (a Point) with the state's properties.
    /// The renderer's zones and front lines are other features of the same
    /// collection; ``featureCollection(_:)`` joins them.
    public static func placeFeature(_ p: PlaceState) -> String {
        let properties = placeFields(p, coordinates: false).map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",")
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(JSONText.number(p.place.longitude)),\(JSONText.number(p.place.latitude))]},"
            + "\"properties\":{\(properties)}}"
    }

    /// A FeatureCollection of already-encoded features, one a line.
    public static func featureCollection(_ features: [String], date: Day? = nil) -> String {
        let dateMember = date.map { "\"date\":\(JSONText.string($0.description))," } ?? ""
        return "{\"type\":\"FeatureCollection\",\(dateMember)\"features\":[" + (features.isEmpty ? "" : "\n" + features.joined(separator: ",\n") + "\n") + "]}\n"
    }

    public static func geoJSON(_ state: ControlState) -> String {
        featureCollection(state.places.map(placeFeature), date: state.date)
    }

    /// RFC 4180 CSV with a header:
    /// `id,name,name_ar,lat,lon,coordinate_precision_km,controller,status,since,date_precision,source`
    /// (the fields of ``json(_:)``; empty where JSON has null).
    public static func csv(_ state: ControlState) -> String {
        var out = "id,name,name_ar,lat,lon,coordinate_precision_km,controller,status,since,date_precision,source\r\n"
        for p in state.places {
            let fields = [p.place.id, p.place.name, p.place.nameArabic, JSONText.number(p.place.latitude), JSONText.number(p.place.longitude),
                          p.place.approximateKilometers.map(JSONText.number) ?? "",
                          controllerText(p.control) ?? "", p.status?.rawValue ?? "", p.since?.description ?? "",
                          p.event?.precision.rawValue ?? "", p.event?.source ?? ""]
            out += fields.map(CSV.quote).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// An aligned table for people: place, controller, status, since (a month
    /// written as `2019-05 (month only)`), position (`approx. 5 km` when the
    /// coordinate is not from a named record), source.
    public static func table(_ state: ControlState) -> String {
        let rows = state.places.map { p in
            [p.place.name, p.control.description, p.status?.rawValue ?? "-", sinceText(p),
             p.place.approximateKilometers.map { "approx. \(JSONText.number($0)) km" } ?? "", p.event?.source ?? ""]
        }
        return TextTable.render(header: ["place", "controller", "status", "since", "position", "source"], rows: rows)
    }

    /// `2020-06-05`, or `2019-05 (month only)` when the event gives only a month.
    public static func sinceText(_ p: PlaceState) -> String {
        guard let since = p.since else { return "-" }
        return dateText(since, precision: p.event?.precision ?? .day)
    }

    /// A date as precise as its source: `2020-06-05`, or `2019-05 (month only)`.
    public static func dateText(_ day: Day, precision: DatePrecision) -> String {
        switch precision {
        case .day: return day.description
        case .month: return String(day.description.prefix(7)) + " (month only)"
        }
    }

    /// The `controller` value: the faction id, `contested`, or nil for unknown.
    public static func controllerText(_ control: Control) -> String? {
        switch control {
        case .faction(let id): return id
        case .contested: return "contested"
        case .unknown: return nil
        }
    }

    private static func placeFields(_ p: PlaceState, coordinates: Bool) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("id", JSONText.string(p.place.id)),
            ("name", JSONText.string(p.place.name)),
            ("name_ar", JSONText.string(p.place.nameArabic)),
        ]
        if coordinates {
            fields.append(("lat", JSONText.number(p.place.latitude)))
            fields.append(("lon", JSONText.number(p.place.longitude)))
        }
        fields.append(("coordinate_precision_km", p.place.approximateKilometers.map(JSONText.number) ?? "null"))
        fields.append(("controller", controllerText(p.control).map(JSONText.string) ?? "null"))
        if case .contested(let ids) = p.control {
            fields.append(("contested_by", "[" + ids.map(JSONText.string).joined(separator: ",") + "]"))
        }
        fields.append(("status", p.status.map { JSONText.string($0.rawValue) } ?? "null"))
        fields.append(("since", p.since.map { JSONText.string($0.description) } ?? "null"))
        fields.append(("date_precision", p.event.map { JSONText.string($0.precision.rawValue) } ?? "null"))
        fields.append(("source", p.event.map { JSONText.string($0.source) } ?? "null"))
        return fields
    }
}

/// JSON literals written by hand (Foundation's encoder does not promise a key order).
public enum JSONText {
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The shortest decimal that reads back as the same Double (Swift's description), never exponent-free garbage.
    public static func number(_ v: Double) -> String {
        v.isFinite ? (v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)") : "null"
    }
}

/// Columns padded to their widest cell, counted in characters (Arabic and
/// Latin alike), two spaces apart.
public enum TextTable {
    public static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
