import HearthHAL
import HearthMining
import HearthStratum
import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The daemon's mining: a Stratum client and a mining engine on the plant's hash
/// board, with the pools from the settings (the active one first, the rest as
/// backups). When a person changes the pools, the client is replaced. The control
/// loop never waits on any of this; it only reads `status` for the snapshot.
public final class MiningService: Service, Sendable {
    private let board: (any HashBoard)?
    private let state: DaemonState
    private let metrics: DaemonMetrics
    private let logger: Logger
    private let current = Mutex<(status: MiningStatus?, reported: (Int, Int))>((nil, (0, 0)))

    public init(board: (any HashBoard)?, state: DaemonState, metrics: DaemonMetrics, logger: Logger) {
        self.board = board
        self.state = state
        self.metrics = metrics
        self.logger = logger
    }

    /// While no pool gives work, the chips get the last job again this often (fresh
    /// extranonce2), so they keep heating: about a pool's own job rate.
    public static let keepWarmInterval: Duration = .seconds(30)

    /// What the status shows (nil when no pool is configured).
    public var status: MiningStatus? { current.withLock { $0.status } }

    /// Pools in priority order: the active pool first, then the others as listed.
    public static func pools(_ settings: DaemonSettings, logger: Logger) -> [PoolConfig] {
        var ordered = settings.pools.enumerated().map { $0 }
        if let active = settings.activePool, ordered.indices.contains(active) {
            ordered.insert(ordered.remove(at: active), at: 0)
        }
        return ordered.enumerated().compactMap { priority, entry in
            do {
                return PoolConfig(url: try PoolURL(parsing: entry.element.url), user: entry.element.user,
                                  password: entry.element.password, priority: priority)
            } catch {
                logger.error("pool \(entry.offset + 1) skipped: \(error)")
                return nil
            }
        }
    }

    public func run() async throws {
        guard let board else {
            if !state.settings.pools.isEmpty {
                logger.warning("pools are set, but this backend has no hash-board driver to mine with")
            }
            try? await gracefulShutdown()
            return
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let engine = MiningEngine(board: board, logger: Logger(label: "hearth.mining"))
        let watcher = StateWatcher(engine: engine)
        var client: StratumClient?
        var pools: [PoolConfig] = []
        var revision: Int?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let settings = state.settings
            // The pools are read again only when a person changed the settings (a bad URL logs once).
            let wanted = settings.revision == revision ? pools : Self.pools(settings, logger: logger)
            revision = settings.revision
            if wanted != pools {
                await client?.stop()
                client = nil
                pools = wanted
                if !wanted.isEmpty {
                    let c = StratumClient(pools: wanted, group: group, delegate: watcher, logger: Logger(label: "hearth.stratum"))
                    engine.setSubmitter { c.submit($0) }
                    engine.setDifficultySuggester { c.suggestDifficulty($0) }
                    c.start()
                    client = c
                    logger.info("mining on \(wanted.map { $0.url.description }.joined(separator: ", then "))")
                } else {
                    engine.setSubmitter(nil)
                    engine.setDifficultySuggester(nil)
                }
            }
            if client != nil { engine.keepWarm(every: Self.keepWarmInterval) }
            publish(engine: engine, connection: watcher.state.withLock { $0 }, pools: pools)
            // Often enough that a failover's "disconnected" (at least the 1 s retry floor) shows.
            try? await Task.sleep(for: .milliseconds(200))
        }
        // The hash board outlives this service: unhook it before the client and its loop go.
        engine.setSubmitter(nil)
        engine.setDifficultySuggester(nil)
        await client?.stop()
        try? await group.shutdownGracefully()
    }

    private func publish(engine: MiningEngine, connection: StratumConnectionState?, pools: [PoolConfig]) {
        let stats = engine.statistics
        let (pool, text): (String?, String) = switch connection {
        case .mining(let p): (p.url.description, "mining")
        case .connecting(let p): (p.url.description, "connecting")
        case .disconnected(let p, let reason, _): (p.url.description, "disconnected: \(reason); hashing for heat only until a pool answers")
        case nil: (pools.first?.url.description, pools.isEmpty ? "no pool" : "starting")
        }
        let status = pools.isEmpty ? nil : MiningStatus(pool: pool, state: text, sharesAccepted: stats.sharesAccepted,
                                                      sharesRejected: stats.totalRejected,
                                                      hashrate: engine.estimatedHashrate())
        let delta: (Int, Int) = current.withLock { c in
            c.status = status
            let d = (stats.sharesAccepted - c.reported.0, stats.totalRejected - c.reported.1)
            c.reported = (stats.sharesAccepted, stats.totalRejected)
            return d
        }
        metrics.shares(accepted: max(0, delta.0), rejected: max(0, delta.1))
    }

    /// Keeps the connection state for the status and forwards everything to the engine.
    final class StateWatcher: StratumClientDelegate {
        let engine: MiningEngine
        let state = Mutex<StratumConnectionState?>(nil)
        init(engine: MiningEngine) { self.engine = engine }
        func stratumClient(didReceive work: StratumWork) { engine.stratumClient(didReceive: work) }
        func stratumClient(didChangeDifficulty d: Double) { engine.stratumClient(didChangeDifficulty: d) }
        func stratumClient(didChange s: StratumConnectionState) {
            state.withLock { $0 = s }
            engine.stratumClient(didChange: s)
        }
        func stratumClient(didFinish s: ShareSubmission, outcome: ShareOutcome) { engine.stratumClient(didFinish: s, outcome: outcome) }
        func stratumClient(poolSays m: String) { engine.stratumClient(poolSays: m) }
    }
}
