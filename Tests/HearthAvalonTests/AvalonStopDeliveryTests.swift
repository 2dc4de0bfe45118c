import HearthAvalon
import HearthCGMinerAPI
import HearthCore
import HearthHAL
import HearthRuntime
import Synchronization
import Testing

/// Stopping a stock unit: a plug that cuts its mains (the unit then has no API), a plug
/// that does not answer, a firmware that refuses the soft off (issue 15).
@Suite struct AvalonStopDeliveryTests {
    let clock = TestClock()

    /// A plug in front of `unit`: cut, the unit has no power and so no API.
    final class MainsPlug: PowerSwitch {
        let name = "mains plug"
        let unit: ScriptedUnit
        init(unit: ScriptedUnit) { self.unit = unit }
        func set(on: Bool) async throws { unit.set { $0.offline = !on } }
    }

    /// A plug that never answers.
    final class SilentPlug: PowerSwitch {
        struct NoAnswer: Error {}
        let name = "silent plug"
        let attempts = Mutex(0)
        func set(on: Bool) async throws {
            attempts.withLock { $0 += 1 }
            throw NoAnswer()
        }
    }

    func device(_ model: AvalonModel, board: String, off: OffSwitch, unit: ScriptedUnit) throws -> AvalonDevice {
        let clock = self.clock
        return try AvalonDevice(link: unit, board: try Boards.profile(board), model: model.profile, offSwitch: off,
                                room: { Reading(Celsius(19.5), takenAt: clock.now) }, now: { clock.now },
                                unixTime: { 1_760_000_000 })
    }

    static let off = DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: DutyCycle(1))
    static let on = DeviceCommand(hashing: true, operatingPoint: 1, fanDuty: DutyCycle(0.5))

    @Test func aUnitItsPlugCutIsUnpoweredNotLost() async throws {
        let unit = ScriptedUnit(model: .nano3s)
        let d = try device(.nano3s, board: "avalon-nano3s", off: .power(MainsPlug(unit: unit)), unit: unit)
        _ = try await offPool { d.read() }
        try await offPool { try d.apply(Self.off) }
        #expect(unit.state.withLock { $0.offline })                    // cut: no API
        var last = DeviceReadings.pending("x", since: .zero)
        for _ in 0..<20 {                                               // 100 s, far past the 30 s age limit
            clock.advance(5)
            last = try await offPool { d.read() }
        }
        #expect(last.chipTemperature.takenAt == clock.now)              // fresh, not a lost unit
        let chip = try #require(last.chipTemperature.value)
        #expect(chip < Celsius(80) && chip > Celsius(19.5))              // cooling from 80 °C towards the room
        #expect(last.power?.value == Watts(0))
        // Power back: the unit boots (no API) within the allowance without growing stale.
        try await offPool { try d.apply(Self.on) }
        unit.set { $0.offline = true }                                  // still booting
        clock.advance(60)
        #expect(try await offPool { d.read() }.chipTemperature.takenAt == clock.now)
        clock.advance(40)                                               // past the 90 s boot allowance: lost
        #expect(try await offPool { d.read() }.chipTemperature.takenAt != clock.now)
    }

    @Test func aUnitLostBeforeItsPlugCutStaysStale() async throws {
        let unit = ScriptedUnit(model: .nano3s)
        let d = try device(.nano3s, board: "avalon-nano3s", off: .power(MainsPlug(unit: unit)), unit: unit)
        let first = try await offPool { d.read() }
        unit.set { $0.offline = true }
        for _ in 0..<7 {                                                // lost, until the stale trip
            clock.advance(5)
            _ = try await offPool { d.read() }
        }
        try await offPool { try d.apply(Self.off) }                     // the trip's safe command: cut
        for _ in 0..<10 {
            clock.advance(5)
            _ = try await offPool { d.read() }
        }
        // Its silence proves nothing now: still the old readings, so the stale trip stays.
        #expect(try await offPool { d.read() }.chipTemperature.takenAt == first.chipTemperature.takenAt)
    }

    @Test func aPlugThatDoesNotCutIsAnActuatorFailureAndTheUnitGoesToItsLowestSetting() async throws {
        let unit = ScriptedUnit(model: .nano3s)
        unit.set { $0.mode = 2 }
        let plug = SilentPlug()
        let d = try device(.nano3s, board: "avalon-nano3s", off: .power(plug), unit: unit)
        _ = try await offPool { d.read() }
        try await offPool { try d.apply(Self.off) }                     // within the limit: no error yet
        #expect(unit.commands == [.setWorkMode(0)])                     // the least heat the firmware gives
        clock.advance(31)
        _ = try await offPool { d.read() }
        let error = await #expect(throws: BusError.self) { try await offPool { try d.apply(Self.off) } }
        #expect(error?.description.contains("silent plug") == true)
        #expect(plug.attempts.withLock { $0 } >= 2)
    }

    @Test func aRefusedSoftOffIsAnActuatorFailure() async throws {
        let unit = ScriptedUnit(model: .q)
        unit.set { $0.refusesWrites = true }
        let d = try device(.q, board: "avalon-q", off: .softOff, unit: unit)
        _ = try await offPool { d.read() }
        try await offPool { try d.apply(Self.off) }
        clock.advance(20)
        _ = try await offPool { d.read() }
        try await offPool { try d.apply(Self.off) }                     // 20 s: still within the limit
        clock.advance(15)
        _ = try await offPool { d.read() }
        let error = await #expect(throws: BusError.self) { try await offPool { try d.apply(Self.off) } }
        #expect(error?.description.contains("asked to stop heating") == true)
        // Taken at last: the failure is gone.
        unit.set { $0.refusesWrites = false }
        clock.advance(15)
        _ = try await offPool { d.read() }
        try await offPool { try d.apply(Self.off) }
    }

    @Test func anUnreachableUnitIsNotAnActuatorFailure() async throws {
        let unit = ScriptedUnit(model: .q)
        let d = try device(.q, board: "avalon-q", off: .softOff, unit: unit)
        _ = try await offPool { d.read() }
        unit.set { $0.offline = true }
        for _ in 0..<12 {
            clock.advance(5)
            _ = try await offPool { d.read() }
            try await offPool { try d.apply(Self.off) }                 // the stale reading reports it instead
        }
    }

    /// Behind `BackgroundDevice` the controller's command stays "off" for good; the worker
    /// confirms it after every read, so the refusal still reaches the loop.
    @Test func behindTheWorkerARefusedStopIsReportedThoughTheCommandNeverChanges() async throws {
        let unit = ScriptedUnit(model: .q)
        unit.set { $0.refusesWrites = true }
        let clock = self.clock
        let d = try device(.q, board: "avalon-q", off: .softOff, unit: unit)
        let background = BackgroundDevice(wrapping: d, pollInterval: .milliseconds(2), now: { clock.now })
        defer { background.stop() }
        try background.apply(Self.off)
        var reported: BusError?
        let deadline = ContinuousClock.now + .seconds(10)
        while reported == nil, ContinuousClock.now < deadline {
            clock.advance(1)
            try await Task.sleep(for: .milliseconds(5))                // wait for the worker (bounded)
            do { try background.apply(Self.off) } catch { reported = error }
        }
        #expect(reported?.description.contains("asked to stop heating") == true)
        #expect(background.counters.applies > 1)
    }
}
