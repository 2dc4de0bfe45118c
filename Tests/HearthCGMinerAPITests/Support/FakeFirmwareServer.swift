import HearthCGMinerAPI
import NIOCore
import NIOPosix
import Synchronization

/// What the fake firmware does with one request.
indirect enum FakeReply: Sendable {
    /// The text, then the `\0` terminator, then close (what healthy firmware does).
    case reply(String)
    /// Exactly these bytes, then close.
    case bytes([UInt8])
    case delayed(Duration, FakeReply)
    /// Close without sending a byte.
    case close
    /// Never answer; the connection ends when the client gives up.
    case hang
}

/// A stand-in for the stock firmware's API on a loopback address: it accepts every
/// connection (so it can see a client open two at once) but serves them one at a
/// time in arrival order, like the firmware's single API thread, one request per
/// connection.
final class FakeFirmwareServer: Sendable {
    struct Counters: Sendable {
        var accepted = 0
        var open = 0
        var maxOpenAtOnce = 0
        var requests: [String] = []
    }

    let host: String
    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let state: CountersBox

    var endpoint: CGMinerEndpoint { CGMinerEndpoint(host: host, port: port) }
    var counters: Counters { state.value.withLock { $0 } }

    /// Binds `host` on a free port; `respond` decides each reply from the request text.
    init(host: String, respond: @escaping @Sendable (String) -> FakeReply) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let state = CountersBox()
        let queue = ServingQueue(loop: group.next())
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    state.value.withLock {
                        $0.accepted += 1
                        $0.open += 1
                        $0.maxOpenAtOnce = max($0.maxOpenAtOnce, $0.open)
                    }
                    child.closeFuture.whenComplete { _ in state.value.withLock { $0.open -= 1 } }
                    try child.pipeline.syncOperations.addHandler(
                        FakeFirmwareHandler(queue: queue, respond: respond) { request in
                            state.value.withLock { $0.requests.append(request) }
                        })
                }
            }
        let channel = try await bootstrap.bind(host: host, port: 0).get()
        self.host = host
        self.port = channel.localAddress?.port ?? 0
        self.group = group
        self.channel = channel
        self.state = state
    }

    func stop() async throws {
        try? await channel.close().get()
        try await group.shutdownGracefully()
    }
}

final class CountersBox: Sendable {
    let value = Mutex(FakeFirmwareServer.Counters())
}

/// Connections waiting for the single "API thread". Touched only on the server's one
/// event loop.
final class ServingQueue: @unchecked Sendable {
    private let loop: any EventLoop
    private var busy = false
    private var waiting: [() -> Void] = []

    init(loop: any EventLoop) { self.loop = loop }

    /// Runs `job` when the previous job has called its `done`.
    func enqueue(_ job: @escaping (_ done: @escaping () -> Void) -> Void) {
        loop.preconditionInEventLoop()
        let start = { [unowned self] in job { self.finished() } }
        if busy {
            waiting.append(start)
        } else {
            busy = true
            start()
        }
    }

    private func finished() {
        loop.preconditionInEventLoop()
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst()()
        }
    }
}

final class FakeFirmwareHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let queue: ServingQueue
    private let respond: @Sendable (String) -> FakeReply
    private let record: (String) -> Void
    private var got = false

    init(queue: ServingQueue, respond: @escaping @Sendable (String) -> FakeReply, record: @escaping (String) -> Void) {
        self.queue = queue
        self.respond = respond
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Like the firmware: one read is the request; anything after it is ignored.
        guard !got else { return }
        got = true
        let request = String(buffer: unwrapInboundIn(data))
        record(request)
        let reply = respond(request)
        let channel = context.channel
        queue.enqueue { done in
            Self.serve(reply, on: channel, done: done)
        }
    }

    private static func serve(_ reply: FakeReply, on channel: any Channel, done: @escaping () -> Void) {
        guard channel.isActive else {
            done()
            return
        }
        switch reply {
        case .reply(let text):
            serve(.bytes(Array(text.utf8) + [0]), on: channel, done: done)
        case .bytes(let bytes):
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            channel.writeAndFlush(buffer).assumeIsolated().whenComplete { _ in
                channel.close().assumeIsolated().whenComplete { _ in done() }
            }
        case .close:
            channel.close().assumeIsolated().whenComplete { _ in done() }
        case .hang:
            channel.closeFuture.assumeIsolated().whenComplete { _ in done() }
        case .delayed(let delay, let next):
            channel.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) {
                serve(next, on: channel, done: done)
            }
        }
    }
}
