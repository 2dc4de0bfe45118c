@testable import HearthStratum
import HearthTestPool
import Testing

/// Issue 16: a pool that keeps asking for an immediate reconnect must not make the
/// client spin, and must end up treated as a failing pool.
@Suite(.timeLimit(.minutes(1))) struct MisbehavingPoolTests {
    /// The defaults a user runs with (1 s floor), with short handshake timeouts.
    static func defaults() -> StratumClientOptions {
        var o = StratumClientOptions()
        o.connectTimeout = .seconds(2)
        o.handshakeTimeout = .seconds(2)
        o.retryJitterSeed = 7
        return o
    }

    @Test func aReconnectStormIsHeldToTheFloorWhateverThePoolAsks() async throws {
        let (storm, port) = try await Loopback.pool { $0.reconnectStorm = true }
        let clock = ContinuousClock()
        let start = clock.now
        let loop = Loopback(pools: [Loopback.config(port: port)], options: Self.defaults())
        // Four connections: three waits in between, none shorter than the 1 s floor.
        #expect(await storm.waitUntil(timeout: .seconds(20)) { $0.connections >= 4 })
        let elapsed = clock.now - start
        #expect(elapsed >= .seconds(3), "4 connections in \(elapsed)")
        // Without the floor this pool got ~4 500 reconnects a second; log lines stay few.
        let lines = loop.logs.all.filter { $0.message.contains("reconnect") }
        #expect(lines.count <= 8, "\(lines.count) log lines: \(lines.map(\.message))")
        await loop.shutdown(storm)
    }

    @Test func aPoolThatKeepsAskingToReconnectIsFailedOver() async throws {
        let (storm, stormPort) = try await Loopback.pool { $0.reconnectStorm = true }
        let (backup, backupPort) = try await Loopback.pool()
        var options = Self.defaults()
        options.primaryProbeInterval = .seconds(600)
        let loop = Loopback(pools: [Loopback.config(port: stormPort, priority: 0), Loopback.config(port: backupPort, priority: 1)],
                            options: options)
        #expect(await loop.recorder.wait(timeout: .seconds(30)) { events in events.contains { $0.isMining(port: backupPort) } })
        let reasons = loop.recorder.snapshot.compactMap { $0.disconnectReason(port: stormPort) }
        #expect(reasons.contains { $0.contains("asked to reconnect 3 times in a row") }, "\(reasons)")
        #expect(await storm.counters.connections <= 4)
        await loop.shutdown(storm, backup)
    }
}

@Suite struct LogGateTests {
    @Test func aPoolRejectingEveryShareGetsOneLinePerWindow() {
        let capture = LogCapture()
        let logger = capture.logger("gate")
        let gate = LogGate()
        for i in 0..<2000 {
            gate.log(logger, .warning, peer: "127.0.0.1:3333", kind: "rejected share", "pool 127.0.0.1:3333 rejected share \(i)")
            gate.log(logger, .warning, peer: "127.0.0.1:4444", kind: "rejected share", "pool 127.0.0.1:4444 rejected share \(i)")
        }
        let lines = capture.all.map(\.message)
        #expect(lines.count == 2)                                 // one per peer within the window
        #expect(lines.contains { $0.contains("3333") } && lines.contains { $0.contains("4444") })
    }
}
