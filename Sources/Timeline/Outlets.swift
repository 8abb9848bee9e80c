/// The outlets (news agencies, papers, encyclopaedias) behind a set of events,
/// named the way a map's footer credits them.
public enum Outlets {
    /// The outlet a `source` citation names: the text before its first comma
    /// (`Reuters, 2020-06-05, https://…` → `Reuters`), without a trailing
    /// remark in brackets (`France24 (Reuters)` → `France24`). A seed file
    /// citation names its outlet in brackets (`seeds/002_….txt (Al Jazeera,
    /// 2019-04-09)` → `Al Jazeera`). Empty for an empty source.
    public static func outlet(of source: String) -> String {
        var text = trimmed(Substring(source))
        // A file name first: the outlet is what the brackets after it say.
        if let space = text.firstIndex(of: " "), text[..<space].contains("/") || text[..<space].hasSuffix(".txt"),
           let open = text[space...].firstIndex(of: "(") {
            text = text[text.index(after: open)...]
        }
        if let comma = text.firstIndex(of: ",") { text = text[..<comma] }
        var name = trimmed(text)
        if name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex {
            let head = trimmed(name[..<open])
            if !head.isEmpty { name = head }
        }
        return String(name.hasSuffix(")") && !name.contains("(") ? name.dropLast() : name)
    }

    /// Without leading and trailing spaces (Foundation's trimming was most of this function's time).
    static func trimmed(_ s: Substring) -> Substring {
        var t = s
        while t.first == " " { t = t.dropFirst() }
        while t.last == " " { t = t.dropLast() }
        return t
    }

    /// The outlets of the events, most cited first (then by name), each once.
    /// `outlet` names a source's outlet; by default ``outlet(of:)``, a caller
    /// that ranks the same events often (a frame sequence) can pass a memo of it.
    public static func ranked(_ events: [ControlEvent], outlet: (String) -> String = Outlets.outlet(of:)) -> [String] {
        var counts: [String: Int] = [:]
        for e in events {
            let name = outlet(e.source)
            if !name.isEmpty { counts[name, default: 0] += 1 }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }
}
