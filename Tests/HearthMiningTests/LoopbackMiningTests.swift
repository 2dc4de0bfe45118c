import Foundation
import HearthCore
import HearthBoardFiles
import HearthHAL
import HearthStratum
import HearthTestPool
import HearthWork
import Logging
import NIOPosix
import Synchronization
import Testing
@testable import HearthMining
@testable import HearthSimulator

/// Forwards to the engine and keeps an ordered log of clean jobs received and shares
/// submitted, so a test can check what was sent after a clean job arrived.
final class Recorder: StratumClientDelegate {
    enum Event: Sendable { case cleanJob(String), submitted(String) }
    let engine: MiningEngine
    let log = Mutex<[Event]>([])
    init(engine: MiningEngine) { self.engine = engine }
    func stratumClient(didReceive work: StratumWork) {
        if work.job.cleanJobs { log.withLock { $0.append(.cleanJob(work.job.jobID)) } }
        engine.stratumClient(didReceive: work)
    }
    func stratumClient(didChangeDifficulty difficulty: Double) { engine.stratumClient(didChangeDifficulty: difficulty) }
    func stratumClient(didChange state: StratumConnectionState) { engine.stratumClient(didChange: state) }
    func stratumClient(didFinish submission: ShareSubmission, outcome: ShareOutcome) {
        engine.stratumClient(didFinish: submission, outcome: outcome)
    }
    func stratumClient(poolSays message: String) { engine.stratumClient(poolSays: message) }
}

/// A test pool and a simulated board hashing real SHA-256d on the CPU, with its engine.
enum CPUMiningRig {
    static func start(difficulty: Double) async throws -> (TestPool, Int, CPUHasher, MiningEngine) {
        var poolConfig = TestPoolConfiguration()
        poolConfig.difficulty = difficulty
        poolConfig.jobInterval = nil
        let pool = TestPool(configuration: poolConfig, logger: Logger(label: "test.pool"))
        let port = try await pool.start()
        let point = OperatingPoint(name: "top", frequency: Megahertz(500), voltage: Millivolts(300), power: Watts(100),
                                   hashrate: HashRate(terahashes: 1))
        let hasher = CPUHasher(.init(threads: 1, maximumRate: 50_000_000))
        let board = SimulatedHashBoard(initial: point, maximumFrequency: point.frequency, hasher: hasher)
        try board.setHashing(true)
        return (pool, port, hasher, MiningEngine(board: board))
    }
}

/// The whole stack on loopback: test pool (checks shares with swift-crypto) ← Stratum
/// client ← mining engine ← simulated board hashing real SHA-256d on the CPU.
@Suite(.serialized) struct LoopbackMiningTests {
    @Test(.timeLimit(.minutes(2)))
    func hundredRealSharesAcceptedAcrossACleanJob() async throws {
        let (pool, port, hasher, engine) = try await CPUMiningRig.start(difficulty: 0.00002)  // ~86 000 hashes a share
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let recorder = Recorder(engine: engine)
        let client = StratumClient(pools: [PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: "hearth.e2e")],
                                   group: group, delegate: recorder, logger: Logger(label: "test.client"))
        engine.setSubmitter { share in
            recorder.log.withLock { $0.append(.submitted(share.jobID)) }
            client.submit(share)
        }
        client.start()

