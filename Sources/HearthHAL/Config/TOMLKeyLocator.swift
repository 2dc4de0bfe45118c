/// Finds the source line of a key in TOML text, because TOMLKit only reports
/// lines for syntax errors and we want every error to say file:line.
///
/// A plain line scan, good enough for hand-written config files: it knows
/// `[table]` and `[[array]]` headers and `key = value` lines (bare or quoted keys),
/// not multi-line strings or dotted keys.
struct TOMLKeyLocator {
    /// Where a key lives: at the top level, or in the n-th (0-based) `[[name]]` block.
    enum Section: Equatable {
        case top
        case arrayElement(name: String, index: Int)
    }

    private struct Line {
        var number: Int
        var section: Section?   // nil inside a table we don't track
        var header: Bool
        var key: String?
    }
    private let lines: [Line]

    init(text: String) {
        var result: [Line] = []
        var section: Section? = .top
        var counts: [String: Int] = [:]
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") {
                let name = Self.bare(line.dropFirst(2).prefix { $0 != "]" })
                let index = counts[name, default: 0]
                counts[name] = index + 1
                section = .arrayElement(name: name, index: index)
                result.append(Line(number: number, section: section, header: true))
            } else if line.hasPrefix("[") {
                section = nil
            } else if let eq = line.firstIndex(of: "="), !line.hasPrefix("#") {
                result.append(Line(number: number, section: section, header: false, key: Self.bare(line[..<eq])))
            }
        }
        lines = result
    }

    private static func bare(_ s: Substring) -> String {
        var t = s.trimmingCharacters(in: " \t")
        if t.count >= 2, let q = t.first, q == "\"" || q == "'", t.last == q { t = String(t.dropFirst().dropLast()) }
        return t
    }

    /// 1-based line of `key` in `section`, or of the section's header when `key` is nil.
    func line(of key: String?, in section: Section) -> Int? {
        lines.first { $0.section == section && (key == nil ? $0.header : (!$0.header && $0.key == key)) }?.number
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
