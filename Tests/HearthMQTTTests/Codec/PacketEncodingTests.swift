import HearthMQTT
import Testing

/// Byte-exact frames: the MQTT 3.1.1 specification's examples and frames computed by hand.
@Suite struct PacketEncodingTests {
    private func roundTrip(_ packet: MQTTPacket, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try packet.encoded() == bytes, sourceLocation: sourceLocation)
        #expect(try MQTTPacket.decode(bytes) == packet, sourceLocation: sourceLocation)
    }

    @Test func connectVariableHeaderMatchesTheSpecExample() throws {
        // §3.1.2.10, Figure 3.6: name "MQTT", level 4, flags 0xCE (user, password, will QoS 1,
        // will, clean session), keepalive 10 s.
        let connect = MQTTConnect(clientID: "c", cleanSession: true, keepAliveSeconds: 10, username: "u",
                                  password: Array("p".utf8), will: MQTTWill(topic: "w", payload: "x", qos: .atLeastOnce))
        let bytes = try MQTTPacket.connect(connect).encoded()
        #expect(Array(bytes[2..<12]) == [0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0xCE, 0x00, 0x0A])
        #expect(try MQTTPacket.decode(bytes) == .connect(connect))
    }

    @Test func minimalConnect() throws {
        // Client id "hearth", clean session, keepalive 60 s: 10 bytes of header + 2 + 6.
        try roundTrip(.connect(MQTTConnect(clientID: "hearth", keepAliveSeconds: 60)),
                      [0x10, 0x12, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3C,
                       0x00, 0x06, 0x68, 0x65, 0x61, 0x72, 0x74, 0x68])
    }

    @Test func connectWithRetainedWillAndCredentials() throws {
        let connect = MQTTConnect(clientID: "h", cleanSession: false, keepAliveSeconds: 0x0102, username: "ab",
                                  password: [0x00, 0xFF],
                                  will: MQTTWill(topic: "t/a", payload: "off", qos: .atLeastOnce, retain: true))
        // flags: user 0x80 | password 0x40 | will retain 0x20 | will QoS 1 0x08 | will 0x04 = 0xEC
        try roundTrip(.connect(connect),
                      [0x10, 0x1F, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0xEC, 0x01, 0x02,
                       0x00, 0x01, 0x68,
                       0x00, 0x03, 0x74, 0x2F, 0x61, 0x00, 0x03, 0x6F, 0x66, 0x66,
                       0x00, 0x02, 0x61, 0x62,
                       0x00, 0x02, 0x00, 0xFF])
    }

    @Test func connectWithoutUsernameCannotCarryAPassword() {
        #expect(throws: MQTTCodecError.self) {
            try MQTTPacket.connect(MQTTConnect(clientID: "h", password: [1])).encoded()
        }
    }

    @Test func connackReturnCodes() throws {
        try roundTrip(.connack(MQTTConnAck(returnCode: .accepted)), [0x20, 0x02, 0x00, 0x00])
        try roundTrip(.connack(MQTTConnAck(sessionPresent: true, returnCode: .accepted)), [0x20, 0x02, 0x01, 0x00])
        try roundTrip(.connack(MQTTConnAck(returnCode: .badUsernameOrPassword)), [0x20, 0x02, 0x00, 0x04])
        #expect(MQTTConnectReturnCode.badUsernameOrPassword.description == "bad user name or password (CONNACK code 4)")
        #expect(MQTTConnectReturnCode.notAuthorized.meaning == "not authorized")
        #expect(MQTTConnectReturnCode.identifierRejected.meaning == "client identifier rejected")
        #expect(MQTTConnectReturnCode.serverUnavailable.meaning == "MQTT service unavailable")
        #expect(MQTTConnectReturnCode.unacceptableProtocolVersion.meaning == "the broker does not speak MQTT 3.1.1")
        #expect(MQTTConnectReturnCode(rawValue: 9).description.contains("reserved"))
    }

    @Test func publishWithThePacketIdentifierOfTheSpecExample() throws {
        // §3.3.2.3, Figure 3.11: topic "a/b", packet identifier 10; payload "hi".
        try roundTrip(.publish(MQTTPublish(topic: "a/b", payload: Array("hi".utf8), qos: .atLeastOnce, packetID: 10)),
                      [0x32, 0x09, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x0A, 0x68, 0x69])
    }

    @Test func publishFlags() throws {
        try roundTrip(.publish(MQTTPublish(topic: "a", payload: [], retain: true)), [0x31, 0x03, 0x00, 0x01, 0x61])
        try roundTrip(.publish(MQTTPublish(topic: "a", payload: [7], qos: .atLeastOnce, retain: true, dup: true,
                                           packetID: 0xBEEF)),
                      [0x3B, 0x06, 0x00, 0x01, 0x61, 0xBE, 0xEF, 0x07])
    }

    @Test func publishPacketIdentifierFollowsQoS() {
        #expect(throws: MQTTCodecError.self) { try MQTTPacket.publish(MQTTPublish(topic: "a", payload: [], qos: .atLeastOnce)).encoded() }
        #expect(throws: MQTTCodecError.self) {
            try MQTTPacket.publish(MQTTPublish(topic: "a", payload: [], qos: .atLeastOnce, packetID: 0)).encoded()
        }
        #expect(throws: MQTTCodecError.self) { try MQTTPacket.publish(MQTTPublish(topic: "a", payload: [], packetID: 3)).encoded() }
        #expect(throws: MQTTCodecError.self) { try MQTTPacket.publish(MQTTPublish(topic: "a/+", payload: [])).encoded() }
    }

    @Test func acknowledgementsAndPings() throws {
        try roundTrip(.puback(packetID: 10), [0x40, 0x02, 0x00, 0x0A])
        try roundTrip(.unsuback(packetID: 0x1234), [0xB0, 0x02, 0x12, 0x34])
        try roundTrip(.pingreq, [0xC0, 0x00])
        try roundTrip(.pingresp, [0xD0, 0x00])
        try roundTrip(.disconnect, [0xE0, 0x00])
    }

    @Test func subscribeMatchesTheSpecExample() throws {
        // §3.8.3, Figure 3.22 payload ("a/b" QoS 1, "c/d" QoS 2) after packet identifier 10 (Figure 3.21).
        try roundTrip(.subscribe(MQTTSubscribe(packetID: 10, requests: [.init(filter: "a/b", qos: .atLeastOnce),
                                                                          .init(filter: "c/d", qos: .exactlyOnce)])),
                      [0x82, 0x0E, 0x00, 0x0A, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x01, 0x00, 0x03, 0x63, 0x2F, 0x64, 0x02])
    }

    @Test func subackMatchesTheSpecExample() throws {
        // §3.9.3, Figure 3.26: success QoS 0, success QoS 2, failure.
        try roundTrip(.suback(MQTTSubAck(packetID: 10, returnCodes: [.granted(.atMostOnce), .granted(.exactlyOnce), .failure])),
                      [0x90, 0x05, 0x00, 0x0A, 0x00, 0x02, 0x80])
    }

    @Test func unsubscribeMatchesTheSpecExample() throws {
        // §3.10.3, Figure 3.30: "a/b", "c/d".
        try roundTrip(.unsubscribe(MQTTUnsubscribe(packetID: 10, filters: ["a/b", "c/d"])),
                      [0xA2, 0x0C, 0x00, 0x0A, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x03, 0x63, 0x2F, 0x64])
    }

    @Test func utf8StringsAreLengthPrefixed() throws {
        // §1.5.3.1, Figure 1.3: "A𪛔" (U+0041 U+2A6D4) is 00 05 41 F0 AA 9B 94.
        let bytes = try MQTTPacket.publish(MQTTPublish(topic: "A\u{2A6D4}", payload: [])).encoded()
        #expect(Array(bytes[2...]) == [0x00, 0x05, 0x41, 0xF0, 0xAA, 0x9B, 0x94])
    }

    @Test func stringsRefuseUPlus0000() {
        #expect(throws: MQTTCodecError.self) { try MQTTPacket.connect(MQTTConnect(clientID: "a\u{0}b")).encoded() }
    }

    @Test func passwordNeverPrinted() {
        let connect = MQTTConnect(clientID: "h", username: "u", password: Array("hunter2".utf8))
        #expect(!String(describing: connect).contains("hunter2"))
        #expect(!String(reflecting: connect).contains("hunter2"))
        var dumped = ""
        dump(connect, to: &dumped)
        #expect(!dumped.contains("hunter2") && !dumped.contains("104, 117"))
        #expect(String(describing: connect).contains("password <hidden>"))
    }
}
