import HearthTestPool
import Testing
@testable import HearthStratum

/// Issue 15: a pool that sends only garbage is dropped by the bad-line rule, whatever the
/// garbage is: noise, or well-formed JSON whose fields are wrong (that once reset the count).
@Suite(.timeLimit(.minutes(1))) struct PoolGarbageTests {
    @Test(arguments: PoolGarbage.allCases)
    func aPoolSendingOnlyGarbageIsDroppedByTheBadLineRule(_ garbage: PoolGarbage) async throws {
        let (pool, port) = try await Loopback.pool()
        var options = Loopback.options()
        options.submitTimeout = .seconds(60)        // no share timeout may do the rule's work
        options.idleTimeout = .seconds(60)
        options.maxBadLinesInARow = 20
        let loop = Loopback(pools: [Loopback.config(port: port)], options: options)
        #expect(await loop.recorder.wait { $0.contains { $0.isMiningState } })
        let clock = ContinuousClock()
        let injected = clock.now
        try await pool.setFault(.garbage(garbage))
        #expect(await loop.recorder.wait(timeout: .seconds(10)) { $0.contains { $0.disconnectReason(port: port) != nil } })
        let noticed = clock.now - injected
        // 20 lines at one per 100 ms (oversize: the first line), plus a loaded machine's slack.
        #expect(noticed < .seconds(5), "\(garbage): \(noticed)")
        let reason = loop.recorder.snapshot.compactMap { $0.disconnectReason(port: port) }.first ?? ""
        #expect(reason.contains("127.0.0.1:\(port)"), "\(reason)")
        await loop.shutdown(pool)
    }
}
