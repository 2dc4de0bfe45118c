import HearthStratum
import HearthSupport
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// An offline Stratum V1 pool for tests and for trying Hearth without a real pool.
/// It serves jobs shaped like a real block template and checks every share with
/// swift-crypto. Everything runs on one event loop; the API may be used from anywhere.
public final class TestPool: Sendable {
    private let loop: any EventLoop
    /// Set when the pool made its own thread (shut down by `stop()`).
    private let ownGroup: MultiThreadedEventLoopGroup?
    private let core: NIOLoopBoundBox<TestPoolCore>
    private let server: NIOLoopBoundBox<(any Channel)?>

    /// For the CLI: `hearth pool --port N --difficulty D`.
    public convenience init(host: String = "127.0.0.1", port: Int = 0, difficulty: Double = 1,
                            jobInterval: Duration? = .seconds(30),
                            logger: Logger = Logger(label: "hearth.testpool"))
    {
        var configuration = TestPoolConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.difficulty = difficulty
        configuration.jobInterval = jobInterval
        self.init(configuration: configuration, logger: logger)
    }

    /// `group` nil: the pool runs its own one-thread event loop group.
    public init(configuration: TestPoolConfiguration, group: (any EventLoopGroup)? = nil,
                logger: Logger = Logger(label: "hearth.testpool"))
    {
        let own = group == nil ? MultiThreadedEventLoopGroup(numberOfThreads: 1) : nil
        let loop = (group ?? own!).next()
        self.loop = loop
        self.ownGroup = own
        self.core = NIOLoopBoundBox.makeBoxSendingValue(
            TestPoolCore(configuration: configuration, loop: loop, logger: logger), eventLoop: loop)
        self.server = NIOLoopBoundBox.makeEmptyBox(eventLoop: loop)
    }

    /// Binds and starts serving; returns the bound port (useful with port 0).
    @discardableResult
    public func start() async throws -> Int {
        let bound = try await listen()
        try await loop.submit {
            self.core.value.startJobTimer()
            self.core.value.logger.notice("test pool listening on \(self.core.value.configuration.host):\(bound)")
        }.get()
        return bound
    }

