import Foundation
import NIOCore
import NIOPosix

@testable import HearthMQTT

/// A scripted broker on a loopback address, built on the client's own codec: it records
/// every packet the client sends and answers as its script says (well, badly, or not at all).
final class FakeBroker: Sendable {
    struct Received: Sendable {
        var connection: Int
        var packet: MQTTPacket
    }

    /// One accepted connection, for the script to answer on.
    struct Peer: Sendable {
        let connection: Int
        let channel: any Channel

        func send(_ packet: MQTTPacket) {
            guard let bytes = try? packet.encoded() else { return }
            sendRaw(bytes)
        }

        func sendRaw(_ bytes: [UInt8]) {
            channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil)
        }

        func close() { channel.close(promise: nil) }
    }

    typealias Script = @Sendable (_ peer: Peer, _ packet: MQTTPacket) -> Void

    let received = Journal<Received>()
    let accepted = Journal<Int>()
    let host: String
    private let channel: any Channel

    var port: Int { channel.localAddress?.port ?? 0 }

    /// - Parameters:
    ///   - onAccept: runs when a connection arrives (send garbage first, close at once…).
    ///   - script: answers each packet; `well` is a broker that accepts everything.
    convenience init(host: String, port: Int = 0, script: @escaping Script = FakeBroker.well) async throws {
        try await self.init(host: host, port: port, onAccept: nil, script: script)
    }

    init(host: String, port: Int = 0, onAccept: (@Sendable (Peer) -> Void)?, script: @escaping Script = FakeBroker.well)
        async throws
    {
        self.host = host
        let received = self.received
        let accepted = self.accepted
        let counter = ConnectionCounter()
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let peer = Peer(connection: counter.next(), channel: channel)
                    accepted.record(peer.connection)
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(MQTTFrameDecoder(decoder: MQTTPacketDecoder())))
                    try channel.pipeline.syncOperations.addHandler(ScriptHandler(peer: peer) { packet in
                        received.record(Received(connection: peer.connection, packet: packet))
                        script(peer, packet)
                    })
                    onAccept?(peer)
                }
            }
            .bind(host: host, port: port).get()
    }

    func shutdown() async {
        try? await channel.close()
    }

    /// Packets of one type, in order.
    func packets(_ type: MQTTPacketType) -> [Received] { received.events.filter { $0.packet.type == type } }

    /// CONNACK accepted, SUBACK granted as asked, PUBACK for QoS 1, PINGRESP, UNSUBACK.
    static let well: Script = { peer, packet in
        switch packet {
        case .connect: peer.send(.connack(MQTTConnAck(returnCode: .accepted)))
        case .subscribe(let s): peer.send(.suback(MQTTSubAck(packetID: s.packetID, returnCodes: s.requests.map { .granted($0.qos) })))
        case .unsubscribe(let u): peer.send(.unsuback(packetID: u.packetID))
        case .publish(let p): if let id = p.packetID { peer.send(.puback(packetID: id)) }
        case .pingreq: peer.send(.pingresp)
        default: break
        }
    }
}

private final class ScriptHandler: ChannelInboundHandler {
    typealias InboundIn = MQTTPacket
    let peer: FakeBroker.Peer
    let onPacket: (MQTTPacket) -> Void

    init(peer: FakeBroker.Peer, onPacket: @escaping (MQTTPacket) -> Void) {
        self.peer = peer
        self.onPacket = onPacket
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        onPacket(Self.unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

private final class ConnectionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
