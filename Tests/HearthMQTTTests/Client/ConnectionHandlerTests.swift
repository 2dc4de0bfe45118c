import Logging
import NIOCore
import NIOEmbedded
import Testing

@testable import HearthMQTT

/// The per-connection protocol on an EmbeddedChannel, with virtual time: CONNECT,
/// CONNACK, keepalive and the end of a connection.
@Suite struct ConnectionHandlerTests {
    final class Harness {
        let channel: EmbeddedChannel
        let handler: MQTTConnectionHandler
        var events: [MQTTConnectionHandler.Event] = []

        init(keepAlive: TimeAmount? = .seconds(60), pingTimeout: TimeAmount = .seconds(10),
             connAckTimeout: TimeAmount = .seconds(10)) throws
        {
            channel = EmbeddedChannel()
            let box = Box()
            handler = MQTTConnectionHandler(
                serial: 1, connect: MQTTConnect(clientID: "h", keepAliveSeconds: 60), broker: "127.0.0.1:1883",
                timing: .init(keepAlive: keepAlive, pingTimeout: pingTimeout, connAckTimeout: connAckTimeout),
                logger: Logger(label: "test")
            ) { event in box.events.append(event) }
            self.box = box
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(MQTTFrameDecoder(decoder: MQTTPacketDecoder())))
            try channel.pipeline.syncOperations.addHandler(handler)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1883)).wait()
        }

        private let box: Box
        final class Box { var events: [MQTTConnectionHandler.Event] = [] }

        var connectedCount: Int { box.events.filter { if case .connected = $0 { true } else { false } }.count }
        var endReasons: [String] { box.events.compactMap { if case .ended(let r, _) = $0 { r } else { nil } } }
        var refusedCodes: [MQTTConnectReturnCode] {
            box.events.compactMap { if case .ended(_, let code?) = $0 { code } else { nil } }
        }
        var packets: [MQTTPacket] { box.events.compactMap { if case .packet(let p) = $0 { p } else { nil } } }

        /// Packets the handler wrote, decoded.
        func written() throws -> [MQTTPacket] {
            var out: [MQTTPacket] = []
            while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
                out.append(try MQTTPacket.decode(buffer.readBytes(length: buffer.readableBytes)!))
            }
            return out
        }

        func receive(_ packet: MQTTPacket) throws {
            try channel.writeInbound(channel.allocator.buffer(bytes: try packet.encoded()))
        }

        func advance(_ t: TimeAmount) { channel.embeddedEventLoop.advanceTime(by: t) }
    }

    @Test func sendsConnectAndWaitsForConnAck() throws {
        let h = try Harness()
        #expect(try h.written() == [.connect(MQTTConnect(clientID: "h", keepAliveSeconds: 60))])
        #expect(h.handler.send(.pingreq) == false, "nothing but CONNECT before CONNACK")
        try h.receive(.connack(MQTTConnAck(sessionPresent: true, returnCode: .accepted)))
        #expect(h.connectedCount == 1)
        #expect(h.handler.send(.publish(MQTTPublish(topic: "a", payload: [1]))))
        #expect(try h.written() == [.publish(MQTTPublish(topic: "a", payload: [1]))])
    }

    @Test func noConnAckInTimeEndsTheConnection() throws {
        let h = try Harness(connAckTimeout: .seconds(5))
        h.advance(.milliseconds(4999))
        #expect(h.endReasons.isEmpty)
        h.advance(.milliseconds(1))
        #expect(h.endReasons == ["broker 127.0.0.1:1883 sent no CONNACK within 5.0 s"])
        #expect(!h.channel.isActive)
    }

    @Test func refusedConnAckIsReportedWithItsCode() throws {
        let h = try Harness()
        try h.receive(.connack(MQTTConnAck(returnCode: .badUsernameOrPassword)))
        #expect(h.refusedCodes == [.badUsernameOrPassword])
        #expect(h.endReasons == ["broker 127.0.0.1:1883 refused the connection: bad user name or password (CONNACK code 4)"])
        #expect(h.connectedCount == 0)
    }

    @Test func pingsWhenIdleAndGivesUpWithoutPingResp() throws {
        let h = try Harness(keepAlive: .seconds(60), pingTimeout: .seconds(10))
        try h.receive(.connack(MQTTConnAck(returnCode: .accepted)))
        _ = try h.written()
        h.advance(.seconds(30))
        #expect(h.handler.send(.puback(packetID: 1)))  // activity pushes the next ping out
        h.advance(.seconds(59))
        #expect(try h.written() == [.puback(packetID: 1)])
        h.advance(.seconds(1))
        #expect(try h.written() == [.pingreq])
        try h.receive(.pingresp)
        h.advance(.seconds(59))
        #expect(try h.written().isEmpty)
        h.advance(.seconds(1))
        #expect(try h.written() == [.pingreq])
        h.advance(.milliseconds(9999))
        #expect(h.endReasons.isEmpty)
        h.advance(.milliseconds(1))
        #expect(h.endReasons == ["broker 127.0.0.1:1883 sent no PINGRESP within 10.0 s (connection considered lost)"])
        #expect(!h.channel.isActive)
    }

    @Test func keepaliveZeroNeverPings() throws {
        let h = try Harness(keepAlive: nil)
        try h.receive(.connack(MQTTConnAck(returnCode: .accepted)))
        _ = try h.written()
        h.advance(.hours(10))
        #expect(try h.written().isEmpty)
        #expect(h.endReasons.isEmpty)
    }

    @Test func brokerPacketsPassAndClientPacketsEndTheConnection() throws {
        let h = try Harness()
        try h.receive(.connack(MQTTConnAck(returnCode: .accepted)))
        let publish = MQTTPacket.publish(MQTTPublish(topic: "t", payload: [], qos: .atLeastOnce, packetID: 3))
        try h.receive(publish)
        try h.receive(.suback(MQTTSubAck(packetID: 1, returnCodes: [.failure])))
        #expect(h.packets == [publish, .suback(MQTTSubAck(packetID: 1, returnCodes: [.failure]))])
        try h.receive(.pingreq)
        #expect(h.endReasons == ["broker 127.0.0.1:1883 sent PINGREQ, which a broker must not send here"])
    }

    @Test func malformedBytesEndTheConnectionOnce() throws {
        let h = try Harness()
        _ = try? h.channel.writeInbound(h.channel.allocator.buffer(bytes: [0x20, 0x02, 0x00, 0x00, 0x30, 0x02, 0x00, 0x00]))
        #expect(h.connectedCount == 1)
        #expect(h.endReasons == ["broker 127.0.0.1:1883 sent a malformed PUBLISH: topic name at byte 4: empty (a topic needs at least one character)"])
        _ = try? h.channel.finish()
        #expect(h.endReasons.count == 1)
    }
}
