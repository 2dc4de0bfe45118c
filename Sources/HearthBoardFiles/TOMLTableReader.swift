import HearthCore
import HearthHAL
import TOMLKit

/// Where errors go: the file name and the key locator for line numbers.
struct BoardFileContext {
    let file: String
    let locator: TOMLKeyLocator

    func error(_ kind: BoardFileError.Kind, _ key: String, _ message: String) -> BoardFileError {
        BoardFileError(kind, file: file, line: locator.line(of: key), key: key, message: message)
    }
}

/// A bound a number must respect; the text goes into the error message.
enum NumberBound {
    case any, positive, nonNegative, unitInterval, positiveFraction

    func admits(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        switch self {
        case .any: return true
        case .positive: return x > 0
        case .nonNegative: return x >= 0
        case .unitInterval: return (0...1).contains(x)
        case .positiveFraction: return x > 0 && x <= 1
        }
    }

    var text: String {
        switch self {
        case .any: "finite"
        case .positive: "> 0"
        case .nonNegative: "≥ 0"
        case .unitInterval: "in 0…1"
        case .positiveFraction: "in (0, 1] (0 < x ≤ 1)"
        }
    }
}

/// Typed, located access to one TOML table. Every accessor marks the key as
/// known so `rejectUnknownKeys` can report typos with a suggestion.
struct TOMLTableReader {
    let table: TOMLTable
    /// Dotted path of this table ("" for the root, "operating_point[1]").
    let path: String
    let context: BoardFileContext

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func fail(_ kind: BoardFileError.Kind, _ key: String, _ message: String) -> BoardFileError {
        context.error(kind, keyPath(key), message)
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    private func required(_ key: String, expected: String) throws(BoardFileError) -> any TOMLValueConvertible {
        guard let v = table[key] else { throw fail(.missingKey, key, "missing required key; expected \(expected)") }
        return v
    }

    private func wrongType(_ key: String, expected: String, found v: any TOMLValueConvertible) -> BoardFileError {
        fail(.wrongType, key, "expected \(expected), found \(Self.describe(v))")
    }

    func string(_ key: String) throws(BoardFileError) -> String {
        let v = try required(key, expected: "a string")
        guard let s = v.string else { throw wrongType(key, expected: "a string", found: v) }
        return s
    }

    func optionalString(_ key: String) throws(BoardFileError) -> String? {
        has(key) ? try string(key) : nil
    }

    /// A number (an integer is accepted where a float is expected) within `bound`.
    func number(_ key: String, _ bound: NumberBound = .any) throws(BoardFileError) -> Double {
        let v = try required(key, expected: "a number")
        let x: Double
        if let d = v.double { x = d } else if let i = v.int { x = Double(i) } else {
            throw wrongType(key, expected: "a number", found: v)
        }
        guard bound.admits(x) else { throw fail(.outOfRange, key, "must be \(bound.text), found \(Self.format(x))") }
        return x
    }

    func integer(_ key: String, in range: ClosedRange<Int>? = nil, rangeText: String? = nil) throws(BoardFileError) -> Int {
        let v = try required(key, expected: "an integer")
        guard let i = v.int else { throw wrongType(key, expected: "an integer", found: v) }
        if let range, !range.contains(i) {
            throw fail(.outOfRange, key, "must be \(rangeText ?? "in \(range.lowerBound)…\(range.upperBound)"), found \(i)")
        }
        return i
    }

    func optionalBool(_ key: String) throws(BoardFileError) -> Bool? {
        guard let v = table[key] else { return nil }
        guard let b = v.bool else { throw wrongType(key, expected: "a boolean", found: v) }
        return b
    }

    func stringArray(_ key: String, nonEmpty: Bool) throws(BoardFileError) -> [String] {
        let v = try required(key, expected: "an array of strings")
        guard let array = v.array else { throw wrongType(key, expected: "an array of strings", found: v) }
        var out: [String] = []
        for (i, element) in array.enumerated() {
            guard let s = element.string else {
                throw context.error(.wrongType, "\(keyPath(key))[\(i)]", "expected a string, found \(Self.describe(element))")
            }
            out.append(s)
        }
        if nonEmpty && out.isEmpty { throw fail(.outOfRange, key, "must not be empty") }
        return out
    }

    func table(_ key: String) throws(BoardFileError) -> TOMLTableReader {
        let v = try required(key, expected: "a table [\(keyPath(key))]")
        guard let t = v.table else { throw wrongType(key, expected: "a table", found: v) }
        return TOMLTableReader(table: t, path: keyPath(key), context: context)
    }

    func optionalTable(_ key: String) throws(BoardFileError) -> TOMLTableReader? {
        has(key) ? try table(key) : nil
    }

    /// The entries of `[[key]]`, or an empty list when absent.
    func tableArray(_ key: String) throws(BoardFileError) -> [TOMLTableReader] {
        guard let v = table[key] else { return [] }
        guard let array = v.array else { throw wrongType(key, expected: "an array of tables [[\(keyPath(key))]]", found: v) }
        var out: [TOMLTableReader] = []
        for (i, element) in array.enumerated() {
            guard let t = element.table else {
                throw context.error(.wrongType, "\(keyPath(key))[\(i)]", "expected a table, found \(Self.describe(element))")
            }
            out.append(TOMLTableReader(table: t, path: "\(keyPath(key))[\(i)]", context: context))
        }
        return out
    }

    /// Unknown keys are errors: a typo must not fall back to a default. The
    /// first one in file order is reported, with the closest known key.
    func rejectUnknownKeys(_ allowed: [String]) throws(BoardFileError) {
        let unknown = table.keys.filter { !allowed.contains($0) }
        guard !unknown.isEmpty else { return }
        let first = unknown.min { (context.locator.exactLine(of: keyPath($0)) ?? .max) < (context.locator.exactLine(of: keyPath($1)) ?? .max) } ?? unknown[0]
        var message = "unknown key \"\(first)\""
        if let guess = closestKey(to: first, in: allowed) {
            message += "; did you mean \"\(guess)\"?"
        } else {
            message += "; allowed: \(allowed.joined(separator: ", "))"
        }
        throw fail(.unknownKey, first, message)
    }

    static func describe(_ v: any TOMLValueConvertible) -> String {
        if let s = v.string { return "string \"\(s)\"" }
        if let i = v.int { return "integer \(i)" }
        if let d = v.double { return "number \(format(d))" }
        if let b = v.bool { return "boolean \(b)" }
        switch v.type {
        case .table: return "a table"
        case .array: return "an array"
        default: return v.type.description
        }
    }

    static func format(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}

/// The allowed key nearest to `key` by edit distance, if it is plausibly a typo of it.
func closestKey(to key: String, in allowed: [String]) -> String? {
    var best: (String, Int)? = nil
    for candidate in allowed {
        let d = editDistance(key, candidate)
        if d < (best?.1 ?? .max) { best = (candidate, d) }
    }
    guard let (name, distance) = best, distance <= max(2, key.count / 3) else { return nil }
    return name
}

/// Levenshtein distance, two-row version (keys are short).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
