import HearthStratum
import HearthTestPool
import Testing

/// A misbehaving pool: every fault is logged naming the peer, the client never
/// crashes, and it reconnects when the connection is unusable.
@Suite struct ClientFaultTests {
    @Test func poolClosingTheSocketLeadsToReconnectWithSessionResume() async throws {
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)])
        _ = try #require(await loop.work(from: port))
        let mark = loop.recorder.snapshot.count
        await pool.closeAllConnections()
        #expect(await loop.recorder.wait { events in
            let later = events.after(mark)
            return later.contains { $0.isDisconnect } && later.contains { $0.isMiningState } && !later.works.isEmpty
        })
        let reasons = loop.recorder.snapshot.after(mark).compactMap { $0.disconnectReason(port: port) }
        #expect(reasons.first?.contains("closed the connection") == true)
        #expect(await pool.counters.resumedSessions == 1)
        await loop.shutdown(pool)
    }

    @Test func unansweredSubmitTimesOutAndReconnects() async throws {
        var options = Loopback.options()
        options.submitTimeout = .milliseconds(500)
        options.handshakeTimeout = .milliseconds(500)
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)], options: options)
        let work = try #require(await loop.work(from: port))
        await pool.setIgnoresRequests(true)
        let mark = loop.recorder.snapshot.count
        loop.client.submit(ShareSubmission(jobID: work.job.jobID, extranonce2: [0, 0, 0, 1], ntime: work.job.ntime,
                                           nonce: 7, versionBits: nil))
        #expect(await loop.recorder.wait { events in
            events.after(mark).contains { if case .unanswered(let why)? = $0.outcome { why.contains("did not answer mining.submit") } else { false } }
                && events.after(mark).contains { $0.isDisconnect }
        })
        #expect(!loop.logs.errors(containing: "did not answer mining.submit", peer: "127.0.0.1:\(port)").isEmpty)
        // The reconnect's handshake times out too while the pool is silent; once it answers, mining resumes.
        await pool.setIgnoresRequests(false)
        #expect(await loop.recorder.wait { $0.after(mark).contains { $0.isMiningState } })
        await loop.shutdown(pool)
    }

    @Test func garbageWrongTypesAndUnknownMethodsAreLoggedAndSurvived() async throws {
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)])
        _ = try #require(await loop.work(from: port))
        let peer = "127.0.0.1:\(port)"
        await pool.sendGarbageLine()
        await pool.sendNotifyWithWrongTypes()
        await pool.sendUnknownMethod()
        #expect(await pool.waitUntil(timeout: .seconds(5)) { $0.clientErrorReplies == 1 })
        await pool.sendShowMessage("still here")
        #expect(await loop.recorder.wait { $0.contains { $0.message == "still here" } })

        #expect(!loop.logs.errors(containing: "sent a bad line (malformed JSON", peer: peer).isEmpty)
        #expect(!loop.logs.errors(containing: "sent a bad mining.notify: field mining.notify[4] should be array", peer: peer).isEmpty)
        #expect(loop.logs.all.contains { $0.message.contains("unknown method mining.frobnicate") && $0.peer == peer })
        #expect(!loop.recorder.snapshot.contains { $0.isDisconnect })
        #expect(await pool.counters.connections == 1)
        await loop.shutdown(pool)
    }

    @Test func oversizedLineClosesAndReconnects() async throws {
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)])
        _ = try #require(await loop.work(from: port))
        let mark = loop.recorder.snapshot.count
        await pool.sendOversizedLine()
        #expect(await loop.recorder.wait { events in
            events.after(mark).contains { $0.isDisconnect } && events.after(mark).contains { $0.isMiningState }
        })
        #expect(!loop.logs.errors(containing: "line longer than 65536 bytes", peer: "127.0.0.1:\(port)").isEmpty)
        #expect(await pool.counters.connections == 2)
        await loop.shutdown(pool)
    }

    @Test func clientReconnectFollowsToAnotherPort() async throws {
        let (first, firstPort) = try await Loopback.pool()
        let (second, secondPort) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: firstPort)])
        _ = try #require(await loop.work(from: firstPort))
        await first.sendReconnect(port: secondPort)
        let work = try #require(await loop.work(from: secondPort))
        #expect(work.pool.user == "bc1qtest.heater")
        #expect(await second.counters.authorizations == 1)
        await loop.shutdown(first, second)
    }

    @Test func clientReconnectToAnotherHostIsIgnoredUnlessAllowed() async throws {
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)])
        _ = try #require(await loop.work(from: port))
        await pool.sendReconnect(host: "pool.elsewhere.example", port: 3333)
        await pool.sendShowMessage("after reconnect")
        #expect(await loop.recorder.wait { $0.contains { $0.message == "after reconnect" } })
        #expect(!loop.recorder.snapshot.contains { $0.isDisconnect })
        #expect(loop.logs.all.contains { $0.message.contains("other host pool.elsewhere.example; not allowed") })
        await loop.shutdown(pool)
    }
}

@Suite struct ClientBoundsTests {
    @Test func sharesInFlightAreCapped() async throws {
        var options = Loopback.options()
        options.maxPendingSubmits = 2
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)], options: options)
        let work = try #require(await loop.work(from: port))
        await pool.setIgnoresRequests(true)
        for nonce: UInt32 in 1...3 {
            loop.client.submit(ShareSubmission(jobID: work.job.jobID, extranonce2: [0, 0, 0, 1], ntime: work.job.ntime,
                                               nonce: nonce, versionBits: nil))
        }
        #expect(await loop.recorder.wait { events in
            events.contains { if case .unanswered(let why)? = $0.outcome { why.contains("2 shares already waiting") } else { false } }
        })
        await loop.shutdown(pool)
    }

    @Test func aPoolSendingOnlyJunkIsDropped() async throws {
        let (pool, port) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: port)])
        _ = try #require(await loop.work(from: port))
        for _ in 0..<50 { await pool.sendGarbageLine() }
        #expect(await loop.recorder.wait { events in
            events.contains { $0.disconnectReason(port: port)?.contains("50 bad messages in a row") == true }
        })
        await loop.shutdown(pool)
    }
}
