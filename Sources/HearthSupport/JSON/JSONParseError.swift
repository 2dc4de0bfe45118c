/// Why a text is not JSON: the byte where reading stopped and what was wrong there.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Offset from the first byte of the input, counting from 0.
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "malformed JSON at byte \(offset): \(reason)" }
}
