/// Why a cgminer API request or reply could not be understood. Every case names
/// where: a byte offset in the reply as received, or a field path such as
/// `VERSION[0].PROD` or `STATS[0].MM ID0 PS`.
public enum CGMinerCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing but the terminator (or nothing at all) arrived.
    case emptyReply
    /// Bytes that are not a reply even after the known firmware quirks are forgiven;
    /// `offset` counts from the first byte the device sent.
    case garbage(offset: Int, reason: String)
    /// Valid text, but not shaped like a cgminer reply (no STATUS, a section that is not a list…).
    case unexpectedShape(path: String, reason: String)
    case missingField(String)
    case wrongType(field: String, expected: String, found: String)
    /// Right type, unusable value (a temperature that is not a number, a list cut short).
    case invalidValue(field: String, reason: String)
    /// An estats line without keys this model always reports.
    case missingKeys(field: String, keys: [String])

    public var description: String {
        switch self {
        case .emptyReply: "empty reply"
        case .garbage(let offset, let reason): "garbage at byte \(offset): \(reason)"
        case .unexpectedShape(let path, let reason): "not a cgminer reply at \(path): \(reason)"
        case .missingField(let field): "missing field \(field)"
        case .wrongType(let field, let expected, let found): "field \(field) should be \(expected), found \(found)"
        case .invalidValue(let field, let reason): "invalid \(field): \(reason)"
        case .missingKeys(let field, let keys): "\(field) lacks \(keys.joined(separator: ", "))"
        }
    }
}
