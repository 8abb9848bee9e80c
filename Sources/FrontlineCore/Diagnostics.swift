/// Where in a data file something was found: the unit of every data error.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path as the user gave it or as the theatre names it.
    public let file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public let line: Int
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
    public var description: String { line > 0 ? "\(file):\(line)" : file }
}

/// A problem in the data (not in the system): an unknown place, a bad date, a
/// missing column. Printed as `file:line: message`, compiler style, so editors can
/// jump to it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }
    public let location: SourceLocation
    public let severity: Severity
    /// The column the problem is in, when there is one (`place`, `date`).
    public let field: String?
    public let message: String

    public init(_ severity: Severity, at location: SourceLocation, field: String? = nil, _ message: String) {
        self.location = location
        self.severity = severity
        self.field = field
        self.message = message
    }

    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        let fieldPart = field.map { "\($0): " } ?? ""
        return "\(location): \(prefix)\(fieldPart)\(message)"
    }
}

/// Thrown when a data file cannot be used. Carries every problem found, not only
/// the first, so one run of `frontline check` lists them all.
public struct DataError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(at location: SourceLocation, field: String? = nil, _ message: String) {
        self.diagnostics = [Diagnostic(.error, at: location, field: field, message)]
    }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A failure of the system rather than of the data: a C library or the file system.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    /// Which library or subsystem failed (`PROJ`, `cairo`, `GEOS`, `I/O`).
    public let component: String
    public let message: String
    public init(_ component: String, _ message: String) {
        self.component = component
        self.message = message
    }
    public var description: String { "\(component): \(message)" }
}
