import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The HTTP side of an emulated plug: listens on a loopback address, checks
/// credentials, plays the configured fault, and hands each request to the plug's
/// `respond`. One request per connection (`Connection: close`), like the client.
final class EmulatedPlugServer: Sendable {
    let name: String
    let gate: EmulatedAuthGate
    /// Paths served without credentials (Shelly's device info).
    private let openPaths: Set<String>
    private let respond: @Sendable (EmulatedHTTPRequest) -> EmulatedHTTPReply
    private let live = Mutex(Live())
    private let group: any EventLoopGroup
    private let logger: Logger

    private struct Live {
        var fault: EmulatedPlugFault?
        var oneShot: [EmulatedPlugFault] = []
        var channel: (any Channel)?
        var connections: [ObjectIdentifier: any Channel] = [:]
        var counters = EmulatedPlugCounters()
    }

    init(name: String, gate: EmulatedAuthGate, openPaths: Set<String> = [], group: any EventLoopGroup, logger: Logger,
         respond: @escaping @Sendable (EmulatedHTTPRequest) -> EmulatedHTTPReply)
    {
        self.name = name
        self.gate = gate
        self.openPaths = openPaths
        self.group = group
        self.logger = logger
        self.respond = respond
    }

    func start(host: String, port: Int) async throws -> Int {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.setUp(channel) }
            }
        let channel = try await bootstrap.bind(host: host, port: port).get()
        live.withLock { $0.channel = channel }
        return channel.localAddress?.port ?? port
    }

    func stop() async {
        let (listener, connections) = live.withLock { live in
            defer {
                live.channel = nil
                live.connections = [:]
            }
            return (live.channel, Array(live.connections.values))
        }
        for connection in connections { try? await connection.close() }
        try? await listener?.close()
    }

    var fault: EmulatedPlugFault? {
        get { live.withLock { $0.fault } }
        set { live.withLock { $0.fault = newValue } }
    }

    func inject(_ fault: EmulatedPlugFault, times: Int) {
        live.withLock { $0.oneShot += Array(repeating: fault, count: max(0, times)) }
    }

    var counters: EmulatedPlugCounters { live.withLock { $0.counters } }

    func count(_ update: (inout EmulatedPlugCounters) -> Void) { live.withLock { update(&$0.counters) } }

    // MARK: - Connections (on their event loop)

    private func setUp(_ channel: any Channel) throws {
        let fault: EmulatedPlugFault? = live.withLock { live in
            let fault = live.oneShot.isEmpty ? live.fault : live.oneShot.removeFirst()
            live.connections[ObjectIdentifier(channel)] = channel
            live.counters.connections += 1
            live.counters.openAtOnce += 1
            live.counters.maxOpenAtOnce = max(live.counters.maxOpenAtOnce, live.counters.openAtOnce)
            if fault != nil { live.counters.faultsPlayed += 1 }
            return fault
        }
        channel.closeFuture.whenComplete { [self] _ in
            live.withLock { live in
                live.connections[ObjectIdentifier(channel)] = nil
                live.counters.openAtOnce -= 1
            }
        }
        let sync = channel.pipeline.syncOperations
        switch fault {
        case .closesAtOnce?:
            channel.close(promise: nil)
        case .notAnswering?:
            try sync.addHandler(SilentHandler())
        case .garbage?:
            try sync.addHandler(GarbageHandler())
        default:
            try sync.configureHTTPServerPipeline(withErrorHandling: true)
            try sync.addHandler(EmulatedPlugRequestHandler(server: self, fault: fault))
        }
    }

    /// The reply to a whole request: credentials, then the plug (a fault has its say first).
    func reply(to request: EmulatedHTTPRequest, fault: EmulatedPlugFault?) -> EmulatedHTTPReply {
        count { $0.requests += 1 }
        switch fault {
        case .serverError?:
            return .text("500 Internal Server Error", status: 500)
        case .garbageBody?:
            return EmulatedHTTPReply(status: 200, headers: [("Content-Type", "text/html")],
                                     body: Array("<html><body>\u{1}{\"output\":tru".utf8))
        default:
            break
        }
        if !openPaths.contains(request.path), case .refused(let reply) = gate.check(request) {
            count { $0.refusedForCredentials += 1 }
            return reply
        }
        return respond(request)
    }
}

/// What an emulated plug has served, for tests.
public struct EmulatedPlugCounters: Sendable, Hashable {
    public var connections = 0
    /// Whole requests read (faults that answer nothing aren't requests).
    public var requests = 0
    /// Requests answered 401 (or Tasmota's WARNING) for missing or wrong credentials.
    public var refusedForCredentials = 0
    public var faultsPlayed = 0
    public var openAtOnce = 0
    public var maxOpenAtOnce = 0

    public init() {}
}

/// Reads one request and answers it (after the slow fault's delay), then closes.
private final class EmulatedPlugRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: EmulatedPlugServer
    private let fault: EmulatedPlugFault?
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private static let maxBody = 16 * 1024

    init(server: EmulatedPlugServer, fault: EmulatedPlugFault?) {
        self.server = server
        self.fault = fault
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body(let buffer):
            if body.count + buffer.readableBytes > Self.maxBody {
                context.close(promise: nil)
                return
            }
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head else { return }
            let request = EmulatedHTTPRequest(method: head.method.rawValue, uri: head.uri,
                                              headers: head.headers.map { ($0.name, $0.value) }, body: body)
            let reply = server.reply(to: request, fault: fault)
            if case .slow(let delay)? = fault {
                let loop = context.eventLoop.assumeIsolated()
                loop.scheduleTask(in: TimeAmount(delay)) { [self] in send(reply, context) }
            } else {
                send(reply, context)
            }
        }
    }

    private func send(_ reply: EmulatedHTTPReply, _ context: ChannelHandlerContext) {
        var headers = HTTPHeaders(reply.headers.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: "\(reply.body.count)")
        headers.replaceOrAdd(name: "Connection", value: "close")
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: reply.body.count)
        buffer.writeBytes(reply.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

/// Reads and says nothing: the connection stays open until the client gives up.
private final class SilentHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}

/// Answers the first bytes with bytes that are not HTTP, then closes.
private final class GarbageHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = context.channel.allocator.buffer(capacity: 32)
        buffer.writeBytes([0x16, 0x03, 0x01, 0x00, 0xFF] + Array("\u{7F}not http at all\r\n\r\n".utf8))
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
