import HearthHAL
import HearthStratum
import HearthWork
import Synchronization
import Testing
@testable import HearthMining

/// While no pool gives work the chips keep heating: the engine hands the board the last
/// job again with a fresh extranonce2, and the shares found meanwhile go nowhere.
@Suite struct KeepWarmTests {
    @Test func withoutAPoolTheLastJobIsReissuedAndItsSharesAreCountedNotSent() throws {
        let board = RecordingBoard()
        let engine = MiningEngine(board: board)
        let sent = Mutex(0)
        engine.setSubmitter { _ in sent.withLock { $0 += 1 } }
        engine.stratumClient(didReceive: Jobs.work("a", clean: true))
        let first = try #require(board.last)
        // With a pool, nothing is re-issued however old the work is.
        #expect(!engine.keepWarm(every: .seconds(30), now: .now + .seconds(3600)))
        engine.stratumClient(didChange: .disconnected(Jobs.pool, reason: "pool 127.0.0.1:3333 closed the connection", retryIn: 1))
        #expect(!engine.keepWarm(every: .seconds(30), now: .now))          // the work is fresh
        #expect(engine.keepWarm(every: .seconds(30), now: .now + .seconds(31)))
        let again = try #require(board.last)
        #expect(again.jobID == first.jobID && again.extranonce2 != first.extranonce2)
        #expect(engine.statistics.keepWarmReissues == 1)
        // A share on the re-issued work is counted, not submitted.
        let nonce = try #require(try Jobs.shares(again, count: 1).first)
        board.report(NonceResult(workID: again.id, nonce: nonce, version: again.baseVersion))
        #expect(engine.statistics.foundWithoutPool == 1)
        #expect(sent.withLock { $0 } == 0)
        // A pool's work ends it: shares are sent again and nothing is re-issued.
        engine.stratumClient(didReceive: Jobs.work("b", clean: true))
        #expect(!engine.keepWarm(every: .seconds(30), now: .now + .seconds(3600)))
    }
}
