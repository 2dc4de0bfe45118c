import HearthMQTT
import Testing

/// Every malformed packet gives one error naming the packet, the field and the byte.
@Suite struct PacketDecodingErrorTests {
    private func error(_ bytes: [UInt8]) -> MQTTCodecError? {
        do {
            _ = try MQTTPacket.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    private func expectError(_ bytes: [UInt8], packet: String, field: String, offset: Int,
                             sourceLocation: SourceLocation = #_sourceLocation)
    {
        let e = error(bytes)
        #expect(e?.packet == packet, sourceLocation: sourceLocation)
        #expect(e?.field == field, sourceLocation: sourceLocation)
        #expect(e?.offset == offset, "\(String(describing: e))", sourceLocation: sourceLocation)
    }

    @Test func reservedPacketTypes() {
        expectError([0x00, 0x00], packet: "packet", field: "packet type", offset: 0)
        expectError([0xF0, 0x00], packet: "packet", field: "packet type", offset: 0)
        #expect(error([0xF0, 0x00])?.description == "malformed packet: packet type at byte 0: 15 is reserved (first byte 0xF0)")
    }

    @Test func wrongFixedHeaderFlags() {
        expectError([0xC1, 0x00], packet: "PINGREQ", field: "fixed header flags", offset: 0)
        expectError([0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00], packet: "SUBSCRIBE", field: "fixed header flags", offset: 0)
        expectError([0x36, 0x03, 0x00, 0x01, 0x61], packet: "PUBLISH", field: "fixed header flags", offset: 0)  // QoS 3
        expectError([0x38, 0x03, 0x00, 0x01, 0x61], packet: "PUBLISH", field: "fixed header flags", offset: 0)  // DUP on QoS 0
    }

    @Test func lengthThatDisagreesWithTheBytes() {
        expectError([0xD0, 0x01, 0x00], packet: "PINGRESP", field: "remaining length", offset: 2)
        expectError([0x40, 0x03, 0x00, 0x01], packet: "PUBACK", field: "remaining length", offset: 1)
        expectError([0x40, 0x01, 0x00], packet: "PUBACK", field: "packet identifier", offset: 2)
    }

    @Test func connackReservedBitsAndShortBody() {
        expectError([0x20, 0x02, 0x02, 0x00], packet: "CONNACK", field: "acknowledge flags", offset: 2)
        expectError([0x20, 0x01, 0x00], packet: "CONNACK", field: "return code", offset: 3)
        expectError([0x20, 0x02, 0x01, 0x05], packet: "CONNACK", field: "acknowledge flags", offset: 2)
    }

    @Test func publishTopicProblemsAtTheirByte() {
        // Topic "a+" has a wildcard; reported at the topic's first byte (after its length).
        expectError([0x30, 0x04, 0x00, 0x02, 0x61, 0x2B], packet: "PUBLISH", field: "topic name", offset: 4)
        // Invalid UTF-8: 0xC0 0x80 is an overlong U+0000; the bad continuation is at byte 5.
        expectError([0x30, 0x04, 0x00, 0x02, 0xC0, 0x80], packet: "PUBLISH", field: "topic name", offset: 4)
        // A literal U+0000 in the second byte of the topic.
        expectError([0x30, 0x04, 0x00, 0x02, 0x61, 0x00], packet: "PUBLISH", field: "topic name", offset: 5)
        // An encoded surrogate (U+D800): ED A0 80, the A0 breaks the rule.
        expectError([0x30, 0x05, 0x00, 0x03, 0xED, 0xA0, 0x80], packet: "PUBLISH", field: "topic name", offset: 5)
        // Topic length beyond the packet.
        expectError([0x30, 0x03, 0x00, 0x09, 0x61], packet: "PUBLISH", field: "topic name", offset: 2)
        // Packet identifier 0 on QoS 1.
        expectError([0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00], packet: "PUBLISH", field: "packet identifier", offset: 5)
        // Empty topic.
        expectError([0x30, 0x02, 0x00, 0x00], packet: "PUBLISH", field: "topic name", offset: 4)
    }

    @Test func subackWithAnInvalidReturnCode() {
        expectError([0x90, 0x04, 0x00, 0x0A, 0x00, 0x03], packet: "SUBACK", field: "return code", offset: 5)
        expectError([0x90, 0x02, 0x00, 0x0A], packet: "SUBACK", field: "payload", offset: 4)
    }

    @Test func subscribeProblems() {
        // Filter "a#" puts '#' inside a level.
        expectError([0x82, 0x07, 0x00, 0x01, 0x00, 0x02, 0x61, 0x23, 0x00], packet: "SUBSCRIBE", field: "topic filter", offset: 6)
        // Requested QoS byte with reserved bits.
        expectError([0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x04], packet: "SUBSCRIBE", field: "requested QoS", offset: 7)
        // No filter at all.
        expectError([0x82, 0x02, 0x00, 0x01], packet: "SUBSCRIBE", field: "payload", offset: 4)
        // Packet identifier 0.
        expectError([0xA2, 0x05, 0x00, 0x00, 0x00, 0x01, 0x61], packet: "UNSUBSCRIBE", field: "packet identifier", offset: 2)
    }

    @Test func connectProblems() {
        let header: [UInt8] = [0x00, 0x04, 0x4D, 0x51, 0x54, 0x54]
        // Reserved flag bit.
        expectError([0x10, 0x0D] + header + [0x04, 0x03, 0x00, 0x3C, 0x00, 0x01, 0x61], packet: "CONNECT",
                    field: "connect flags", offset: 9)
        // MQTT 3.1's protocol level.
        expectError([0x10, 0x0D] + header + [0x03, 0x02, 0x00, 0x3C, 0x00, 0x01, 0x61], packet: "CONNECT",
                    field: "protocol level", offset: 8)
        // Password flag without user name.
        expectError([0x10, 0x0D] + header + [0x04, 0x42, 0x00, 0x3C, 0x00, 0x01, 0x61], packet: "CONNECT",
                    field: "connect flags", offset: 9)
        // "MQIsdp" (MQTT 3.1's name).
        expectError([0x10, 0x0F, 0x00, 0x06, 0x4D, 0x51, 0x49, 0x73, 0x64, 0x70, 0x03, 0x02, 0x00, 0x3C, 0x00, 0x01, 0x61],
                    packet: "CONNECT", field: "protocol name", offset: 2)
    }

    @Test func qos2FlowsAreRefusedByName() {
        expectError([0x50, 0x02, 0x00, 0x01], packet: "PUBREC", field: "packet type", offset: 0)
        #expect(error([0x50, 0x02, 0x00, 0x01])?.problem.contains("QoS 2") == true)
    }
}
