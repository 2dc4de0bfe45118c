import HearthMQTT
import NIOCore
import Testing

@Suite struct PacketDecoderTests {
    private let publish: [UInt8] = [0x32, 0x09, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x0A, 0x68, 0x69]

    @Test func yieldsNothingUntilAPacketIsWhole() throws {
        let decoder = MQTTPacketDecoder()
        var buffer = ByteBuffer()
        var packets: [MQTTPacket] = []
        // One byte at a time: a packet appears exactly when its last byte arrives.
        for (i, byte) in (publish + [0xD0, 0x00]).enumerated() {
            buffer.writeInteger(byte)
            while let packet = try decoder.next(from: &buffer) { packets.append(packet) }
            if i < publish.count - 1 { #expect(packets.isEmpty) }
        }
        #expect(packets == [.publish(MQTTPublish(topic: "a/b", payload: Array("hi".utf8), qos: .atLeastOnce, packetID: 10)),
                            .pingresp])
        #expect(buffer.readableBytes == 0)
    }

    @Test func severalPacketsInOneRead() throws {
        let decoder = MQTTPacketDecoder()
        var buffer = ByteBuffer(bytes: [0x20, 0x02, 0x00, 0x00, 0x90, 0x03, 0x00, 0x01, 0x01, 0xD0])
        #expect(try decoder.next(from: &buffer) == .connack(MQTTConnAck(returnCode: .accepted)))
        #expect(try decoder.next(from: &buffer) == .suback(MQTTSubAck(packetID: 1, returnCodes: [.granted(.atLeastOnce)])))
        #expect(try decoder.next(from: &buffer) == nil)
        #expect(buffer.readableBytes == 1)
    }

    @Test func refusesAnOversizedPacketBeforeItsBodyArrives() {
        let decoder = MQTTPacketDecoder(maxPacketSize: 1024)
        // Announces 16 384 bytes; only the header has arrived.
        var buffer = ByteBuffer(bytes: [0x30, 0x80, 0x80, 0x01])
        #expect(throws: MQTTCodecError(packet: "PUBLISH", field: "remaining length", offset: 1,
                                       problem: "a 16388-byte packet is over the limit of 1024 bytes"))
        {
            try decoder.next(from: &buffer)
        }
    }

    @Test func garbageIsOneClearError() {
        var fifthLengthByte = ByteBuffer(bytes: [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(throws: MQTTCodecError(packet: "PUBLISH", field: "remaining length", offset: 5,
                                       problem: "a 5th length byte (at most 4 are allowed)"))
        {
            try MQTTPacketDecoder().next(from: &fifthLengthByte)
        }
        var reserved = ByteBuffer(bytes: [0xFF, 0xFF])
        #expect(throws: MQTTCodecError(packet: "packet", field: "packet type", offset: 0,
                                       problem: "15 is reserved (first byte 0xFF)"))
        {
            try MQTTPacketDecoder().next(from: &reserved)
        }
        // An HTTP server on the MQTT port: 'H' (0x48) reads as PUBACK with flags 8, refused at
        // once rather than after waiting for the 84 bytes 'T' seems to announce.
        var text = ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n\r\n")
        #expect(throws: MQTTCodecError(packet: "PUBACK", field: "fixed header flags", offset: 0,
                                       problem: "0x08, PUBACK requires 0x00"))
        {
            try MQTTPacketDecoder().next(from: &text)
        }
    }
}
