/// The Avalon firmware's telemetry string (`STATS[0]["MM ID0"]` of `estats`): a
/// run of `Key[value]` pairs separated by spaces, where a value may hold spaces,
/// commas and several numbers:
///
///     Ver[Nano3s-25021401_56abae7] … SYSTEMSTATU[Work: In Work, Hash Board: 1] … PS[0 0 27541 4 0 3756 133] …
///
/// Every pair is kept in order, known or not. Quirks real units show:
/// - newer firmware (Q) wraps the pairs: `'STATS':{Ver[Q-…] … }`, and `HBinfo` holds
///   `'HB0':{PVT_T0[…] …}`; the group name is kept with each pair;
/// - a list the firmware found empty loses its `[` (`MH]`): an empty value;
/// - a key with a space (`Nonce Mask[25]`).
public struct AvalonStatsLine: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: String
        /// The `'STATS':{…}` group the pair came in, if any.
        public var group: String?
    }

    public private(set) var entries: [Entry] = []
    private var firstIndex: [String: Int] = [:]
    /// Where the line came from, for errors: `STATS[0].MM ID0`.
    public let field: String

    public init(_ text: String, field: String = "STATS[0].MM ID0") throws(CGMinerCodecError) {
        self.field = field
        var scanner = Scanner(chars: Array(text), field: field)
        for entry in try scanner.entries() { append(entry) }
    }

    private mutating func append(_ entry: Entry) {
        if firstIndex[entry.key] == nil { firstIndex[entry.key] = entries.count }
        entries.append(entry)
    }

    public var keys: [String] { entries.map(\.key) }

    /// The raw text inside the brackets of the first pair named `key`.
    public subscript(key: String) -> String? {
        firstIndex[key].map { entries[$0].value }
    }

    public func contains(_ key: String) -> Bool { firstIndex[key] != nil }

    /// A number such as `65`, `6598.84`, `33%` or `2.374%` (the `%` is dropped).
    public func number(_ key: String) throws(CGMinerCodecError) -> Double? {
        guard let raw = self[key] else { return nil }
        var text = Substring(raw)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        if text.last == "%" { text.removeLast() }
        guard let value = Double(text), value.isFinite else {
            throw .invalidValue(field: "\(field) \(key)", reason: "'\(raw)' is not a number")
        }
        return value
    }

    public func integer(_ key: String) throws(CGMinerCodecError) -> Int? {
        guard let value = try number(key) else { return nil }
        guard value == value.rounded(), abs(value) < 1e15 else {
            throw .invalidValue(field: "\(field) \(key)", reason: "'\(self[key] ?? "")' is not a whole number")
        }
        return Int(value)
    }

    /// A list of numbers separated by spaces (`PS[0 0 27541 4 0 3756 133]`, `PVT_T0[ 85  91 …]`).
    public func numbers(_ key: String) throws(CGMinerCodecError) -> [Double]? {
        guard let raw = self[key] else { return nil }
        var out: [Double] = []
        for word in raw.split(separator: " ", omittingEmptySubsequences: true) {
            var text = word
            if text.last == "%" { text.removeLast() }
            guard let value = Double(text), value.isFinite else {
                throw .invalidValue(field: "\(field) \(key)", reason: "'\(word)' in '\(raw)' is not a number")
            }
            out.append(value)
        }
        return out
    }

    private struct Scanner {
        let chars: [Character]
        let field: String
        var i = 0
        var group: String?
        /// Bare words waiting for a bracket: `Nonce` of `Nonce Mask[25]`.
        var pending: [String] = []

        init(chars: [Character], field: String) {
            self.chars = chars
            self.field = field
        }

        mutating func entries() throws(CGMinerCodecError) -> [Entry] {
            var out: [Entry] = []
            while true {
                while i < chars.count, chars[i] == " " || chars[i] == "\n" || chars[i] == "\t" { i += 1 }
                guard i < chars.count else { break }
                if chars[i] == "'" {
                    try openGroup()
                    continue
                }
                if chars[i] == "}", group != nil {
                    group = nil
                    i += 1
                    continue
                }
                let start = i
                while i < chars.count, chars[i] != "[", chars[i] != " " { i += 1 }
                let word = String(chars[start..<i])
                if i < chars.count, chars[i] == "[" {
                    let keyStart = start
                    i += 1
                    let valueStart = i
                    var depth = 1
                    while i < chars.count {
                        if chars[i] == "[" { depth += 1 }
                        if chars[i] == "]" {
                            depth -= 1
                            if depth == 0 { break }
                        }
                        i += 1
                    }
                    guard i < chars.count else {
                        throw .invalidValue(field: field, reason: "the '[' of \(word) at character \(keyStart + word.count) is never closed")
                    }
                    let key = (pending + [word]).joined(separator: " ")
                    pending = []
                    out.append(Entry(key: key, value: String(chars[valueStart..<i]), group: group))
                    i += 1
                } else if word.hasSuffix("]"), word.count > 1 {
                    // `MH]`: the firmware overwrote the `[` of an empty list.
                    let key = (pending + [String(word.dropLast())]).joined(separator: " ")
                    pending = []
                    out.append(Entry(key: key, value: "", group: group))
                } else {
                    pending.append(word)
                }
            }
            if !pending.isEmpty {
                out.append(Entry(key: pending.joined(separator: " "), value: "", group: group))
            }
            return out
        }

        /// `'STATS':{` opens a group whose pairs follow until `}`.
        mutating func openGroup() throws(CGMinerCodecError) {
            let start = i
            i += 1
            while i < chars.count, chars[i] != "'" { i += 1 }
            let name = String(chars[(start + 1)..<min(i, chars.count)])
            guard i + 2 < chars.count, chars[i] == "'", chars[i + 1] == ":", chars[i + 2] == "{" else {
                throw .invalidValue(field: field, reason: "group '\(name)' at character \(start) is not followed by ':{'")
            }
            group = name
            i += 3
        }
    }
}
