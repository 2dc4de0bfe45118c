import HearthSupport

/// Reads the firmware's plain-text form: records split by `|`, fields by `,`,
/// `key=value`, with `\` escaping `|`, `,`, `=` and `\` in the values the firmware
/// escapes:
///
///     STATUS=S,When=1742265580,Code=22,Msg=CGMiner versions,Description=cgminer 4.11.1|VERSION,CGMiner=4.11.1,…|
///
/// A record that starts with a bare word (`VERSION,…`) names its section; others are
/// named by their first key (`POOL=0,…` → POOLS, `STATS=0,…` → STATS). Joined
/// replies are introduced by `CMD=name|`.
///
/// Quirk: the firmware does not escape the estats string, whose `SYSTEMSTATU[Work: In
/// Work, Hash Board: 1]` holds a comma. Commas inside `[…]` therefore do not split,
/// and a field without `=` continues the field before it.
enum PlainReplyParser {
    static func parse(_ bytes: [UInt8]) throws(CGMinerCodecError) -> [CGMinerResponse.Part] {
        let range = try ReplyNormalizer.trimmed(bytes)
        if let bad = firstInvalidUTF8(bytes, in: range) {
            throw .garbage(offset: bad, reason: "not UTF-8 text")
        }
        var parts: [PartBuilder] = []
        for record in split(bytes, range: range, at: UInt8(ascii: "|"), bracketAware: false) where !record.isEmpty {
            let items = try fields(bytes, in: record)
            guard let first = items.first else { continue }
            if first.key == "CMD", let command = first.value {
                parts.append(PartBuilder(command: command, offset: record.lowerBound))
                continue
            }
            if parts.isEmpty || parts[parts.count - 1].status != nil && first.key == "STATUS" {
                parts.append(PartBuilder(command: nil, offset: record.lowerBound))
            }
            try parts[parts.count - 1].add(items, at: record.lowerBound)
        }
        guard !parts.isEmpty else { throw .emptyReply }
        var out: [CGMinerResponse.Part] = []
        for part in parts { out.append(try part.build()) }
        return out
    }

    struct Field {
        var key: String
        /// nil for a bare word: a section header, or the tail of a value cut at a comma.
        var value: String?
    }

    struct PartBuilder {
        var command: String?
        var offset: Int
        var status: CGMinerStatus?
        var sections: [CGMinerSection] = []

        init(command: String?, offset: Int) {
            self.command = command
            self.offset = offset
        }

        mutating func add(_ items: [Field], at offset: Int) throws(CGMinerCodecError) {
            if status == nil {
                guard items[0].key == "STATUS" else {
                    throw .garbage(offset: offset, reason: "expected a STATUS=… record, found '\(items[0].key)'")
                }
                status = try CGMinerStatus(record: try record(items, at: offset), path: "STATUS[0]")
                return
            }
            var items = items
            let name: String
            if items[0].value == nil {
                name = items.removeFirst().key
            } else {
                name = PlainReplyParser.sectionName(firstKey: items[0].key)
            }
            let fields = try record(items, at: offset)
            if let last = sections.indices.last, sections[last].name == name {
                sections[last].records.append(fields)
            } else {
                sections.append(CGMinerSection(name: name, records: [fields]))
            }
        }

        func record(_ items: [Field], at offset: Int) throws(CGMinerCodecError) -> JSONObject {
            var pairs: [(String, String)] = []
            for item in items {
                if let value = item.value {
                    pairs.append((item.key, value))
                } else if !pairs.isEmpty {
                    pairs[pairs.count - 1].1 += "," + item.key
                } else {
                    throw .garbage(offset: offset, reason: "field '\(item.key)' has no '='")
                }
            }
            return JSONObject(pairs.map { ($0.0, JSONValue.string($0.1)) })
        }

        func build() throws(CGMinerCodecError) -> CGMinerResponse.Part {
            guard let status else { throw .garbage(offset: offset, reason: "reply without a STATUS record") }
            return CGMinerResponse.Part(command: command, reply: CGMinerReply(status: status, sections: sections, id: nil))
        }
    }

    /// The section a header-less record belongs to, named by its first key.
    static func sectionName(firstKey: String) -> String {
        switch firstKey {
        case "POOL": "POOLS"
        case "ASC", "PGA": "DEVS"
        default: firstKey
        }
    }

    /// Ranges between unescaped separators; with `bracketAware`, separators inside `[…]` do not count.
    static func split(_ bytes: [UInt8], range: Range<Int>, at separator: UInt8, bracketAware: Bool) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        var i = range.lowerBound
        var depth = 0
        while i < range.upperBound {
            let c = bytes[i]
            if c == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if bracketAware {
                if c == UInt8(ascii: "[") { depth += 1 }
                if c == UInt8(ascii: "]"), depth > 0 { depth -= 1 }
            }
            if c == separator, depth == 0 {
                pieces.append(start..<i)
                start = i + 1
            }
            i += 1
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }

    static func fields(_ bytes: [UInt8], in record: Range<Int>) throws(CGMinerCodecError) -> [Field] {
        var out: [Field] = []
        for piece in split(bytes, range: record, at: UInt8(ascii: ","), bracketAware: true) {
            if let eq = firstUnescaped(UInt8(ascii: "="), in: bytes, piece) {
                out.append(Field(key: unescape(bytes, piece.lowerBound..<eq), value: unescape(bytes, (eq + 1)..<piece.upperBound)))
            } else {
                out.append(Field(key: unescape(bytes, piece), value: nil))
            }
        }
        if out.first?.key.isEmpty == true, out.first?.value == nil, out.count == 1 { return [] }
        return out
    }

    static func firstUnescaped(_ c: UInt8, in bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if bytes[i] == c { return i }
            i += 1
        }
        return nil
    }

    static func unescape(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < range.upperBound {
                out.append(bytes[i + 1])
                i += 2
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The offset of the first byte that does not start or continue valid UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8], in range: Range<Int>) -> Int? {
        var i = range.lowerBound
        while i < range.upperBound {
            let c = bytes[i]
            let length: Int
            switch c {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= range.upperBound else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
