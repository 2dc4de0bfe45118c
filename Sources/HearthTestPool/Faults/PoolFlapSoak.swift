import HearthStratum
import HearthSupport
import Logging
import NIOPosix
import Synchronization

/// Many flaps in a row: a pool that closes each connection after its first message, and
/// the real client reconnecting with a backoff cut to milliseconds, so hundreds of
/// connections open and close in seconds. A leak per connection shows in the footprint.
public enum PoolFlapSoak {
    public struct Result: Sendable {
        public var flaps: Int
        /// After the warm-up flaps, and after `flaps` more.
        public var before: ProcessFootprint
        public var after: ProcessFootprint
        public var duration: Duration
        /// Connections still open at the pool at the end (1 at most: the one being closed).
        public var openAtPool: Int
        /// Log lines about the connection ending (held to one per cause per 10 s).
        public var endLines: Int
        /// Whether all flaps happened within the time limit.
        public var completed: Bool
    }

    /// - Parameters:
    ///   - warmUp: flaps before the first footprint (buffers and caches settle).
    ///   - logHandler: where the client's log goes (counted for `endLines`).
    public static func run(flaps: Int, warmUp: Int = 100, timeLimit: Duration = .seconds(120)) async throws -> Result {
        let lines = LineCounter()
        let logger = Logger(label: "hearth.flapsoak") { _ in CountingLogHandler(lines: lines) }
        var config = TestPoolConfiguration()
        config.jobInterval = nil
        let pool = TestPool(configuration: config, logger: Logger(label: "hearth.flapsoak.pool") { _ in SwiftLogNoOpLogHandler() })
        let port = try await pool.start()
        try await pool.setFault(.closeAfter(messages: 1))
        var o = StratumClientOptions()
        o.retryFloor = .milliseconds(1)
        o.initialRetryDelay = .milliseconds(1)
        o.maxRetryDelay = .milliseconds(2)
        o.retryJitter = 0
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let client = StratumClient(pools: [PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: "soak")],
                                   group: group, delegate: NoDelegate(), options: o, logger: logger)
        client.start()
        let warmed = await pool.waitUntil(timeout: timeLimit) { $0.connections >= warmUp }
        let before = ProcessFootprint.now()
        let clock = ContinuousClock()
        let start = clock.now
        let done = await pool.waitUntil(timeout: timeLimit) { $0.connections >= warmUp + flaps }
        let duration = clock.now - start
        let after = ProcessFootprint.now()
        await client.stop()
        try? await group.shutdownGracefully()
        let open = await pool.counters.openConnections
        await pool.stop()
        return Result(flaps: flaps, before: before, after: after, duration: duration, openAtPool: open,
                      endLines: lines.count { $0.contains("closed the connection") }, completed: warmed && done)
    }

    /// A delegate that ignores everything: the soak looks at connections only.
    private final class NoDelegate: StratumClientDelegate {
        func stratumClient(didReceive work: StratumWork) {}
        func stratumClient(didChangeDifficulty difficulty: Double) {}
        func stratumClient(didChange state: StratumConnectionState) {}
        func stratumClient(didFinish submission: ShareSubmission, outcome: ShareOutcome) {}
        func stratumClient(poolSays message: String) {}
    }
}

/// The soak's log: lines kept (bounded) to be counted, none printed.
final class LineCounter: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { if $0.count < 100_000 { $0.append(line) } } }
    func count(where match: (String) -> Bool) -> Int { lines.withLock { $0.filter(match).count } }
}

struct CountingLogHandler: LogHandler {
    let lines: LineCounter
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        lines.append("\(event.message)")
    }
}