        let halfway = await pool.waitUntil(timeout: .seconds(60)) { $0.accepted >= 50 }
        #expect(halfway)
        await pool.newJob(clean: true)
        let done = await pool.waitUntil(timeout: .seconds(60)) { $0.accepted >= 110 }
        #expect(done)
        // On a loaded machine the pool may reach 110 with shares queued before the switch;
        // wait (bounded) until the new job has shares of its own, so the check below has work.
        var newJobID: String?
        for _ in 0..<600 where newJobID == nil {
            let cleans = recorder.log.withLock { $0.compactMap { if case .cleanJob(let id) = $0 { id } else { nil } } }
            newJobID = cleans.count >= 2 ? cleans.last : nil
            if newJobID == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let freshJob = try #require(newJobID)
        let fresh = await pool.waitUntil(timeout: .seconds(60)) { c in c.acceptedShares.contains { $0.jobID == freshJob } }
        #expect(fresh)

        hasher.stop()
        await client.stop()
        let counters = await pool.counters
        await pool.stop()
        try await group.shutdownGracefully()

        #expect(counters.accepted >= 100)
        #expect(counters.rejectedInvalid == 0)
        #expect(counters.rejectedBadParams == 0 && counters.rejectedDuplicate == 0)
        // Version-rolled shares were made and accepted.
        #expect(counters.acceptedShares.contains { ($0.versionBits ?? 0) != 0 })
        // After the clean job reached the client, nothing was submitted for an older job.
        let log = recorder.log.withLock { $0 }
        let cleanJobs = log.compactMap { if case .cleanJob(let id) = $0 { id } else { nil } }
        #expect(cleanJobs.count == 2)                           // the first job and the pushed one
        if let switchIndex = log.lastIndex(where: { if case .cleanJob = $0 { true } else { false } }),
           case .cleanJob(let newJob) = log[switchIndex] {
            let after = log[(switchIndex + 1)...].compactMap { if case .submitted(let id) = $0 { id } else { nil } }
            #expect(!after.isEmpty)
            #expect(after.allSatisfy { $0 == newJob })
        }
        let stats = engine.statistics
        #expect(stats.sharesAccepted >= 100 && stats.hardwareErrors == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func hardwareErrorsFromTheChipsAreCaughtBeforeThePool() async throws {
        var poolConfig = TestPoolConfiguration()
        poolConfig.difficulty = 0.00002
        let pool = TestPool(configuration: poolConfig, logger: Logger(label: "test.pool"))
        let port = try await pool.start()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let point = OperatingPoint(name: "top", frequency: Megahertz(500), voltage: Millivolts(300), power: Watts(100),
                                   hashrate: HashRate(terahashes: 1))
        let hasher = CPUHasher(.init(threads: 1, maximumRate: 50_000_000, hardwareErrorRate: 0.3, seed: 7))
        let board = SimulatedHashBoard(initial: point, maximumFrequency: point.frequency, hasher: hasher)
        try board.setHashing(true)
        let engine = MiningEngine(board: board)
        let client = StratumClient(pools: [PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: "hearth.hw")],
                                   group: group, delegate: engine, logger: Logger(label: "test.client"))
        engine.setSubmitter { client.submit($0) }
        client.start()
        let enough = await pool.waitUntil(timeout: .seconds(40)) { $0.accepted >= 20 }
        hasher.stop()
        await client.stop()
        let counters = await pool.counters
        await pool.stop()
        try await group.shutdownGracefully()
        #expect(enough)
        #expect(engine.statistics.hardwareErrors > 0)
        #expect(counters.rejectedInvalid == 0)                 // wrong nonces never reached the pool
    }
}

/// A pool that refuses the login must not cost the room its heat.
@Suite(.serialized) struct PoolTroubleKeepsHeatingTests {
    @Test(.timeLimit(.minutes(1)))
    func rejectedCredentialsAreReportedAndTheRoomIsHeld() async throws {
        var poolConfig = TestPoolConfiguration()
        poolConfig.authorizeAccepts = false
        poolConfig.difficulty = 0.0001
        let pool = TestPool(configuration: poolConfig, logger: Logger(label: "test.pool"))
        let port = try await pool.start()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let boards = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("boards").path
        let board = try BoardCatalog(directory: boards).board(id: "avalon-nano3s")
        var scenario = try #require(ScenarioCatalog.named("winter-day"))
        scenario.initialAir = nil   // held from the target: this is about the pool, not a setback recovery
        var config = SimulationConfig(board: board, scenario: scenario)
        config.duration = .hours(3)
        config.hasher = CPUHasher(.init(threads: 1, maximumRate: 1_000_000))
        final class StateLog: Sendable { let list = Mutex<[StratumConnectionState]>([]) }
        let states = StateLog()
        final class Watcher: StratumClientDelegate {
            let engine: MiningEngine
            let states: StateLog
            init(engine: MiningEngine, states: StateLog) { self.engine = engine; self.states = states }
            func stratumClient(didReceive work: StratumWork) { engine.stratumClient(didReceive: work) }
            func stratumClient(didChangeDifficulty d: Double) { engine.stratumClient(didChangeDifficulty: d) }
            func stratumClient(didChange state: StratumConnectionState) {
                states.list.withLock { $0.append(state) }
                engine.stratumClient(didChange: state)
            }
            func stratumClient(didFinish s: ShareSubmission, outcome: ShareOutcome) { engine.stratumClient(didFinish: s, outcome: outcome) }
            func stratumClient(poolSays m: String) {}
        }
        var client: StratumClient?
        var engine: MiningEngine?
        // Run the simulated day fast while the client keeps being refused in the background.
        let result = try SimulationRunner.run(config, prepare: { hashBoard in
            let e = MiningEngine(board: hashBoard)
            let c = StratumClient(pools: [PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: "wrong")],
                                  group: group, delegate: Watcher(engine: e, states: states), logger: Logger(label: "test.client"))
            e.setSubmitter { c.submit($0) }
            c.start()
            client = c
            engine = e
        }, pace: { _ in })
        let refused = await pool.waitUntil(timeout: .seconds(10)) { $0.rejectedAuthorizations >= 1 }
        await client?.stop()
        await pool.stop()
        try await group.shutdownGracefully()
        #expect(refused)
        #expect(result.metrics.rmsError.value < 0.25 && result.metrics.trips.isEmpty)
        #expect(engine?.statistics.sharesAccepted == 0)
        let sawDisconnect = states.list.withLock { $0.contains { if case .disconnected(_, let reason, _) = $0 { !reason.isEmpty } else { false } } }
        #expect(sawDisconnect)
    }
}
