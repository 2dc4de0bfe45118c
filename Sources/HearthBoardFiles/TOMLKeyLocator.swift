import HearthCore
import HearthHAL
/// Finds the source line of a dotted key path such as `operating_point[2].power_w`.
///
/// TOMLKit reports lines only for syntax errors, yet every validation error
/// must name its line. This scans the text once: `[table]` and `[[array]]`
/// headers (counting array entries), and `key =` lines, skipping comments,
/// strings and the continuation lines of multi-line arrays and strings.
public struct TOMLKeyLocator: Sendable {
    private var lines: [String: Int] = [:]

    public init(source: String) {
        var state = ScanState()
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var number = 0
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let chars = Array(rawLine.utf8)
            if state.isContinuing {
                state.scan(chars, from: 0)
                continue
            }
            var i = 0
            while i < chars.count, chars[i] == UInt8(ascii: " ") || chars[i] == UInt8(ascii: "\t") { i += 1 }
            guard i < chars.count, chars[i] != UInt8(ascii: "#"), chars[i] != UInt8(ascii: "\r") else { continue }
            if chars[i] == UInt8(ascii: "[") {
                let isArray = i + 1 < chars.count && chars[i + 1] == UInt8(ascii: "[")
                let name = Self.headerName(chars, from: i + (isArray ? 2 : 1))
                if isArray {
                    let index = arrayCounts[name, default: 0]
                    arrayCounts[name] = index + 1
                    table = "\(name)[\(index)]"
                    record(name, number)
                } else {
                    table = name
                }
                record(table, number)
                // An implicit parent ([simulation] via [simulation.chip]) points at its first child.
                var parent = name
                while let dot = parent.lastIndex(of: ".") {
                    parent = String(parent[..<dot])
                    record(parent, number)
                }
                continue
            }
            guard let (key, valueStart) = Self.keyBeforeEquals(chars, from: i) else { continue }
            record(table.isEmpty ? key : "\(table).\(key)", number)
            state.scan(chars, from: valueStart)
        }
    }

    private mutating func record(_ path: String, _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    /// Line where `path` itself is written, if it is.
    public func exactLine(of path: String) -> Int? { lines[path] }

    /// Line of `path`, or of the nearest enclosing key or table that exists
    /// (a missing key points at its table header).
    public func line(of path: String) -> Int? {
        var p = Substring(path)
        while !p.isEmpty {
            if let l = lines[String(p)] { return l }
            if p.hasSuffix("]"), let open = p.lastIndex(of: "[") {
                p = p[..<open]
            } else if let dot = p.lastIndex(of: ".") {
                p = p[..<dot]
            } else {
                return nil
            }
        }
        return nil
    }

    /// `[ a . "b" ]` → `a.b`.
    static func headerName(_ c: [UInt8], from start: Int) -> String {
        var out = [UInt8]()
        var i = start
        while i < c.count, c[i] != UInt8(ascii: "]") {
            let ch = c[i]
            if ch != UInt8(ascii: " "), ch != UInt8(ascii: "\t"), ch != UInt8(ascii: "\""), ch != UInt8(ascii: "'") {
                out.append(ch)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The normalised key left of `=` and where the value starts, or nil for a non-key line.
    static func keyBeforeEquals(_ c: [UInt8], from start: Int) -> (String, Int)? {
        var out = [UInt8]()
        var i = start
        var quote: UInt8? = nil
        while i < c.count {
            let ch = c[i]
            if let q = quote {
                if ch == q { quote = nil } else { out.append(ch) }
            } else if ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'") {
                quote = ch
            } else if ch == UInt8(ascii: "=") {
                return out.isEmpty ? nil : (String(decoding: out, as: UTF8.self), i + 1)
            } else if ch == UInt8(ascii: "#") {
                return nil
            } else if ch != UInt8(ascii: " "), ch != UInt8(ascii: "\t") {
                out.append(ch)
            }
            i += 1
        }
        return nil
    }
}

/// Tracks what spans lines in a TOML value: open brackets and multi-line strings.
private struct ScanState {
    var depth = 0
    var multiline: UInt8? = nil   // the quote character of an open """ or ''' string

    var isContinuing: Bool { depth > 0 || multiline != nil }

    mutating func scan(_ c: [UInt8], from start: Int) {
        var i = start
        while i < c.count {
            if let q = multiline {
                if i + 2 < c.count, c[i] == q, c[i + 1] == q, c[i + 2] == q {
                    multiline = nil
                    i += 3
                    continue
                }
                if q == UInt8(ascii: "\""), c[i] == UInt8(ascii: "\\") { i += 1 }
                i += 1
                continue
            }
            let ch = c[i]
            switch ch {
            case UInt8(ascii: "#"):
                return
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if i + 2 < c.count, c[i + 1] == ch, c[i + 2] == ch {
                    multiline = ch
                    i += 3
                    continue
                }
                i += 1
                while i < c.count, c[i] != ch {
                    if ch == UInt8(ascii: "\""), c[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
            i += 1
        }
    }
}
