import Foundation
import HearthCore
import HearthHAL
import HearthStratum
import HearthWork
import Synchronization
import Testing
@testable import HearthMining
@testable import HearthSimulator

/// A board that records the work it is sent and lets the test report nonces.
final class RecordingBoard: HashBoard {
    let sent = Mutex<[WorkUnit]>([])
    let handler = Mutex<(@Sendable (NonceResult) -> Void)?>(nil)
    func setOperatingPoint(_ point: OperatingPoint) throws(BusError) {}
    func setHashing(_ enabled: Bool) throws(BusError) {}
    func send(_ work: WorkUnit) throws(BusError) { sent.withLock { $0.append(work) } }
    func setNonceHandler(_ h: (@Sendable (NonceResult) -> Void)?) { handler.withLock { $0 = h } }
    func report(_ r: NonceResult) { handler.withLock { $0 }?(r) }
    var last: WorkUnit? { sent.withLock { $0.last } }
}

enum Jobs {
    static let pool = PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: 3333), user: "test")

    /// A job shaped like a real one (prevhash, a two-hash branch, version 0x20000000).
    static func job(_ id: String, clean: Bool) -> MiningJob {
        MiningJob(jobID: id, previousHash: (0..<32).map { UInt8($0) },
                  coinbase1: Array("01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff".utf8.prefix(40)),
                  coinbase2: [0xff, 0xff, 0xff, 0xff, 0x01, 0x00, 0xf2, 0x05, 0x2a, 0x01, 0x00, 0x00, 0x00],
                  merkleBranch: [[UInt8](repeating: 0xAB, count: 32), [UInt8](repeating: 0xCD, count: 32)],
                  version: 0x2000_0000, nbits: 0x1703_4219, ntime: 0x6553_0000, cleanJobs: clean)
    }

    static func work(_ id: String, clean: Bool, difficulty: Double = 0.001, mask: UInt32 = 0x1FFF_E000) -> StratumWork {
        StratumWork(job: job(id, clean: clean), extranonce: ExtranonceSettings(extranonce1: [1, 2, 3, 4], extranonce2Size: 4),
                    difficulty: difficulty, versionMask: mask, pool: pool, receivedAt: .now)
    }

    /// The first nonces of `work` meeting its share target (found with the scanner, not the engine).
    static func shares(_ work: WorkUnit, count: Int, version: UInt32? = nil) throws -> [UInt32] {
        var found: [UInt32] = []
        _ = try NonceScanner().scan(work: work, version: version ?? work.baseVersion, nonces: 0..<(1 << 32),
                                    target: work.shareTarget()) { nonce, _ in
            found.append(nonce)
            return found.count < count
        }
        return found
    }
}

final class Collected: Sendable {
    let shares = Mutex<[ShareSubmission]>([])
    var all: [ShareSubmission] { shares.withLock { $0 } }
}

@Suite struct EngineTests {
    func engine() -> (MiningEngine, RecordingBoard, Collected) {
        let board = RecordingBoard()
        let engine = MiningEngine(board: board)
        let collected = Collected()
        engine.setSubmitter { s in collected.shares.withLock { $0.append(s) } }
        return (engine, board, collected)
    }

    @Test func validNoncesAreSubmittedOnceAndWrongOnesCountAsHardwareErrors() throws {
        let (engine, board, collected) = engine()
        engine.stratumClient(didReceive: Jobs.work("a", clean: true))
        let work = try #require(board.last)
        #expect(work.extranonce2.count == 4)
        let nonces = try Jobs.shares(work, count: 3)
        for n in nonces { board.report(NonceResult(workID: work.id, nonce: n, version: work.baseVersion)) }
        board.report(NonceResult(workID: work.id, nonce: nonces[0], version: work.baseVersion))   // duplicate
        board.report(NonceResult(workID: work.id, nonce: nonces[0] &+ 1, version: work.baseVersion)) // almost surely wrong
        board.report(NonceResult(workID: 999, nonce: 1, version: work.baseVersion))                 // never issued
        #expect(collected.all.map(\.nonce) == nonces)
        #expect(collected.all.allSatisfy { $0.jobID == "a" && $0.extranonce2 == work.extranonce2 && $0.versionBits == 0 })
        let s = engine.statistics
        #expect(s.duplicates == 1 && s.hardwareErrors == 1 && s.unknownWork == 1)
        #expect(s.bestShareDifficulty >= 0.001)
    }

