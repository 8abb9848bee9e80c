import Foundation
import FrontlineCore

extension Faction {
    /// The columns `factions.tsv` must have, in order.
    public static let columns = ["id", "name", "name_ar", "color", "short"]
    /// The optional column saying whether a faction is a belligerent or neutral/local
    /// forces. Files written before it existed load with every faction a
    /// belligerent (what the maps drew then) and a warning saying so.
    public static let roleColumn = "role"
    /// Words `events.tsv` uses for states that are not a faction; no faction may take them as its id.
    public static let reservedIDs: Set<String> = ["contested", "unknown"]

    /// Parses `factions.tsv`, returning the good factions and every problem found
    /// (bad colour, duplicate or reserved id, wrong field count), so a checker can
    /// list them all. Throws only when the file cannot be read or has no usable header.
    public static func parse(_ table: TSVTable) -> (factions: [Faction], problems: [Diagnostic]) {
        var problems = table.fieldCountProblems()
        let hasRole = table.header.contains(roleColumn)
        if !hasRole, !table.rows.isEmpty {
            problems.append(Diagnostic(.warning, at: SourceLocation(file: table.path, line: table.headerLine), field: roleColumn,
                                       "no 'role' column: every faction is taken as a belligerent, so a front is drawn wherever two factions' ground meets; add the column (belligerent, or neutral for local forces)"))
        }
        var factions: [Faction] = []
        var seen: [String: Int] = [:]
        for row in table.rows where row.fields.count == table.header.count {
            let at = table.location(of: row)
            let id = row["id"]
            if id.isEmpty || id.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                problems.append(Diagnostic(.error, at: at, field: "id", "'\(id)' is not a faction id: use letters, digits, '-' or '_'"))
                continue
            }
            if reservedIDs.contains(id) {
                problems.append(Diagnostic(.error, at: at, field: "id", "'\(id)' is reserved for a state of control; pick another faction id"))
                continue
            }
            if let first = seen[id] {
                problems.append(Diagnostic(.error, at: at, field: "id", "duplicate faction id '\(id)' (first on line \(first))"))
                continue
            }
            seen[id] = row.line
            let colorText = row["color"]
            guard colorText.hasPrefix("#"), let color = RGBColor(hex: colorText) else {
                problems.append(Diagnostic(.error, at: at, field: "color", "'\(colorText)' is not a colour; write #rrggbb"))
                continue
            }
            var role = FactionRole.belligerent
            if hasRole {
                guard let parsed = FactionRole(cell: row[roleColumn]) else {
                    problems.append(Diagnostic(.error, at: at, field: roleColumn,
                                               "'\(row[roleColumn])' is not a role; write belligerent, or neutral (local) for forces that hold their own ground"))
                    continue
                }
                role = parsed
            }
            if row["name"].isEmpty {
                problems.append(Diagnostic(.warning, at: at, field: "name", "faction '\(id)' has no name"))
            }
            factions.append(Faction(id: id, name: row["name"], nameArabic: row["name_ar"], color: color,
                                    short: row["short"].isEmpty ? id.uppercased() : row["short"], role: role))
        }
        if factions.isEmpty, table.rows.isEmpty {
            problems.append(Diagnostic(.error, at: SourceLocation(file: table.path, line: 0), "no factions: the file needs at least one row"))
        }
        return (factions, problems)
    }

    /// Loads `factions.tsv`; throws ``DataError`` with every problem when any is an error.
    public static func load(contentsOf url: URL, displayPath: String? = nil) throws -> [Faction] {
        let table = try TSVTable(contentsOf: url, displayPath: displayPath, required: columns)
        let (factions, problems) = parse(table)
        if problems.contains(where: { $0.severity == .error }) { throw DataError(problems) }
        return factions
    }
}
