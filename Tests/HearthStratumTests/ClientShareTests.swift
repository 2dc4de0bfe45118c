import HearthStratum
import HearthTestPool
import Testing

/// Real shares, found with swift-crypto here and checked by the pool with swift-crypto.
@Suite struct ClientShareTests {
    @Test func versionRolledShareIsAcceptedAndDuplicateRejected() async throws {
        let (pool, port) = try await Loopback.pool { $0.difficulty = 0.0001 }
        let loop = Loopback(pools: [Loopback.config(port: port)])
        let work = try #require(await loop.work(from: port))
        let share = try #require(ShareFinder.find(work, versionBits: 0x0000_6000))
        #expect(share.versionBits == 0x0000_6000)

        loop.client.submit(share)
        #expect(await loop.recorder.wait { $0.contains { $0.outcome == .accepted } })
        let counters = await pool.counters
        #expect(counters.accepted == 1 && counters.rejected == 0)
        #expect(counters.acceptedShares.map(\.jobID) == [work.job.jobID])
        #expect(counters.acceptedShares.map(\.nonce) == [share.nonce])
        #expect(counters.acceptedShares.first?.versionBits == 0x0000_6000)

        loop.client.submit(share)
        #expect(await loop.recorder.wait { $0.contains { $0.outcome == .rejected("duplicate share") } })
        #expect(await pool.counters.rejectedDuplicate == 1)
        await loop.shutdown(pool)
    }

    @Test func lowDifficultyShareIsRejectedWithReason() async throws {
        let (pool, port) = try await Loopback.pool { $0.difficulty = 0.0001 }
        let loop = Loopback(pools: [Loopback.config(port: port)])
        let work = try #require(await loop.work(from: port))
        let bad = try #require(ShareFinder.find(work, meets: false))
        loop.client.submit(bad)
        #expect(await loop.recorder.wait { $0.contains { $0.outcome == .rejected("low difficulty share") } })
        let counters = await pool.counters
        #expect(counters.rejectedInvalid == 1 && counters.accepted == 0)
        await loop.shutdown(pool)
    }
}