    @Test func cleanJobMakesOldWorkStale() throws {
        let (engine, board, collected) = engine()
        engine.stratumClient(didReceive: Jobs.work("old", clean: true))
        let old = try #require(board.last)
        let oldNonces = try Jobs.shares(old, count: 2)
        board.report(NonceResult(workID: old.id, nonce: oldNonces[0], version: old.baseVersion))
        engine.stratumClient(didReceive: Jobs.work("new", clean: true))
        let new = try #require(board.last)
        #expect(new.jobID == "new" && new.id != old.id)
        board.report(NonceResult(workID: old.id, nonce: oldNonces[1], version: old.baseVersion))   // late, for the old job
        #expect(collected.all.map(\.jobID) == ["old"])
        #expect(engine.statistics.stale == 1)
        #expect(engine.jobSwitchCount == 2)
    }

    @Test func notCleanJobsKeepOldWorkValid() throws {
        let (engine, board, collected) = engine()
        engine.stratumClient(didReceive: Jobs.work("a", clean: true))
        let a = try #require(board.last)
        engine.stratumClient(didReceive: Jobs.work("b", clean: false))
        let nonce = try #require(Jobs.shares(a, count: 1).first)
        board.report(NonceResult(workID: a.id, nonce: nonce, version: a.baseVersion))
        #expect(collected.all.map(\.jobID) == ["a"])
    }

    @Test func rolledVersionsAreSubmittedWithTheirBits() throws {
        let (engine, board, collected) = engine()
        engine.stratumClient(didReceive: Jobs.work("r", clean: true))
        let w = try #require(board.last)
        let rolled = VersionRolling.version(5, base: w.baseVersion, mask: w.versionMask)
        #expect(rolled != w.baseVersion)
        let nonce = try #require(Jobs.shares(w, count: 1, version: rolled).first)
        board.report(NonceResult(workID: w.id, nonce: nonce, version: rolled))
        let share = try #require(collected.all.first)
        #expect(share.versionBits == rolled & w.versionMask)
    }

    @Test func outcomesAreCounted() throws {
        let (engine, board, collected) = engine()
        engine.stratumClient(didReceive: Jobs.work("a", clean: true))
        let w = try #require(board.last)
        for n in try Jobs.shares(w, count: 3) { board.report(NonceResult(workID: w.id, nonce: n, version: w.baseVersion)) }
        let s = collected.all
        engine.stratumClient(didFinish: s[0], outcome: .accepted)
        engine.stratumClient(didFinish: s[1], outcome: .rejected("low difficulty share"))
        engine.stratumClient(didFinish: s[2], outcome: .unanswered("timeout"))
        let st = engine.statistics
        #expect(st.sharesAccepted == 1 && st.sharesRejected["low difficulty share"] == 1 && st.sharesUnanswered == 1)
        #expect(st.acceptedDifficulty == 0.001)
    }

    @Test func difficultyChangeReissuesWork() throws {
        let (engine, board, _) = engine()
        engine.stratumClient(didReceive: Jobs.work("a", clean: true))
        engine.stratumClient(didChangeDifficulty: 0.5)
        let w = try #require(board.last)
        #expect(w.shareDifficulty == 0.5 && board.sent.withLock { $0.count } == 2)
    }
}

@Suite struct CPUHashBoardTests {
    @Test func theSimulatedBoardFindsRealSharesAndScalesWithFrequency() throws {
        let points = [OperatingPoint(name: "low", frequency: Megahertz(100), voltage: Millivolts(300), power: Watts(10), hashrate: HashRate(1)),
                      OperatingPoint(name: "high", frequency: Megahertz(400), voltage: Millivolts(300), power: Watts(20), hashrate: HashRate(2))]
        let hasher = CPUHasher(.init(threads: 1, maximumRate: 400_000))
        let board = SimulatedHashBoard(initial: points[1], maximumFrequency: Megahertz(400), hasher: hasher)
        defer { hasher.stop() }
        let engine = MiningEngine(board: board)
        let got = DispatchSemaphore(value: 0)
        let collected = Collected()
        engine.setSubmitter { s in collected.shares.withLock { $0.append(s) }; got.signal() }
        try board.setHashing(true)
        engine.stratumClient(didReceive: Jobs.work("cpu", clean: true, difficulty: 0.0002))
        for _ in 0..<3 { #expect(got.wait(timeout: .now() + 20) == .success) }
        #expect(engine.statistics.hardwareErrors == 0)
        #expect(collected.all.allSatisfy { $0.jobID == "cpu" })
        #expect(hasher.hashesDone > 0)
        // Off: the hashing threads get nothing to hash.
        try board.setHashing(false)
        #expect(board.snapshot() == nil)
    }
}
