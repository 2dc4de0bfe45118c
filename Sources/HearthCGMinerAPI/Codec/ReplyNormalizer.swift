/// Turns what the stock firmware sends into strict JSON text, forgiving exactly the
/// quirks real units show and nothing else:
/// - the `\0` terminator (and any whitespace around the reply);
/// - numbers printf wrote as `inf`, `-inf`, `nan` or `-nan` (a hashrate divided by
///   zero seconds of uptime) become `null`;
/// - stray commas: `[,{`, `,}`, `,]`, `,,`;
/// - `}{` with no comma between joined replies (bmminer-style firmware), and several
///   whole replies one after another, which become one JSON array;
/// - raw control characters inside strings (a newline in a pool URL), which become escapes.
///
/// The result goes to the project's strict `JSONParser`; this type never parses
/// JSON itself. It keeps, for every byte it writes, the offset of the byte it came
/// from, so a parse error names the offset in the reply as the device sent it.
public struct NormalizedReply: Sendable {
    public let bytes: [UInt8]
    private let sources: [Int]
    private let end: Int

    fileprivate init(bytes: [UInt8], sources: [Int], end: Int) {
        self.bytes = bytes
        self.sources = sources
        self.end = end
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The offset in the original reply of the byte at `offset` in the normalized text.
    public func sourceOffset(_ offset: Int) -> Int {
        offset >= 0 && offset < sources.count ? sources[offset] : end
    }
}

public enum ReplyNormalizer {
    /// The reply without its terminator: the range of meaningful bytes, or an error
    /// when a NUL sits inside it or nothing is left.
    static func trimmed(_ bytes: [UInt8]) throws(CGMinerCodecError) -> Range<Int> {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 || isWhitespace(bytes[end - 1]) { end -= 1 }
        var start = 0
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        guard start < end else { throw .emptyReply }
        if let nul = bytes[start..<end].firstIndex(of: 0) {
            throw .garbage(offset: nul, reason: "NUL byte inside the reply (the terminator comes only at the end)")
        }
        return start..<end
    }

    public static func normalize(_ bytes: [UInt8]) throws(CGMinerCodecError) -> NormalizedReply {
        let range = try trimmed(bytes)
        var writer = Writer(bytes: bytes, range: range)
        writer.run()
        return writer.finish()
    }

    static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    private struct Writer {
        let bytes: [UInt8]
        let range: Range<Int>
        var out: [UInt8] = []
        var sources: [Int] = []
        var inString = false
        var escaped = false
        var depth = 0
        var topLevelValues = 0
        /// The last byte written outside strings that is not whitespace.
        var lastSignificant: UInt8?

        init(bytes: [UInt8], range: Range<Int>) {
            self.bytes = bytes
            self.range = range
            out.reserveCapacity(range.count + 16)
            sources.reserveCapacity(range.count + 16)
        }

        mutating func emit(_ c: UInt8, from i: Int) {
            out.append(c)
            sources.append(i)
        }

        mutating func emit(_ s: String, from i: Int) {
            for c in s.utf8 { emit(c, from: i) }
        }

        func nextSignificant(after i: Int) -> UInt8? {
            var j = i + 1
            while j < range.upperBound, ReplyNormalizer.isWhitespace(bytes[j]) { j += 1 }
            return j < range.upperBound ? bytes[j] : nil
        }

        mutating func run() {
            var i = range.lowerBound
            while i < range.upperBound {
                let c = bytes[i]
                if inString {
                    copyInString(c, at: i)
                    i += 1
                    continue
                }
                switch c {
                case UInt8(ascii: "\""):
                    inString = true
                    emit(c, from: i)
                    lastSignificant = c
                case UInt8(ascii: ","):
                    let next = nextSignificant(after: i)
                    let closes = next == nil || next == UInt8(ascii: "}") || next == UInt8(ascii: "]")
                    let opens = lastSignificant.map { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: ",") } ?? false
                    if !closes && !opens {
                        emit(c, from: i)
                        lastSignificant = c
                    }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if depth == 0 { topLevelValues += 1 }
                    if lastSignificant == UInt8(ascii: "}") || lastSignificant == UInt8(ascii: "]") {
                        emit(UInt8(ascii: ","), from: i)  // `}{`: the missing comma between replies
                    }
                    emit(c, from: i)
                    lastSignificant = c
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    emit(c, from: i)
                    lastSignificant = c
                    depth -= 1
                case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "i"), UInt8(ascii: "I"),
                     UInt8(ascii: "n"), UInt8(ascii: "N"):
                    if let length = nonFiniteLength(at: i) {
                        emit("null", from: i)
                        lastSignificant = UInt8(ascii: "l")
                        i += length
                        continue
                    }
                    emit(c, from: i)
                    lastSignificant = c
                default:
                    emit(c, from: i)
                    if !ReplyNormalizer.isWhitespace(c) { lastSignificant = c }
                }
                i += 1
            }
        }

        mutating func copyInString(_ c: UInt8, at i: Int) {
            if escaped {
                escaped = false
                emit(c, from: i)
                return
            }
            switch c {
            case UInt8(ascii: "\\"):
                escaped = true
                emit(c, from: i)
            case UInt8(ascii: "\""):
                inString = false
                emit(c, from: i)
            case 0x0A: emit("\\n", from: i)
            case 0x0D: emit("\\r", from: i)
            case 0x09: emit("\\t", from: i)
            case 0..<0x20:
                let hex = String(c, radix: 16)
                emit("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, from: i)
            default:
                emit(c, from: i)
            }
        }

        /// The length of printf's spelling of a non-finite number starting at `i`
        /// (`inf`, `-nan`, `infinity`, `nan(0x8)`), or nil when the bytes there are anything else.
        func nonFiniteLength(at i: Int) -> Int? {
            var j = i
            if bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { j += 1 }
            var word: [UInt8] = []
            while j < range.upperBound, word.count < 9, isLetter(bytes[j]) {
                word.append(bytes[j] | 0x20)
                j += 1
            }
            guard ["inf", "infinity", "nan"].contains(String(decoding: word, as: UTF8.self)) else { return nil }
            if j < range.upperBound, isLetter(bytes[j]) || isDigit(bytes[j]) { return nil }
            // glibc may print a NaN's payload: nan(0x8000000000000)
            if word.count == 3, word[0] == UInt8(ascii: "n"), j < range.upperBound, bytes[j] == UInt8(ascii: "("),
               let close = bytes[j..<range.upperBound].prefix(40).firstIndex(of: UInt8(ascii: ")"))
            {
                j = close + 1
            }
            return j - i
        }

        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

        mutating func finish() -> NormalizedReply {
            if topLevelValues > 1 {
                // Several whole replies back to back: one array of them.
                out.insert(UInt8(ascii: "["), at: 0)
                sources.insert(range.lowerBound, at: 0)
                emit(UInt8(ascii: "]"), from: range.upperBound)
            }
            return NormalizedReply(bytes: out, sources: sources, end: range.upperBound)
        }
    }
}
