import Foundation
import HearthCore
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

/// The BM13xx driver mining on the virtual chip: nonces come back through the chip's
/// reply format, are mapped to their job and version, checked, and (end to end) are
/// accepted by the test pool, which checks shares with its own SHA-256.
@Suite(.serialized) struct BM13xxMiningTests {
    static let point = OperatingPoint(name: "485", frequency: Megahertz(485), voltage: Millivolts(1200), power: Watts(15),
                                      hashrate: HashRate(gigahashes: 433))

    /// Driver + virtual chain + receive thread, on the real clock with a fast ramp.
    static func rig(chips: Int = 1, rate: Double = 1_000_000, scale: Double = 1e-5)
        -> (VirtualBM13xxChain, BM13xxDriver, BM13xxReceiveThread) {
        let (chain, port) = VirtualBM13xxChain.attached(.init(model: .bm1366, chips: chips, hashesPerSecondAtDefault: rate,
                                                              difficultyScale: scale))
        var config = BM13xxDriver.Configuration(model: .bm1366, expectedChips: chips)
        config.rampInterval = Seconds(0.002)
        config.ticketDifficultyScale = scale
        let clock = ContinuousClock()
        let start = clock.now
        let driver = BM13xxDriver(port: port, reset: VirtualBM13xxResetLine(chain: chain), configuration: config,
                                  sleep: { _ in }, now: { Seconds((clock.now - start).seconds) })
        chain.start()
        return (chain, driver, BM13xxReceiveThread(driver: driver, turn: Seconds(0.005)))
    }

    static func work(id: UInt64, difficulty: Double, mask: UInt32 = 0x1FFF_E000) throws -> WorkUnit {
        let job = Jobs.job("j\(id)", clean: true)
        return try WorkBuilder.makeWork(id: id, job: job, extranonce: ExtranonceSettings(extranonce1: [1, 2, 3, 4], extranonce2Size: 4),
                                        extranonce2: [0, 0, 0, UInt8(id & 0xFF)], versionMask: mask, difficulty: difficulty)
    }

    @Test(.timeLimit(.minutes(1)))
    func noncesMapBackToJobAndRolledVersionAndAreRealShares() async throws {
        let (chain, driver, rx) = Self.rig()
        defer { chain.stop(); rx.stop() }
        let found = Mutex<[NonceResult]>([])
        driver.setNonceHandler { r in found.withLock { $0.append(r) } }
        try driver.setOperatingPoint(Self.point)
        try driver.setHashing(true)
        rx.start()
        let w = try Self.work(id: 7, difficulty: 0.00002)
        try driver.send(w)
        for _ in 0..<600 where found.withLock({ $0.count }) < 20 { try await Task.sleep(for: .milliseconds(50)) }
        let results = found.withLock { $0 }
        #expect(results.count >= 20)
        let target = try w.shareTarget()
        var rolled = Set<UInt32>()
        for r in results {
            #expect(r.workID == 7)
            #expect(try w.hash(nonce: r.nonce, version: r.version).meets(target))
            #expect(VersionRolling.isAllowed(r.version, base: w.baseVersion, mask: w.versionMask))
            rolled.insert(r.version)
        }
        #expect(rolled.count > 1, "the chip rolls versions and the driver maps them back")
        let s = driver.statistics
        #expect(s.hardwareErrors == 0 && s.unknownJob == 0 && s.crcErrors == 0)
        #expect(s.shares == results.count)
    }

    @Test(.timeLimit(.minutes(1)))
    func wrongNoncesAndDamagedRepliesNeverReachTheEngine() async throws {
        let (chain, driver, rx) = Self.rig()
        defer { chain.stop(); rx.stop() }
        let found = Mutex<[NonceResult]>([])
        driver.setNonceHandler { r in found.withLock { $0.append(r) } }
        try driver.setOperatingPoint(Self.point)
        try driver.setHashing(true)
        chain.misbehaviour = VirtualBM13xxMisbehaviour(bitErrorRate: 0.2, shortFrameRate: 0.1, wrongNonceRate: 0.3)
        rx.start()
        let w = try Self.work(id: 9, difficulty: 0.00002)
        try driver.send(w)
        for _ in 0..<600 where driver.statistics.hardwareErrors < 5 || driver.statistics.crcErrors < 5 {
            try await Task.sleep(for: .milliseconds(50))
        }
        let s = driver.statistics
        #expect(s.hardwareErrors >= 5)
        #expect(s.crcErrors >= 5)
        let target = try w.shareTarget()
        for r in found.withLock({ $0 }) { #expect(try w.hash(nonce: r.nonce, version: r.version).meets(target)) }
    }

    /// pool → Stratum → engine → driver → UART frames → virtual chip → nonce replies →
    /// driver → engine → pool: shares accepted, none invalid.
    @Test(.timeLimit(.minutes(2)))
    func sharesAcceptedByTheTestPoolThroughTheChipProtocol() async throws {
        var poolConfig = TestPoolConfiguration()
        poolConfig.difficulty = 0.00002
        poolConfig.jobInterval = nil
        let pool = TestPool(configuration: poolConfig, logger: Logger(label: "test.pool"))
        let port = try await pool.start()
        let (chain, driver, rx) = Self.rig(chips: 2)
        try driver.setOperatingPoint(Self.point)
        try driver.setHashing(true)
        rx.start()
        let engine = MiningEngine(board: driver)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let client = StratumClient(pools: [PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: "hearth.bm1366")],
                                   group: group, delegate: engine, logger: Logger(label: "test.client"))
        engine.setSubmitter { client.submit($0) }
        client.start()
        let half = await pool.waitUntil(timeout: .seconds(50)) { $0.accepted >= 20 }
        if !half { print("BM13xx e2e: pool \(await pool.counters), driver \(driver.statistics), engine \(engine.statistics), chain jobs \(chain.jobsReceived) hashes \(chain.hashesDone) f \(chain.frequency)") }
        await pool.newJob(clean: true)
        let done = await pool.waitUntil(timeout: .seconds(50)) { $0.accepted >= 40 }
        chain.stop()
        rx.stop()
        await client.stop()
        let c = await pool.counters
        await pool.stop()
        try await group.shutdownGracefully()
        #expect(half && done)
        #expect(c.rejectedInvalid == 0 && c.rejectedBadParams == 0 && c.rejectedDuplicate == 0)
        #expect(driver.statistics.hardwareErrors == 0)
        #expect(chain.jobsReceived >= 2)
        #expect(driver.statistics.noncesPerChip.count == 2, "both chips' nonces arrive: \(driver.statistics.noncesPerChip)")
    }
}
