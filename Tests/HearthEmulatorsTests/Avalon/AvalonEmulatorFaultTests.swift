import HearthCGMinerAPI
import HearthCore
import Testing
@testable import HearthEmulators

/// Each fault knob gives the error the client should report (loopback 127.0.0.128–137).
@Suite struct AvalonEmulatorFaultTests {
    /// What the client reported: nil for success, the error's kind otherwise.
    func kind(_ body: () async throws -> Void) async -> CGMinerClientError.Kind? {
        do {
            try await body()
            return nil
        } catch let error as CGMinerClientError {
            return error.kind
        } catch {
            return .connectionError("not a client error: \(error)")
        }
    }

    @Test func droppedConnectionIsAClosedEarlyWithNothing() async throws {
        try await withEmulator(.nano3s, host: "127.0.0.130") { (emulator, client) async throws in
            emulator.inject(.drop)
            #expect(await kind { _ = try await client.version() } == .closedEarly(receivedBytes: 0))
            #expect(try await client.version().model == .nano3s, "one-shot: the next connection is served")
            #expect(emulator.counters.faults["drop"] == 1)
        }
    }

    @Test func replyWithoutTerminatorOrCutShortIsClosedEarlyWithBytes() async throws {
        try await withEmulator(.q, host: "127.0.0.131") { (emulator, client) async throws in
            emulator.inject(.noTerminator)
            guard case .closedEarly(let all)? = await kind({ _ = try await client.estats() }) else {
                Issue.record("no terminator: closed early")
                return
            }
            emulator.inject(.cutShort(fraction: 0.5))
            guard case .closedEarly(let half)? = await kind({ _ = try await client.estats() }) else {
                Issue.record("cut short: closed early")
                return
            }
            #expect(all > 100)
            #expect(half > 0 && half < all)
        }
    }

    @Test func garbageIsAMalformedReplyAtByteZero() async throws {
        try await withEmulator(.mini3, host: "127.0.0.132") { (emulator, client) async throws in
            emulator.setFault(.garbage)
            guard case .malformedReply(.garbage(let offset, _))? = await kind({ _ = try await client.summary() }) else {
                Issue.record("garbage is malformed")
                return
            }
            #expect(offset == 0)
            emulator.setFault(nil)
            #expect(try await client.summary().elapsed == Seconds(0))
        }
    }

