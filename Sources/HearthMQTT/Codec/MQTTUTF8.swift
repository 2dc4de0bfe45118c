/// UTF-8 as MQTT 3.1.1 §1.5.3 wants it: well-formed (no overlong forms, no surrogates,
/// nothing past U+10FFFF) and without U+0000. Hand-written so a bad string is reported
/// at its byte, which `String(decoding:)` would silently repair.
enum MQTTUTF8 {
    /// The index of the first byte that breaks the rules and why, or nil when all is well.
    static func firstViolation(in bytes: some Collection<UInt8>) -> (index: Int, problem: String)? {
        let bytes = Array(bytes)
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0x00: return (i, "U+0000 is not allowed in MQTT strings")
            case 0x01...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xED: length = 3; secondRange = 0x80...0x9F  // D800…DFFF are surrogates
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F  // nothing past U+10FFFF
            default: return (i, String(format: lead, "is not a valid UTF-8 lead byte"))
            }
            for k in 1..<length {
                guard i + k < bytes.count else { return (i, "UTF-8 sequence cut short by the end of the string") }
                let range = k == 1 ? secondRange : 0x80...0xBF
                if !range.contains(bytes[i + k]) {
                    return (i + k, String(format: bytes[i + k], "does not continue the UTF-8 sequence (overlong, surrogate or invalid)"))
                }
            }
            i += length
        }
        return nil
    }
}

extension String {
    /// "byte 0xC0 is …" without Foundation's String(format:).
    fileprivate init(format byte: UInt8, _ rest: String) {
        let hex = String(byte, radix: 16, uppercase: true)
        self = "byte 0x\(hex.count == 1 ? "0" + hex : hex) \(rest)"
    }
}
