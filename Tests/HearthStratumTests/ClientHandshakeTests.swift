import HearthStratum
import HearthTestPool
import Testing

@Suite struct ClientHandshakeTests {
    @Test func handshakeGivesWorkWithNegotiatedMask() async throws {
        let (pool, port) = try await Loopback.pool { $0.difficulty = 0.0005 }
        let loop = Loopback(pools: [Loopback.config(port: port)])
        let work = try #require(await loop.work(from: port))
        #expect(work.versionMask == 0x1FFF_E000)  // asked ffffffff, pool allows 1fffe000
        #expect(work.difficulty == 0.0005)
        #expect(work.extranonce.extranonce1.count == 4 && work.extranonce.extranonce2Size == 4)
        #expect(work.job.previousHash.count == 32 && work.job.merkleBranch.count == 4)
        #expect(work.job.version == 0x2000_0000 && work.job.cleanJobs)
        #expect(work.receivedAt <= ContinuousClock.now)
        let states = loop.recorder.snapshot.compactMap(\.state)
        #expect(states.first == .connecting(Loopback.config(port: port)))
        #expect(states.contains(.mining(Loopback.config(port: port))))
        let counters = await pool.counters
        #expect(counters.configures == 1 && counters.subscriptions == 1 && counters.authorizations == 1)
        await loop.shutdown(pool)
    }

    @Test func poolWithoutConfigureMinesWithoutRolling() async throws {
        let (pool, port) = try await Loopback.pool { $0.supportsConfigure = false }
        let loop = Loopback(pools: [Loopback.config(port: port)])
        let work = try #require(await loop.work(from: port))
        #expect(work.versionMask == 0)
        // Version bits are not sent without negotiated rolling: the pool judges the hash, not the params.
        var share = try #require(ShareFinder.find(work, meets: false))
        share.versionBits = 0x2000
        loop.client.submit(share)
        #expect(await loop.recorder.wait { $0.contains { $0.outcome == .rejected("low difficulty share") } })
        await loop.shutdown(pool)
    }

    @Test func cleanJobsDifficultyAndMessagesAreDelivered() async throws {
        var options = Loopback.options()
        options.suggestedDifficulty = 0.25
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)], options: options)
        let first = try #require(await loop.work(from: port))

        let mark = loop.recorder.snapshot.count
        await pool.newJob(clean: false)
        let next = try #require(await loop.work(from: port, after: mark))
        #expect(!next.job.cleanJobs && next.job.previousHash == first.job.previousHash)

        let mark2 = loop.recorder.snapshot.count
        await pool.newJob(clean: true)
        let clean = try #require(await loop.work(from: port, after: mark2))
        #expect(clean.job.cleanJobs && clean.job.previousHash != first.job.previousHash)

        // After a clean job, shares for the old job are refused locally instead of wasting a round trip.
        loop.client.submit(ShareSubmission(jobID: first.job.jobID, extranonce2: [0, 0, 0, 1], ntime: first.job.ntime,
                                           nonce: 1, versionBits: nil))
        #expect(await loop.recorder.wait { events in
            events.contains { if case .unanswered(let why)? = $0.outcome { why.contains("not a current job") } else { false } }
        })

        await pool.setDifficulty(0.125)
        #expect(await loop.recorder.wait { $0.contains { if case .difficulty(0.125) = $0 { true } else { false } } })
        await pool.sendShowMessage("hello, heater")
        #expect(await loop.recorder.wait { $0.contains { $0.message == "hello, heater" } })
        #expect(await pool.waitUntil(timeout: .seconds(5)) { $0.suggestedDifficulties == [0.25] })
        await loop.shutdown(pool)
    }
}
