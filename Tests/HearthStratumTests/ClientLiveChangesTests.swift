import HearthStratum
import HearthTestPool
import Testing

/// What a pool may change while mining, and the client's liveness timers.
@Suite struct ClientLiveChangesTests {
    @Test func setExtranonceAppliesToTheNextJobAndSharesStillCheck() async throws {
        let (pool, port) = try await Loopback.pool { $0.difficulty = 0.0001 }
        let loop = Loopback(pools: [Loopback.config(port: port)])
        let first = try #require(await loop.work(from: port))
        let mark = loop.recorder.snapshot.count
        await pool.changeExtranonce()
        let work = try #require(await loop.work(from: port, after: mark))
        #expect(work.extranonce.extranonce1 == first.extranonce.extranonce1.map { $0 ^ 0x5A })
        let share = try #require(ShareFinder.find(work))
        loop.client.submit(share)
        #expect(await loop.recorder.wait { $0.contains { $0.outcome == .accepted } })
        await loop.shutdown(pool)
    }

    @Test func setVersionMaskNarrowsTheMask() async throws {
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)])
        _ = try #require(await loop.work(from: port))
        await pool.setVersionMask(0x0000_E000)
        let mark = loop.recorder.snapshot.count
        await pool.newJob(clean: false)
        let work = try #require(await loop.work(from: port, after: mark))
        #expect(work.versionMask == 0x0000_E000)
        await loop.shutdown(pool)
    }

    @Test func poolSideStaleJobIsRejected() async throws {
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)])
        let old = try #require(await loop.work(from: port))
        // The pool remembers 16 jobs, the client 32: the oldest is gone at the pool only.
        for _ in 0..<16 { await pool.newJob(clean: false) }
        #expect(await pool.waitUntil(timeout: .seconds(5)) { $0.jobsSent == 17 })
        loop.client.submit(ShareSubmission(jobID: old.job.jobID, extranonce2: [0, 0, 0, 1], ntime: old.job.ntime,
                                           nonce: 1, versionBits: 0))
        #expect(await loop.recorder.wait { $0.contains { $0.outcome == .rejected("stale") } })
        #expect(await pool.counters.rejectedStale == 1)
        await loop.shutdown(pool)
    }

    @Test func noWorkAfterHandshakeMeansReconnect() async throws {
        var options = Loopback.options()
        options.notifyTimeout = .milliseconds(300)
        let (pool, port) = try await Loopback.pool { $0.sendsJobs = false }
        let loop = Loopback(pools: [Loopback.config(port: port)], options: options)
        #expect(await loop.recorder.wait { events in
            events.contains { $0.disconnectReason(port: port)?.contains("sent no mining.notify") == true }
        })
        #expect(!loop.logs.errors(containing: "sent no mining.notify", peer: "127.0.0.1:\(port)").isEmpty)
        await loop.shutdown(pool)
    }

    @Test func silenceMeansReconnect() async throws {
        var options = Loopback.options()
        options.idleTimeout = .milliseconds(300)
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)], options: options)
        _ = try #require(await loop.work(from: port))
        #expect(await loop.recorder.wait { events in
            events.contains { $0.disconnectReason(port: port)?.contains("no data from pool") == true }
        })
        #expect(await pool.waitUntil(timeout: .seconds(5)) { $0.subscriptions >= 2 })
        await loop.shutdown(pool)
    }

    @Test func suggestDifficultyAtRunTime() async throws {
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)])
        _ = try #require(await loop.work(from: port))
        loop.client.suggestDifficulty(2048)
        #expect(await pool.waitUntil(timeout: .seconds(5)) { $0.suggestedDifficulties == [2048] })
        await loop.shutdown(pool)
    }

    @Test func submitWhileDisconnectedIsAnsweredAtOnce() async throws {
        let loop = Loopback(pools: [])
        loop.client.submit(ShareSubmission(jobID: "1", extranonce2: [0], ntime: 0, nonce: 0, versionBits: nil))
        #expect(await loop.recorder.wait { $0.contains { $0.outcome == .unanswered("not connected to a pool") } })
        #expect(loop.logs.all.contains { $0.message.contains("no pools configured") })
        await loop.shutdown()
    }
}
