import HearthCore
import HearthStratum
import HearthTestPool
import HearthWork
import Logging
import NIOPosix
import Testing
@testable import HearthMining
@testable import HearthSimulator

/// Issue 16: a pool that sets an absurdly low difficulty gets every nonce as a share.
/// The engine raises its difficulty locally (and suggests it to the pool); the client
/// sends at most its limit a second whatever happens.
@Suite(.serialized) struct ShareFloodTests {
    @Test(.timeLimit(.minutes(1)))
    func aTinyPoolDifficultyDoesNotFloodThePool() async throws {
        let (pool, port, hasher, engine) = try await CPUMiningRig.start(difficulty: 1e-9)   // every few hashes a "share"
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let recorder = Recorder(engine: engine)
        let client = StratumClient(pools: [PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: "hearth.flood")],
                                   group: group, delegate: recorder, logger: Logger(label: "test.client"))
        engine.setSubmitter { client.submit($0) }
        engine.setDifficultySuggester { client.suggestDifficulty($0) }
        client.start()

        let clock = ContinuousClock()
        #expect(await pool.waitUntil(timeout: .seconds(20)) { $0.accepted >= 1 })
        let start = clock.now
        let before = await pool.counters
        #expect(await pool.waitUntil(timeout: .seconds(20)) { !$0.suggestedDifficulties.isEmpty })
        _ = await pool.waitUntil(timeout: .seconds(4)) { _ in false }       // four seconds of flood, bounded
        let after = await pool.counters
        let seconds = (clock.now - start).seconds
        hasher.stop()
        await client.stop()
        await pool.stop()
        try await group.shutdownGracefully()

        let submitted = (after.accepted + after.rejectedInvalid + after.rejectedDuplicate + after.rejectedStale)
            - (before.accepted + before.rejectedInvalid + before.rejectedDuplicate + before.rejectedStale)
        // Without the bound: ~2 000 a second. With it: the client's 20 a second at most.
        #expect(Double(submitted) <= 20 * seconds + 25, "\(submitted) shares in \(seconds) s")
        #expect(engine.statistics.difficultyRaises >= 1)
        #expect(engine.difficultyFloor > 1e-9)
        #expect((after.suggestedDifficulties.first ?? 0) > 1e-9)
        #expect(after.rejectedInvalid == 0)
    }
}
