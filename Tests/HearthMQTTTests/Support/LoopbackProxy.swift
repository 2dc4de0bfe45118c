import NIOCore
import NIOPosix

/// A TCP relay on loopback between the client and a broker, so a test can kill the
/// connection the way a crash or a pulled cable would: no DISCONNECT, just gone.
final class LoopbackProxy: Sendable {
    private let server: any Channel
    private let pairs = Journal<Pair>()

    struct Pair: Sendable {
        let inbound: any Channel
        let outbound: any Channel
    }

    var port: Int { server.localAddress?.port ?? 0 }

    init(host: String, to target: (host: String, port: Int)) async throws {
        let pairs = self.pairs
        server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { inbound in
                ClientBootstrap(group: inbound.eventLoop)
                    .channelInitializer { outbound in
                        outbound.eventLoop.makeCompletedFuture {
                            try outbound.pipeline.syncOperations.addHandler(Relay(partner: inbound))
                        }
                    }
                    .connect(host: target.host, port: target.port)
                    .flatMap { outbound in
                        pairs.record(Pair(inbound: inbound, outbound: outbound))
                        return inbound.eventLoop.makeCompletedFuture {
                            try inbound.pipeline.syncOperations.addHandler(Relay(partner: outbound))
                        }.flatMap { inbound.setOption(.autoRead, value: true) }
                    }
            }
            .bind(host: host, port: 0).get()
    }

    /// Relayed connections so far.
    var connectionCount: Int { pairs.events.count }

    /// Closes both sides of every relayed connection at once.
    func cutAll() {
        for pair in pairs.events {
            pair.outbound.close(promise: nil)
            pair.inbound.close(promise: nil)
        }
    }

    func shutdown() async {
        cutAll()
        try? await server.close()
    }

    private final class Relay: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let partner: any Channel

        init(partner: any Channel) { self.partner = partner }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            partner.writeAndFlush(Self.unwrapInboundIn(data), promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            partner.close(promise: nil)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
