/// One malformed or unencodable packet: which packet, which field, at which byte of the
/// packet (0 = the fixed header's first byte), and what is wrong with it. A peer that
/// sends one is broken; the connection closes with this as the reason.
public struct MQTTCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The packet's name ("PUBLISH"), or "packet" when its type isn't known yet.
    public var packet: String
    public var field: String
    /// Byte offset from the start of the packet (for a packet being encoded, from the start
    /// of its variable header: the fixed header's length isn't known yet).
    public var offset: Int
    public var problem: String

    public init(packet: String, field: String, offset: Int, problem: String) {
        self.packet = packet
        self.field = field
        self.offset = offset
        self.problem = problem
    }

    public var description: String { "malformed \(packet): \(field) at byte \(offset): \(problem)" }
}
