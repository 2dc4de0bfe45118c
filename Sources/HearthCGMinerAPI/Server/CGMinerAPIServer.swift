import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A cgminer-style API on TCP: one request per connection, answered with `\0` at the
/// end, then closed (as cgminer and the stock Avalon firmware do). The protocol is
/// `CGMinerRequestHandler`'s, the data the backend's; this is the socket part with
/// its bounds (`CGMinerServerLimits`) and cgminer's `api-allow` check.
///
/// It runs on its own event-loop thread and calls the backend on its own worker
/// thread (one, so the backend sees one request at a time): a flood of clients or a
/// slow settings write here never takes time from the control loop's threads.
public final class CGMinerAPIServer: Sendable {
    public let limits: CGMinerServerLimits
    public let allow: CGMinerAllowList
    let handler: CGMinerRequestHandler
    let backend: any CGMinerAPIBackend & AnyObject & Sendable
    let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let pool: NIOThreadPool
    private let channel = Mutex<(any Channel)?>(nil)
    private let countersBox = Mutex(CGMinerServerCounters())

    public init(backend: any CGMinerAPIBackend & AnyObject & Sendable, allow: CGMinerAllowList = .loopbackOnly,
                limits: CGMinerServerLimits = .init(), handler: CGMinerRequestHandler = .init(),
                logger: Logger = Logger(label: "hearth.cgminer-api"))
    {
        self.backend = backend
        self.allow = allow
        self.limits = limits
        self.handler = handler
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        pool = NIOThreadPool(numberOfThreads: 1)
    }

    public var counters: CGMinerServerCounters { countersBox.withLock { $0 } }

    /// Listens on `host:port` (0: any free port) and returns the bound port.
    @discardableResult
    public func start(host: String, port: Int) async throws -> Int {
        pool.start()
        let bound = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { [self] child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(CGMinerConnectionHandler(server: self))
                }
            }
            .bind(host: host, port: port).get()
        channel.withLock { $0 = bound }
        return bound.localAddress?.port ?? port
    }

    /// Closes the port and every connection, and stops the threads.
    public func stop() async {
        let open = channel.withLock { c in defer { c = nil }; return c }
        try? await open?.close()
        try? await pool.shutdownGracefully()
        try? await group.shutdownGracefully()
    }

    // MARK: - For the connection handler

    /// Whether a new connection may stay; counts it if so.
    func admit(_ address: SocketAddress?) -> CGMinerAccess? {
        let access = address?.ipAddress.map { allow.access(for: $0) } ?? .none
        return countersBox.withLock { c -> CGMinerAccess? in
            guard access != .none else { c.refusedAddress += 1; return nil }
            guard c.open < limits.maxConnections else { c.refusedBusy += 1; return nil }
            c.open += 1
            c.maxOpen = max(c.maxOpen, c.open)
            return access
        }
    }

    func left() { countersBox.withLock { $0.open -= 1 } }
    func count(_ body: (inout CGMinerServerCounters) -> Void) { countersBox.withLock { body(&$0) } }

    /// Answers `request` on the worker thread; the future completes on `loop`.
    func answer(_ request: [UInt8], access: CGMinerAccess, on loop: any EventLoop) -> EventLoopFuture<[UInt8]> {
        pool.runIfActive(eventLoop: loop) { [handler, backend] in
            var b = backend
            return handler.handle(request, backend: &b, access: access).reply
        }
    }

    /// The reply to a request longer than the limit, in the form it began with.
    func oversizedReply(startsWithJSON: Bool) -> [UInt8] {
        let reply = CGMinerReply.status(.error, code: CGMinerStatusCode.invalidCommand, message: "Invalid command",
                                        when: backend.when, minerDescription: handler.minerDescription)
        return ReplyEncoder(form: startsWithJSON ? .json : .plain, nonFinite: handler.nonFinite).encode(reply)
    }
}