    @Test func aStalledReplyTimesOutTheClient() async throws {
        let options = CGMinerClientOptions(connectTimeout: .seconds(2), replyTimeout: .milliseconds(150))
        try await withEmulator(.nano3, host: "127.0.0.133", options: options) { (emulator, client) async throws in
            emulator.inject(.stall(.milliseconds(600)))
            guard case .replyTimedOut(let ms, let received)? = await kind({ _ = try await client.version() }) else {
                Issue.record("a stall times out")
                return
            }
            #expect(ms == 150)
            #expect(received == 0)
            // The firmware stays busy with the stalled connection: the next one is served after it.
            let patient = CGMinerClient(endpoint: client.endpoint, options: AvalonTestSupport.clientOptions)
            let start = ContinuousClock.now
            #expect(try await patient.version().model == .nano3)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }

    @Test func offlineUnitRefusesConnectionsAndComesBack() async throws {
        try await withEmulator(.nano3s, host: "127.0.0.134") { (emulator, client) async throws in
            emulator.setOffline(true)
            #expect(await AvalonTestSupport.eventually {
                await kind({ _ = try await client.version() }) == .refused
            })
            emulator.setOffline(false)
            #expect(await AvalonTestSupport.eventually {
                await kind({ _ = try await client.version() }) == nil
            })
        }
    }

    @Test func restartMidCommandClosesThenRefusesUntilBooted() async throws {
        let clock = ManualClock()
        clock.advance(by: 500)
        try await withEmulator(.q, host: "127.0.0.135", clock: clock) { (emulator, client) async throws in
            #expect(try await client.stats().elapsed == Seconds(0))
            clock.advance(by: 100)
            #expect(try await client.ascset(.setWorkMode(1)) == .ok)
            emulator.inject(.restart(unavailableFor: Seconds(40)))
            #expect(await kind { _ = try await client.version() } == .closedEarly(receivedBytes: 0))
            #expect(await AvalonTestSupport.eventually {
                await kind({ _ = try await client.version() }) == .refused
            })
            #expect(emulator.status.downUntil == Seconds(640))
            clock.advance(by: 45)
            emulator.update()
            #expect(await AvalonTestSupport.eventually {
                await kind({ _ = try await client.version() }) == nil
            })
            let stats = try await client.stats()
            #expect(stats.elapsed == Seconds(5), "uptime starts again at the boot")
            #expect(try await client.estats().workMode == 1, "the unit keeps its mode across a restart")
            #expect(emulator.counters.faults["restart"] == 1)
        }
    }

    @Test func dropProbabilityIsSeededAndCounted() async throws {
        try await withEmulator(.nano3s, host: "127.0.0.136", configure: {
            $0.behaviour.dropProbability = 0.5
            $0.seed = 7
        }) { (emulator, client) async throws in
            var dropped = 0
            for _ in 0..<20 where await kind({ _ = try await client.version() }) == .closedEarly(receivedBytes: 0) {
                dropped += 1
            }
            #expect(dropped > 2 && dropped < 18)
            #expect(emulator.counters.faults["drop"] == dropped)
            emulator.setDropProbability(0)
            #expect(try await client.version().model == .nano3s)
        }
    }

    @Test func silentClientIsDroppedAfterTheReceiveTimeoutAndOthersWait() async throws {
        try await withEmulator(.nano3s, host: "127.0.0.137", configure: { $0.receiveTimeout = .milliseconds(400) }) {
            (emulator, client) async throws in
            // A plain request with no command is zero bytes: the connection opens and sends nothing.
            let silent = CGMinerClient(endpoint: client.endpoint,
                                       options: CGMinerClientOptions(connectTimeout: .seconds(2), replyTimeout: .seconds(2),
                                                                     requestForm: .plain))
            async let waitedOut = kind { _ = try await silent.exchange(CGMinerRequest(joined: [])) }
            #expect(await AvalonTestSupport.eventually { emulator.counters.connections == 1 })
            // (How long the version request waited behind the silent one depends on the
            // machine's load; the order and the timeout are what the firmware guarantees.)
            _ = try await client.version()
            #expect(await waitedOut == .closedEarly(receivedBytes: 0))
            #expect(emulator.counters.receiveTimeouts == 1)
        }
    }

    @Test func plugOffTakesTheUnitAwayAndPlugOnBootsIt() async throws {
        let clock = ManualClock()
        let hardware = RecordingHardware()
        try await withEmulator(.nano3s, host: "127.0.0.128", clock: clock, hardware: hardware) { (emulator, client) async throws in
            clock.advance(by: 1000)
            emulator.setMainsPower(false)
            #expect(hardware.calls.hashing.last == false)
            #expect(hardware.calls.fans.last == .off)
            #expect(!emulator.status.powered)
            #expect(await AvalonTestSupport.eventually {
                await kind({ _ = try await client.version() }) == .refused
            })
            clock.advance(by: 600)
            emulator.update()
            #expect(await kind { _ = try await client.version() } == .refused, "no power, no API, however long")
            emulator.setMainsPower(true)
            #expect(emulator.status.downUntil == Seconds(1630), "it boots first")
            clock.advance(by: 31)
            emulator.update()
            #expect(await AvalonTestSupport.eventually {
                await kind({ _ = try await client.version() }) == nil
            })
            #expect(try await client.stats().elapsed == Seconds(1))
            #expect(hardware.calls.hashing.last == true)
            #expect(hardware.calls.fans.last == .auto(target: Celsius(80)))
        }
    }
}
