import Foundation
import HearthBoardFiles
import HearthCore
import HearthHAL
import HearthStratum
import HearthTestPool
import Logging
import NIOPosix
import Synchronization
import Testing
@testable import HearthMining
@testable import HearthSimulator

/// A simulated PiAxe day mining on the in-process test pool through the production
/// BM13xx driver: pool → Stratum → engine → driver → UART frames → virtual chain →
/// nonce replies → driver → engine → pool, with the room's physics following the
/// chain's PLL. The pool checks every share with its own SHA-256.
@Suite(.serialized) struct PiAxeDriverMiningTests {
    static let boards = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("boards").path

    @Test(.timeLimit(.minutes(2)))
    func simulatedPiAxeMinesThroughTheDriverWithNoInvalidShares() async throws {
        var poolConfig = TestPoolConfiguration()
        poolConfig.difficulty = 0.0001
        poolConfig.jobInterval = .seconds(3)    // job switches while mining
        let pool = TestPool(configuration: poolConfig, logger: Logger(label: "test.pool"))
        let port = try await pool.start()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

        let board = try BoardCatalog(directory: Self.boards).board(id: "piaxe")
        var scenario = try #require(ScenarioCatalog.named("winter-day"))
        scenario.initialAir = nil
        var config = SimulationConfig(board: board, scenario: scenario)
        config.duration = .hours(1)
        config.hasher = CPUHasher(.init(threads: 1, maximumRate: 1_000_000))
        var engine: MiningEngine?
        var client: StratumClient?
        var driver: BM13xxDriver?
        let wanted = 10
        let result = try SimulationRunner.run(config, prepare: { hashBoard in
            driver = hashBoard as? BM13xxDriver
            let e = MiningEngine(board: hashBoard)
            let c = StratumClient(pools: [PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: "hearth.piaxe")],
                                  group: group, delegate: e, logger: Logger(label: "test.client"))
            e.setSubmitter { c.submit($0) }
            c.start()
            engine = e
            client = c
        }, pace: { _ in
            // Until enough shares are in, give the chain's CPU thread up to 10 ms of wall time per
            // simulated second (bounded: 3600 ticks); then the rest of the hour runs at full speed.
            guard (engine?.statistics.sharesAccepted ?? 0) < wanted else { return }
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(10))
        })
        let accepted = await pool.waitUntil(timeout: .seconds(10)) { $0.accepted >= wanted }
        await client?.stop()
        let counters = await pool.counters
        await pool.stop()
        try await group.shutdownGracefully()

        let chips = try #require(driver, "the simulation handed the engine the BM13xx driver")
        let s = chips.statistics
        #expect(accepted, "pool \(counters), driver \(s)")
        #expect(counters.rejectedInvalid == 0 && counters.rejectedBadParams == 0 && counters.rejectedDuplicate == 0)
        // Proof the path went through the driver: jobs as UART frames, nonces decoded from replies.
        #expect(s.jobsSent >= 2, "\(s)")
        #expect(s.nonces > s.shares && s.shares >= wanted, "\(s)")
        #expect(s.hardwareErrors == 0 && s.crcErrors == 0 && s.unknownJob == 0, "\(s)")
        #expect(result.metrics.trips.isEmpty, "\(result.metrics.trips)")
        #expect(result.metrics.totalHashes > 0)
    }
}
