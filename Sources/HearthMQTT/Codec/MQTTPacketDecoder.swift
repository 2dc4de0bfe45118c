import NIOCore

/// Cuts a byte stream into whole packets. It looks at the remaining length as soon as it
/// has arrived, so a peer announcing a packet over `maxPacketSize` is refused before
/// anything is buffered for it.
public struct MQTTPacketDecoder: Sendable {
    /// Home Assistant discovery payloads are a few kB; 256 kB leaves room and bounds memory.
    public static let defaultMaxPacketSize = 256 * 1024

    public let maxPacketSize: Int

    public init(maxPacketSize: Int = Self.defaultMaxPacketSize) {
        self.maxPacketSize = maxPacketSize
    }

    /// The next whole packet, removed from `buffer`; nil when more bytes are needed.
    /// After an error the stream is unusable (MQTT has no resynchronisation): close it.
    public func next(from buffer: inout ByteBuffer) throws(MQTTCodecError) -> MQTTPacket? {
        let view = buffer.readableBytesView
        guard let first = view.first else { return nil }
        let name = try MQTTPacket.packetType(first).description
        let length: Int
        let lengthBytes: Int
        switch try RemainingLength.decode(view.dropFirst(), packet: name) {
        case .needMoreBytes: return nil
        case .value(let value, let count):
            length = value
            lengthBytes = count
        }
        let total = 1 + lengthBytes + length
        if total > maxPacketSize {
            throw MQTTCodecError(packet: name, field: "remaining length", offset: 1,
                                 problem: "a \(total)-byte packet is over the limit of \(maxPacketSize) bytes")
        }
        guard let bytes = buffer.readBytes(length: total) else { return nil }
        return try MQTTPacket.decode(bytes)
    }
}
