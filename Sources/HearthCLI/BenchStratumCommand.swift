import ArgumentParser
import HearthCore
import HearthHAL
import HearthMining
import HearthSimulator
import HearthStratum
import HearthSupport
import HearthTestPool
import HearthWork
import Logging
import NIOPosix
import Synchronization

/// `hearth bench stratum`: the job-switch budget. The local test pool pushes clean
/// jobs; each is timed from the notify's bytes being read by the client to the new
/// work being handed to the hash board.
struct BenchStratumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stratum", abstract: "Job switch latency on loopback: notify (clean_jobs) → work at the hash board.")

    @Option(help: "Clean jobs to time.") var jobs = 1000
    @Flag(help: "Print one JSON object.") var json = false

    /// A board that takes work and hashes nothing: the benchmark times the software path.
    final class WorkSink: HashBoard {
        let received = Mutex(0)
        func setOperatingPoint(_ point: OperatingPoint) throws(BusError) {}
        func setHashing(_ enabled: Bool) throws(BusError) {}
        func send(_ work: WorkUnit) throws(BusError) { received.withLock { $0 += 1 } }
        func setNonceHandler(_ handler: (@Sendable (NonceResult) -> Void)?) {}
    }

    func run() async throws {
        guard (10...100_000).contains(jobs) else { throw CLIError("--jobs must be 10…100000") }
        var config = TestPoolConfiguration()
        config.jobInterval = nil
        let pool = TestPool(configuration: config, logger: Logger(label: "bench.pool"))
        let port = try await pool.start()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let board = WorkSink()
        let engine = MiningEngine(board: board)
        let client = StratumClient(pools: [PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: "bench")],
                                   group: group, delegate: engine, logger: Logger(label: "bench.client"))
        client.start()
        func arrived(_ count: Int) async -> Bool {
            for _ in 0..<20_000 {
                if engine.jobSwitchCount >= count { return true }
                try? await Task.sleep(for: .microseconds(200))
            }
            return false
        }
        guard await arrived(1) else {
            await client.stop(); await pool.stop()
            throw CLIError("no work from the local pool")
        }
        // Warm up, then time: one clean job at a time, each after the last has landed.
        for i in 0..<jobs {
            await pool.newJob(clean: true)
            guard await arrived(i + 2) else { break }
        }
        let p50 = engine.jobSwitchPercentile(50), p99 = engine.jobSwitchPercentile(99), max = engine.jobSwitchPercentile(100)
        let timed = engine.jobSwitchCount
        await client.stop()
        await pool.stop()
        try await group.shutdownGracefully()
        func ms(_ d: Duration?) -> Double { d.map { $0.seconds * 1000 } ?? .nan }
        if json {
            print(JSONValue.object([
                ("jobs", .number(Double(timed))), ("p50_ms", .number(ms(p50))), ("p99_ms", .number(ms(p99))),
                ("max_ms", .number(ms(max))), ("budget_ms", .number(1)),
            ]).serialized())
            return
        }
        print("job switch on loopback (notify read → work at the board), \(timed) clean jobs")
        print("  p50 \(formatted(ms(p50), decimals: 3)) ms, p99 \(formatted(ms(p99), decimals: 3)) ms, max \(formatted(ms(max), decimals: 3)) ms")
    }
}
