@testable import HearthStratum
import HearthTestPool
import Testing

@Suite struct ClientFailoverTests {
    @Test func primaryDownMeansBackupWithinFiveSecondsThenBackToPrimary() async throws {
        // A port that was just free: start a pool, note its port, stop it.
        let (probe, primaryPort) = try await Loopback.pool()
        await probe.stop()
        let (backup, backupPort) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: backupPort, priority: 1), Loopback.config(port: primaryPort)])
        let started = ContinuousClock.now
        _ = try #require(await loop.work(from: backupPort, timeout: .seconds(5)))
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(!loop.logs.errors(containing: "cannot connect to pool stratum+tcp://127.0.0.1:\(primaryPort)",
                                  peer: "127.0.0.1:\(primaryPort)").isEmpty)

        var configuration = TestPoolConfiguration()
        configuration.port = primaryPort
        configuration.jobInterval = nil
        let primary = TestPool(configuration: configuration, logger: LogCapture().logger("pool"))
        try await primary.start()
        #expect(await loop.recorder.wait { $0.contains { $0.isMining(port: primaryPort) } })
        _ = try #require(await loop.work(from: primaryPort))
        // The backup connection is closed once the primary completed its handshake.
        #expect(await backup.waitUntil(timeout: .seconds(5)) { $0.openConnections == 0 })
        await loop.shutdown(backup, primary)
    }

    @Test func rejectedAuthorizeIsAClearFailureAndFailsOver() async throws {
        let (primary, primaryPort) = try await Loopback.pool { $0.authorizeAccepts = false }
        let (backup, backupPort) = try await Loopback.pool()
        let loop = Loopback(pools: [Loopback.config(port: primaryPort), Loopback.config(port: backupPort, priority: 1)])
        _ = try #require(await loop.work(from: backupPort))
        let reasons = loop.recorder.snapshot.compactMap { $0.disconnectReason(port: primaryPort) }
        #expect(reasons.first == "pool 127.0.0.1:\(primaryPort) rejected worker bc1qtest.heater: unauthorized worker")
        #expect(!loop.logs.errors(containing: "rejected worker", peer: "127.0.0.1:\(primaryPort)").isEmpty)
        #expect(await primary.counters.rejectedAuthorizations >= 1)
        await loop.shutdown(primary, backup)
    }
}
