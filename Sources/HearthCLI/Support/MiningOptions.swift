import ArgumentParser
import HearthHAL
import HearthMining
import HearthSimulator
import HearthStratum
import Logging
import NIOPosix

/// `--pool` and friends: mine for real while the simulated room is heated.
struct MiningOptions: ParsableArguments {
    @Option(help: "Mine on this pool while simulating: stratum+tcp://HOST:PORT or stratum+ssl://HOST:PORT.")
    var pool: String?

    @Option(help: "Pool user (worker name); required with --pool.")
    var user: String?

    @Option(help: "Pool password.")
    var password = "x"

    @Option(help: "Simulated seconds per wall second (default 1 with --pool, as fast as possible without).")
    var speed: Double?

    @Option(help: "CPU threads hashing for the simulated board.")
    var hashThreads = 1

    @Option(help: "CPU hashrate (H/s) of the simulated board at its top frequency; it scales with frequency.")
    var cpuHashrate = 400_000.0

    func validated() throws -> (pool: PoolConfig, speed: Double)? {
        if let speed, !(speed.isFinite && speed > 0 && speed <= 1_000_000) {
            throw CLIError("--speed must be a number > 0 (simulated seconds per wall second)")
        }
        guard let pool else {
            if user != nil { throw CLIError("--user needs --pool") }
            return nil
        }
        let url: PoolURL
        do { url = try PoolURL(parsing: pool) } catch { throw CLIError("--pool: \(error)") }
        guard let user, !user.isEmpty else { throw CLIError("--pool needs --user (the pool's worker name)") }
        guard (1...64).contains(hashThreads) else { throw CLIError("--hash-threads must be 1…64") }
        guard cpuHashrate.isFinite, cpuHashrate > 0 else { throw CLIError("--cpu-hashrate must be a number > 0") }
        return (PoolConfig(url: url, user: user, password: password), speed ?? 1)
    }
}

/// A running client + engine pair for a simulation.
final class MiningSession {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private(set) var engine: MiningEngine?
    private(set) var client: StratumClient?
    let pool: PoolConfig

    init(pool: PoolConfig) { self.pool = pool }

    /// Attach to the simulated board and connect; called before the first tick.
    func start(board: any HashBoard) {
        let engine = MiningEngine(board: board, logger: Logger(label: "hearth.mining"))
        let client = StratumClient(pools: [pool], group: group, delegate: engine, logger: Logger(label: "hearth.stratum"))
        engine.setSubmitter { client.submit($0) }
        engine.setDifficultySuggester { client.suggestDifficulty($0) }
        client.start()
        self.engine = engine
        self.client = client
    }

    func stop() async {
        await client?.stop()
        try? await group.shutdownGracefully()
    }
}
