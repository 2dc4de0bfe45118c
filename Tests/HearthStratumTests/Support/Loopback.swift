import HearthStratum
import HearthTestPool
import Logging
import NIOPosix

/// A client and its recorder against test pools on 127.0.0.1, torn down in order.
struct Loopback {
    let client: StratumClient
    let recorder: Recorder
    let logs: LogCapture
    let group: MultiThreadedEventLoopGroup

    /// Timeouts short enough for tests, long enough for a loaded CI machine; jitter fixed for determinism.
    static func options() -> StratumClientOptions {
        var o = StratumClientOptions()
        o.connectTimeout = .seconds(2)
        o.handshakeTimeout = .seconds(2)
        o.submitTimeout = .seconds(2)
        o.notifyTimeout = .seconds(5)
        o.idleTimeout = .seconds(30)
        o.initialRetryDelay = .milliseconds(50)
        o.maxRetryDelay = .milliseconds(400)
        o.retryJitterSeed = 1
        o.retryFloor = .milliseconds(50)          // fast failover in tests; the floor has its own test
        o.primaryProbeInterval = .milliseconds(200)
        return o
    }

    static func pool(_ configure: (inout TestPoolConfiguration) -> Void = { _ in }, logs: LogCapture? = nil)
        async throws -> (TestPool, Int)
    {
        var configuration = TestPoolConfiguration()
        configuration.jobInterval = nil
        configure(&configuration)
        let pool = TestPool(configuration: configuration, logger: (logs ?? LogCapture()).logger("pool"))
        let port = try await pool.start()
        return (pool, port)
    }

    static func config(port: Int, priority: Int = 0, user: String = "bc1qtest.heater") -> PoolConfig {
        PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: user, priority: priority)
    }

    init(pools: [PoolConfig], options: StratumClientOptions = Loopback.options()) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        recorder = Recorder()
        logs = LogCapture()
        client = StratumClient(pools: pools, group: group, delegate: recorder, options: options, logger: logs.logger("client"))
        client.start()
    }

    func shutdown(_ pools: TestPool...) async {
        await client.stop()
        try? await group.shutdownGracefully()
        for pool in pools { await pool.stop() }
    }

    /// Waits for work from the pool on `port` arriving after the first `after` events.
    func work(from port: Int, after: Int = 0, timeout: Duration = .seconds(5)) async -> StratumWork? {
        let ok = await recorder.wait(timeout: timeout) { events in
            events.after(after).works.contains { $0.pool.url.port == port }
        }
        return ok ? recorder.snapshot.after(after).works.last { $0.pool.url.port == port } : nil
    }
}
