import NIOCore

/// One MQTT 3.1.1 control packet, as the client sends and receives them. The QoS 2
/// flow (PUBREC, PUBREL, PUBCOMP) is not supported: the client never asks for QoS 2.
public enum MQTTPacket: Sendable, Hashable {
    case connect(MQTTConnect)
    case connack(MQTTConnAck)
    case publish(MQTTPublish)
    case puback(packetID: UInt16)
    case subscribe(MQTTSubscribe)
    case suback(MQTTSubAck)
    case unsubscribe(MQTTUnsubscribe)
    case unsuback(packetID: UInt16)
    case pingreq
    case pingresp
    case disconnect

    public var type: MQTTPacketType {
        switch self {
        case .connect: .connect
        case .connack: .connack
        case .publish: .publish
        case .puback: .puback
        case .subscribe: .subscribe
        case .suback: .suback
        case .unsubscribe: .unsubscribe
        case .unsuback: .unsuback
        case .pingreq: .pingreq
        case .pingresp: .pingresp
        case .disconnect: .disconnect
        }
    }

    // MARK: encoding

    /// The whole packet: fixed header, variable header and payload.
    public func encoded() throws(MQTTCodecError) -> [UInt8] {
        var flags = type.requiredFlags ?? 0
        let body: [UInt8]
        switch self {
        case .connect(let p): body = try p.encodeBody()
        case .connack(let p): body = p.encodeBody()
        case .publish(let p):
            flags = p.flags
            body = try p.encodeBody()
        case .puback(let id), .unsuback(let id):
            try checkPacketID(id, packet: type.description)
            body = [UInt8(id >> 8), UInt8(id & 0xFF)]
        case .subscribe(let p): body = try p.encodeBody()
        case .suback(let p): body = try p.encodeBody()
        case .unsubscribe(let p): body = try p.encodeBody()
        case .pingreq, .pingresp, .disconnect: body = []
        }
        guard let length = RemainingLength.encode(body.count) else {
            throw MQTTCodecError(packet: type.description, field: "remaining length", offset: 1,
                                 problem: "\(body.count) bytes, more than MQTT's limit of \(RemainingLength.maximum)")
        }
        return [type.rawValue << 4 | flags] + length + body
    }

    public func encode(into buffer: inout ByteBuffer) throws(MQTTCodecError) {
        buffer.writeBytes(try encoded())
    }

    // MARK: decoding

    /// Decodes one whole packet (exactly its bytes: fixed header, remaining length, body).
    public static func decode(_ bytes: [UInt8]) throws(MQTTCodecError) -> MQTTPacket {
        guard let first = bytes.first else {
            throw MQTTCodecError(packet: "packet", field: "fixed header", offset: 0, problem: "no bytes")
        }
        let type = try packetType(first)
        let name = type.description
        let flags = first & 0x0F
        let length: Int
        let lengthBytes: Int
        switch try RemainingLength.decode(bytes.dropFirst(), packet: name) {
        case .value(let value, let count):
            length = value
            lengthBytes = count
        case .needMoreBytes:
            throw MQTTCodecError(packet: name, field: "remaining length", offset: bytes.count, problem: "cut short")
        }
        let bodyStart = 1 + lengthBytes
        guard bytes.count == bodyStart + length else {
            throw MQTTCodecError(packet: name, field: "remaining length", offset: 1,
                                 problem: "says \(length) bytes follow, \(bytes.count - bodyStart) do")
        }
        var r = MQTTWireReader(packet: name, bytes: bytes, bodyStart: bodyStart)
        let packet: MQTTPacket
        switch type {
        case .connect: packet = .connect(try MQTTConnect.decode(&r))
        case .connack: packet = .connack(try MQTTConnAck.decode(&r))
        case .publish: packet = .publish(try MQTTPublish.decode(&r, flags: flags))
        case .puback: packet = .puback(packetID: try decodePacketID(&r))
        case .subscribe: packet = .subscribe(try MQTTSubscribe.decode(&r))
        case .suback: packet = .suback(try MQTTSubAck.decode(&r))
        case .unsubscribe: packet = .unsubscribe(try MQTTUnsubscribe.decode(&r))
        case .unsuback: packet = .unsuback(packetID: try decodePacketID(&r))
        case .pingreq: packet = .pingreq
        case .pingresp: packet = .pingresp
        case .disconnect: packet = .disconnect
        case .pubrec, .pubrel, .pubcomp:
            throw MQTTCodecError(packet: name, field: "packet type", offset: 0,
                                 problem: "QoS 2 flows are not supported (this client never subscribes or publishes with QoS 2)")
        }
        if !r.isAtEnd {
            throw r.error("remaining length", "\(r.remaining) unexpected bytes after the last field")
        }
        return packet
    }
}

extension MQTTPacket {
    /// The type in a packet's first byte, checked with its flags: enough to refuse garbage
    /// before waiting for the length it seems to announce.
    static func packetType(_ first: UInt8) throws(MQTTCodecError) -> MQTTPacketType {
        guard let type = MQTTPacketType(rawValue: first >> 4) else {
            throw MQTTCodecError(packet: "packet", field: "packet type", offset: 0,
                                 problem: "\(first >> 4) is reserved (first byte 0x\(hex(first)))")
        }
        let flags = first & 0x0F
        if let required = type.requiredFlags, flags != required {
            throw MQTTCodecError(packet: type.description, field: "fixed header flags", offset: 0,
                                 problem: "0x\(hex(flags)), \(type) requires 0x\(hex(required))")
        }
        return type
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
