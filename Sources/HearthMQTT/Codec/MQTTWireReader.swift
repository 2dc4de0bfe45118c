/// Reads the fields of one whole packet, keeping the byte offset of each for errors.
/// `bytes` is the entire packet (fixed header included), so an index is an offset.
struct MQTTWireReader {
    let bytes: [UInt8]
    let packet: String
    private(set) var index: Int

    init(packet: String, bytes: [UInt8], bodyStart: Int) {
        self.packet = packet
        self.bytes = bytes
        self.index = bodyStart
    }

    var remaining: Int { bytes.count - index }
    var isAtEnd: Bool { index >= bytes.count }

    func error(_ field: String, at offset: Int? = nil, _ problem: String) -> MQTTCodecError {
        MQTTCodecError(packet: packet, field: field, offset: offset ?? index, problem: problem)
    }

    mutating func uint8(_ field: String) throws(MQTTCodecError) -> UInt8 {
        guard remaining >= 1 else { throw error(field, "missing (the packet ends here)") }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func uint16(_ field: String) throws(MQTTCodecError) -> UInt16 {
        guard remaining >= 2 else { throw error(field, "needs 2 bytes, \(remaining) left in the packet") }
        defer { index += 2 }
        return UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
    }

    /// A 2-byte length and that many bytes (§1.5.3 without the UTF-8 rules: passwords, will payloads).
    mutating func binary(_ field: String) throws(MQTTCodecError) -> [UInt8] {
        let start = index
        let length = Int(try uint16("\(field) length"))
        guard remaining >= length else {
            throw error(field, at: start, "length \(length) but only \(remaining) bytes left in the packet")
        }
        defer { index += length }
        return Array(bytes[index..<index + length])
    }

    /// A length-prefixed UTF-8 string; an invalid sequence or U+0000 is an error at its byte.
    mutating func string(_ field: String) throws(MQTTCodecError) -> String {
        let start = index + 2
        let raw = try binary(field)
        if let violation = MQTTUTF8.firstViolation(in: raw) {
            throw error(field, at: start + violation.index, violation.problem)
        }
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func rest() -> [UInt8] {
        defer { index = bytes.count }
        return Array(bytes[index...])
    }
}

/// Builds one packet's variable header and payload; `MQTTPacket.encode` adds the fixed header.
struct MQTTWireWriter {
    let packet: String
    private(set) var bytes: [UInt8] = []

    init(packet: String) { self.packet = packet }

    mutating func uint8(_ value: UInt8) { bytes.append(value) }

    mutating func uint16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func binary(_ value: some Collection<UInt8>, field: String) throws(MQTTCodecError) {
        guard value.count <= Int(UInt16.max) else {
            throw MQTTCodecError(packet: packet, field: field, offset: bytes.count,
                                 problem: "\(value.count) bytes, at most 65535 fit its length prefix")
        }
        uint16(UInt16(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ value: String, field: String) throws(MQTTCodecError) {
        let utf8 = Array(value.utf8)
        if let violation = MQTTUTF8.firstViolation(in: utf8) {
            throw MQTTCodecError(packet: packet, field: field, offset: bytes.count + 2 + violation.index,
                                 problem: violation.problem)
        }
        try binary(utf8, field: field)
    }

    mutating func raw(_ value: some Collection<UInt8>) { bytes.append(contentsOf: value) }
}