    /// Opens the listener on the configured port (after `start`, the port it was given first).
    private func listen() async throws -> Int {
        let configuration = try await loop.submit { self.core.value.configuration }.get()
        let (host, port) = (configuration.host, configuration.port)
        let tls = try Self.tlsContext(configuration)
        let box = core
        let channel = try await ServerBootstrap(group: loop)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let connection = box.value.makeConnection()
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(StratumLineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(connection)
                }
            }
            .bind(host: host, port: port).get()
        let bound = channel.localAddress?.port ?? port
        try await loop.submit {
            self.server.value = channel
            self.core.value.configuration.port = bound
        }.get()
        return bound
    }

    /// Switches a misbehaviour on (`nil`: healthy again). `.refuse` closes the listener
    /// and drops every miner; any other setting listens again on the same port.
    public func setFault(_ fault: PoolFault?) async throws {
        let listener = try await loop.submit { () -> (any Channel)? in
            self.core.value.setFault(fault)
            guard case .refuse = fault else { return nil }
            defer { self.server.value = nil }
            return self.server.value
        }.get()
        if let listener { try? await listener.close() }
        let closed = try await loop.submit { self.server.value == nil }.get()
        if closed, fault != .refuse { _ = try await listen() }
    }

    /// The misbehaviour in force (nil: healthy).
    public var fault: PoolFault? {
        get async { await onLoop { $0.fault } ?? nil }
    }

    private static func tlsContext(_ configuration: TestPoolConfiguration) throws -> NIOSSLContext? {
        guard let certificate = configuration.tlsCertificatePEM, let key = configuration.tlsPrivateKeyPEM else { return nil }
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificate.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        let privateKey = try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem)
        return try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey)))
    }

    /// The bound port after `start()`.
    public var port: Int {
        get async { (try? await loop.submit { self.core.value.configuration.port }.get()) ?? 0 }
    }

    public func stop() async {
        let channel = try? await loop.submit { () -> (any Channel)? in
            self.core.value.shutdown()
            defer { self.server.value = nil }
            return self.server.value
        }.get()
        if let channel { try? await channel.close() }
        try? await ownGroup?.shutdownGracefully()
    }

    // MARK: jobs and difficulty

    /// Makes a new job and sends it to every subscribed miner; `clean` makes older jobs stale.
    public func newJob(clean: Bool) async {
        await onLoop { $0.newJob(clean: clean) }
    }

    /// Sends `mining.set_difficulty`; jobs sent from now on are judged by it.
    public func setDifficulty(_ difficulty: Double) async {
        await onLoop { $0.setDifficulty(difficulty) }
    }

    /// Gives every miner a new extranonce1 (`mining.set_extranonce`) followed by a clean job.
    public func changeExtranonce() async {
        await onLoop { $0.changeExtranonce() }
    }

    /// Sends `mining.set_version_mask`; shares are checked against the new mask from now on.
    public func setVersionMask(_ mask: UInt32) async {
        await onLoop { $0.setVersionMask(mask) }
    }

    public var counters: TestPoolCounters {
        get async { await onLoop { $0.counters } ?? TestPoolCounters() }
    }

    /// Waits until `condition` holds for the counters (checked on every change) or
    /// `timeout` passes; returns whether it held.
    public func waitUntil(timeout: Duration, _ condition: @escaping @Sendable (TestPoolCounters) -> Bool) async -> Bool {
        let future = loop.flatSubmit { self.core.value.wait(timeout: timeout, until: condition) }
        return (try? await future.get()) ?? false
    }

    // MARK: knobs and faults

    public func setAuthorizeAccepts(_ accepts: Bool) async {
        await onLoop { $0.configuration.authorizeAccepts = accepts }
    }

    /// Stop answering requests (the connection stays open; pushes still go out).
    public func setIgnoresRequests(_ ignores: Bool) async {
        await onLoop { $0.ignoresRequests = ignores }
    }

    public func closeAllConnections() async {
        await onLoop { core in core.allConnections.forEach { $0.close() } }
    }

    public func sendGarbageLine() async {
        await broadcastRaw(Array("}{ this is not json\n".utf8))
    }

    /// A line of `bytes` bytes (default > 64 KiB) followed by a newline.
    public func sendOversizedLine(bytes: Int = 70_000) async {
        await broadcastRaw([UInt8](repeating: UInt8(ascii: "a"), count: bytes) + [UInt8(ascii: "\n")])
    }

    /// A `mining.notify` whose params have the wrong JSON types.
    public func sendNotifyWithWrongTypes() async {
        let params: [JSONValue] = [.integer(1), .bool(true), .integer(3), .null, .string("branch"), .integer(6),
                                   .integer(7), .integer(8), .string("yes")]
        await broadcast(.notification(method: "mining.notify", params: params))
    }

    /// A request with a method no miner knows (miners should answer with an error).
    public func sendUnknownMethod() async {
        await onLoop { core in core.allConnections.forEach { $0.sendRequest(method: "mining.frobnicate", params: []) } }
    }

    /// `client.reconnect [host, port, wait]` to every miner.
    public func sendReconnect(host: String? = nil, port: Int, wait: Int = 0) async {
        await broadcast(.notification(method: "client.reconnect",
                                      params: [host.map { .string($0) } ?? .null, .integer(Int64(port)), .integer(Int64(wait))]))
    }

    public func sendShowMessage(_ text: String) async {
        await broadcast(.notification(method: "client.show_message", params: [.string(text)]))
    }

    private func broadcast(_ message: StratumMessage) async {
        await broadcastRaw(message.encodedLine)
    }

    private func broadcastRaw(_ bytes: [UInt8]) async {
        await onLoop { core in core.allConnections.forEach { $0.sendRaw(bytes) } }
    }

    @discardableResult
    private func onLoop<T: Sendable>(_ body: @escaping @Sendable (TestPoolCore) -> T) async -> T? {
        try? await loop.submit { body(self.core.value) }.get()
    }
}
