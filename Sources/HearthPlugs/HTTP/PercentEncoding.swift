/// Percent-encoding for URL parts (RFC 3986): query values on the way out, user names
/// and passwords in plug specs on the way in.
enum PercentEncoding {
    /// Every byte but the unreserved ones (`A–Z a–z 0–9 - . _ ~`) as `%XX`: a space is
    /// `%20`, a `+` is `%2B` (devices that read `+` as a space get what was meant).
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return out
    }

    /// `%XX` sequences back to bytes, read as UTF-8; a failure names the offset of the
    /// first bad sequence (a `%` not followed by two hex digits) or says the bytes are not UTF-8.
    static func decode(_ text: String) -> Result<String, DecodeError> {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let hi = nibble(bytes[i + 1]), let lo = nibble(bytes[i + 2]) else {
                    return .failure(DecodeError(offset: i, reason: "'%' must be followed by two hex digits"))
                }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        guard let decoded = String(validating: out, as: UTF8.self) else {
            return .failure(DecodeError(offset: 0, reason: "the decoded bytes are not UTF-8"))
        }
        return .success(decoded)
    }

    struct DecodeError: Error, Sendable, Hashable {
        var offset: Int
        var reason: String
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
