/// One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1): a scheme and its
/// parameters, e.g. `Digest qop="auth", realm="shellyplus1-a8032ab1", nonce="6524…",
/// algorithm=SHA-256`. A header may hold several challenges, and a response several headers.
struct AuthChallenge: Sendable, Hashable {
    /// Lower-cased: `digest`, `basic`.
    var scheme: String
    /// Parameter names lower-cased, values unquoted.
    var parameters: [String: String]

    struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "unreadable WWW-Authenticate header at byte \(offset): \(reason)" }
    }

    /// Every challenge in one header value, in order.
    static func parse(_ header: String) throws(ParseError) -> [AuthChallenge] {
        var reader = Reader(Array(header.utf8))
        var challenges: [AuthChallenge] = []
        while true {
            reader.skip { $0 == .space || $0 == .tab || $0 == .comma }
            guard !reader.atEnd else { break }
            let start = reader.offset
            let token = reader.token()
            guard !token.isEmpty else { throw ParseError(offset: start, reason: "expected a scheme or parameter name") }
            reader.skip { $0 == .space || $0 == .tab }
            if reader.peek == .equals {
                reader.advance()
                reader.skip { $0 == .space || $0 == .tab }
                guard !challenges.isEmpty else {
                    throw ParseError(offset: start, reason: "parameter '\(token)' before any scheme")
                }
                let value = try reader.value()
                challenges[challenges.count - 1].parameters[token.lowercased()] = value
            } else {
                challenges.append(AuthChallenge(scheme: token.lowercased(), parameters: [:]))
            }
        }
        return challenges
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { offset >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[offset] }
        mutating func advance() { offset += 1 }

        mutating func skip(while matches: (UInt8) -> Bool) {
            while let b = peek, matches(b) { advance() }
        }

        /// RFC 9110 token characters (and `/`, `+`, `=` tails are not tokens: they end it).
        mutating func token() -> String {
            let start = offset
            while let b = peek, b > 0x20, b < 0x7F, ![.equals, .comma, .quote, .space].contains(b) { advance() }
            return String(decoding: bytes[start..<offset], as: UTF8.self)
        }

        /// A quoted string (with `\` escapes) or a bare token.
        mutating func value() throws(ParseError) -> String {
            guard peek == .quote else { return token() }
            let start = offset
            advance()
            var out: [UInt8] = []
            while let b = peek {
                advance()
                if b == .quote { return String(decoding: out, as: UTF8.self) }
                if b == .backslash {
                    guard let escaped = peek else { break }
                    out.append(escaped)
                    advance()
                } else {
                    out.append(b)
                }
            }
            throw ParseError(offset: start, reason: "quoted value never ends")
        }
    }
}

extension UInt8 {
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let equals = UInt8(ascii: "=")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let backslash = UInt8(ascii: "\\")
}
