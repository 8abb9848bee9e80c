import FrontlineCore

/// An sRGB colour, written `#rrggbb` in data files.
public struct RGBColor: Hashable, Sendable, CustomStringConvertible {
    public let red: UInt8
    public let green: UInt8
    public let blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#rrggbb` (the `#` may be left out).
    public init?(hex: String) {
        var s = Substring(hex)
        if s.first == "#" { s = s.dropFirst() }
        // Six hex digits exactly: UInt32(_:radix:) alone would take a sign ("+12345").
        guard s.utf8.count == 6, s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }),
              let v = UInt32(s, radix: 16) else { return nil }
        self.init(red: UInt8((v >> 16) & 0xff), green: UInt8((v >> 8) & 0xff), blue: UInt8(v & 0xff))
    }

    public var description: String {
        "#" + [red, green, blue].map { let h = String($0, radix: 16); return $0 < 16 ? "0" + h : h }.joined()
    }

    /// Relative luminance (WCAG), 0 for black to 1 for white; used to check that
    /// faction colours stay distinct in greyscale print.
    public var luminance: Double {
        func channel(_ c: UInt8) -> Double {
            let v = Double(c) / 255
            return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What part a faction plays, as the `role` column of `factions.tsv` says.
public enum FactionRole: String, Hashable, Sendable, CaseIterable {
    /// A side of the war: where its ground meets another belligerent's, there is a front.
    case belligerent
    /// Local or neutral forces holding their own town: their ground meets the
    /// belligerents' without a front (written `neutral` or `local`).
    case neutral

    /// Parses a `role` cell; `local` is taken as `neutral`.
    public init?(cell: String) {
        switch cell.lowercased() {
        case "belligerent": self = .belligerent
        case "neutral", "local": self = .neutral
        default: return nil
        }
    }
}

/// A side in the conflict (`gna`, `lna`), as `factions.tsv` lists it.
public struct Faction: Hashable, Sendable, Identifiable {
    public let id: String
    public let name: String
    public let nameArabic: String
    public let color: RGBColor
    /// Short label for legends, `GNA`.
    public let short: String
    /// Whether fronts are drawn against this faction's ground.
    public let role: FactionRole

    public init(id: String, name: String, nameArabic: String, color: RGBColor, short: String, role: FactionRole = .belligerent) {
        self.id = id
        self.name = name
        self.nameArabic = nameArabic
        self.color = color
        self.short = short
        self.role = role
    }
}

/// Who holds a place.
public enum Control: Hashable, Sendable, CustomStringConvertible {
    /// Held by one faction (its id).
    case faction(String)
    /// Fought over by the named factions (ids, sorted).
    case contested([String])
    /// Nothing is known.
    case unknown

    /// The form written in `events.tsv`: `gna`, `contested:gna+lna`, `unknown`.
    public var description: String {
        switch self {
        case .faction(let id): return id
        case .contested(let ids): return ids.isEmpty ? "contested" : "contested:" + ids.joined(separator: "+")
        case .unknown: return "unknown"
        }
    }

    /// The faction id when one faction holds the place.
    public var factionID: String? {
        if case .faction(let id) = self { return id }
        return nil
    }
}

/// What an event says happened.
public enum EventAction: String, Sendable, Hashable, CaseIterable {
    /// `to` took the place from `from`.
    case capture
    /// `from` left the place; `to` says who holds it after (often the other side).
    case withdraw
    /// Fighting for the place; `to` is `contested:a+b`.
    case contest
    /// An observation that confirms the current state; it changes nothing when
    /// consistent and sets the initial state when it comes first.
    case hold
}

/// How sure the record is.
public enum EventStatus: String, Sendable, Hashable, CaseIterable {
    /// Reported by independent sources or conceded by the losing side.
    case confirmed
    /// Claimed by one side only.
    case claimed
}

/// One row of `events.tsv`: a dated, sourced change (or observation) of control.
///
/// The fields live in one shared, immutable box, so copying an event (the state
/// machine hands out one per place for every query) costs a single reference
/// count instead of one per string.
public struct ControlEvent: Hashable, Sendable {
    private final class Storage: Sendable {
        let location: SourceLocation
        let date: Day
        let precision: DatePrecision
        let placeID: String
        let placeName: String
        let from: Control?
        let to: Control
        let action: EventAction
        let status: EventStatus
        let source: String
        let note: String

        init(location: SourceLocation, date: Day, precision: DatePrecision, placeID: String, placeName: String,
             from: Control?, to: Control, action: EventAction, status: EventStatus, source: String, note: String) {
            self.location = location
            self.date = date
            self.precision = precision
            self.placeID = placeID
            self.placeName = placeName
            self.from = from
            self.to = to
            self.action = action
            self.status = status
            self.source = source
            self.note = note
        }
    }

    private let storage: Storage

    /// Where the row is, for messages.
    public var location: SourceLocation { storage.location }
    public var date: Day { storage.date }
    public var precision: DatePrecision { storage.precision }
    /// The gazetteer id of the place (the row may spell it any way).
    public var placeID: String { storage.placeID }
    /// The place as the row wrote it.
    public var placeName: String { storage.placeName }
    /// The state the row says the place was in before; nil when left empty.
    public var from: Control? { storage.from }
    public var to: Control { storage.to }
    public var action: EventAction { storage.action }
    public var status: EventStatus { storage.status }
    /// A citation: a seed file name, or outlet + date + URL.
    public var source: String { storage.source }
    public var note: String { storage.note }

    public init(location: SourceLocation, date: Day, precision: DatePrecision, placeID: String, placeName: String,
                from: Control?, to: Control, action: EventAction, status: EventStatus, source: String, note: String) {
        storage = Storage(location: location, date: date, precision: precision, placeID: placeID, placeName: placeName,
                          from: from, to: to, action: action, status: status, source: source, note: note)
    }

    /// Equal when every field is; the same box is equal without looking inside.
    public static func == (a: ControlEvent, b: ControlEvent) -> Bool {
        if a.storage === b.storage { return true }
        return a.location == b.location && a.date == b.date && a.precision == b.precision && a.placeID == b.placeID
            && a.placeName == b.placeName && a.from == b.from && a.to == b.to && a.action == b.action
            && a.status == b.status && a.source == b.source && a.note == b.note
    }

    public func hash(into hasher: inout Hasher) {
        // The location identifies a row; equal events have equal locations.
        hasher.combine(location)
        hasher.combine(date)
        hasher.combine(placeID)
    }
}
