import HearthWork

/// Hex fields as Stratum writes them, with errors naming the field.
public enum StratumHex {
    public static func bytes(_ text: String, field: String, count: Int? = nil) throws(StratumCodecError) -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try [UInt8](hex: text) } catch {
            throw .invalidValue(field: field, reason: error.reason)
        }
        if let count, bytes.count != count {
            throw .invalidValue(field: field, reason: "expected \(count) bytes, got \(bytes.count)")
        }
        return bytes
    }

    /// Exactly 8 hex characters, read as a big-endian 32-bit number.
    public static func word(_ text: String, field: String) throws(StratumCodecError) -> UInt32 {
        guard text.utf8.count == 8 else {
            throw .invalidValue(field: field, reason: "expected 8 hex characters, got \(text.utf8.count)")
        }
        let b = try bytes(text, field: field)
        return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }

    /// 8 lower-case hex characters, big-endian.
    public static func word(_ value: UInt32) -> String {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
         UInt8(truncatingIfNeeded: value)].hex
    }
}
