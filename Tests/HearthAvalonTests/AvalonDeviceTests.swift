import HearthAvalon
import HearthCGMinerAPI
import HearthCore
import HearthHAL
import HearthRuntime
import Testing

@Suite struct AvalonDeviceTests {
    let clock = TestClock()

    func device(_ model: AvalonModel, board: String, off: OffSwitch? = nil, unit: ScriptedUnit? = nil) throws
        -> (AvalonDevice, ScriptedUnit) {
        let unit = unit ?? ScriptedUnit(model: model)
        let clock = self.clock
        let offSwitch = off ?? (model.profile.hasSoftOff == true ? .softOff : .floor)
        let d = try AvalonDevice(link: unit, board: try Boards.profile(board), model: model.profile, offSwitch: offSwitch,
                                 room: { Reading(Celsius(19.5), takenAt: clock.now) }, now: { clock.now },
                                 unixTime: { 1_760_000_000 })
        return (d, unit)
    }

    @Test func onlyPointsTheFirmwareCanSelectArePlannedWith() async throws {
        #expect(try device(.nano3s, board: "avalon-nano3s").0.profile.operatingPoints.map(\.name) == ["low", "mid", "high"])
        #expect(try device(.q, board: "avalon-q").0.profile.operatingPoints.map(\.name) == ["eco", "standard", "super"])
        // The Mini 3's heater levels have no public setting number: only Night and Mining are reachable.
        #expect(try device(.mini3, board: "avalon-mini3").0.profile.operatingPoints.map(\.name) == ["night", "mining"])
        #expect(throws: AvalonDeviceError.self) {
            try AvalonSettingMap(board: try Boards.profile("piaxe"), model: AvalonModel.q.profile)
        }
    }

    @Test func readingsComeFromEstatsWithTheirTime() async throws {
        let (d, _) = try device(.nano3s, board: "avalon-nano3s")
        clock.advance(12)
        let r = try await offPool { d.read() }
        #expect(r.chipTemperature.value == Celsius(80))
        #expect(r.chipTemperature.takenAt == Seconds(12))
        #expect(r.power?.value == Watts(100))                 // PS[6] at Mid
        #expect(r.inletTemperature == nil)                    // the Nano 3S prints -273: no sensor
        #expect(r.roomTemperature.value == Celsius(19.5))
        #expect(d.status.setting == "Mid" && d.status.hashing == true)
    }

    @Test func aSettingChangeWaitsOutTheDwellAndTheRecalibration() async throws {
        let (d, unit) = try device(.nano3s, board: "avalon-nano3s")
        _ = try await offPool { d.read() }
        try await offPool { try d.apply(DeviceCommand(hashing: true, operatingPoint: 2, fanDuty: DutyCycle(0.5))) }
        #expect(unit.commands == [.setWorkMode(2)])
        // Right away back to low: held back (the hashing just restarted).
        try await offPool { try d.apply(DeviceCommand(hashing: true, operatingPoint: 0, fanDuty: DutyCycle(0.5))) }
        for _ in 0..<20 {
            clock.advance(10)
            _ = try await offPool { d.read() }
        }
        #expect(unit.commands == [.setWorkMode(2)])
        #expect(d.status.commandsDeferred > 0)
        clock.advance(200)                                    // past the 5 min dwell
        _ = try await offPool { d.read() }
        #expect(unit.commands == [.setWorkMode(2), .setWorkMode(0)])
        #expect(d.status.commandsRefused == 0)
    }

    @Test func noSoftOffAndNoPlugMeansTheFloorAndStatusSaysSo() async throws {
        let (d, unit) = try device(.nano3s, board: "avalon-nano3s")
        _ = try await offPool { d.read() }
        try await offPool { try d.apply(DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: DutyCycle(1))) }
        #expect(unit.commands == [.setWorkMode(0)])
        #expect(!unit.commands.contains { if case .softOff = $0 { true } else { false } })
        let note = try #require(d.status.floorNote)
        #expect(note.contains("no soft off") && note.contains("Low") && note.contains("46 W"))
    }

    @Test func aPlugSwitchesAUnitWithoutSoftOff() async throws {
        let plug = RecordingPlug()
        let (d, unit) = try device(.nano3s, board: "avalon-nano3s", off: .power(plug))
        _ = try await offPool { d.read() }
        try await offPool { try d.apply(DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: DutyCycle(1))) }
        try await offPool { try d.apply(DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: DutyCycle(0.3))) }
        #expect(plug.states.withLock { $0 } == [false])
        #expect(unit.commands.isEmpty)
        #expect(d.status.floorNote == nil)
        clock.advance(5)
        try await offPool { try d.apply(DeviceCommand(hashing: true, operatingPoint: 1, fanDuty: DutyCycle(0.3))) }
        #expect(plug.states.withLock { $0 } == [false, true])
    }

    @Test func theQIsSoftOffAndOn() async throws {
        let (d, unit) = try device(.q, board: "avalon-q")
        _ = try await offPool { d.read() }
        try await offPool { try d.apply(DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: DutyCycle(1))) }
        #expect(unit.commands == [.softOff(atUnixTime: 1_760_000_000)])
        _ = try await offPool { d.read() }
        #expect(d.status.hashing == false)
        try await offPool { try d.apply(DeviceCommand(hashing: true, operatingPoint: 1, fanDuty: DutyCycle(0.5))) }
        #expect(unit.commands.last == .softOn(atUnixTime: 1_760_000_000))
        #expect(d.status.commandsRefused == 0)
    }

    /// Timed soft off/on are stamped on the unit's clock, not Hearth's: a Pi that booted in
    /// 1970 or runs hours ahead must not schedule the stop for a time the unit has not reached.
    @Test func softOffIsStampedOnTheUnitsClock() async throws {
        let unit = ScriptedUnit(model: .q)
        unit.set { $0.unitTime = 1_700_000_000 }          // Hearth's clock says 1_760_000_000
        let (d, _) = try device(.q, board: "avalon-q", unit: unit)
        _ = try await offPool { d.read() }
        clock.advance(7)
        try await offPool { try d.apply(DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: DutyCycle(1))) }
        #expect(unit.commands == [.softOff(atUnixTime: 1_700_000_007)])
    }

    @Test func commandsPerMinuteAreBounded() async throws {
        var options = AvalonDeviceOptions()
        options.fanControl = .hearth
        options.fanInterval = .zero
        options.maximumCommandsPerMinute = 6
        let unit = ScriptedUnit(model: .q)
        let clock = self.clock
        let d = try AvalonDevice(link: unit, board: try Boards.profile("avalon-q"), model: AvalonModel.q.profile,
                                 offSwitch: .softOff, options: options, room: { Reading(Celsius(20), takenAt: clock.now) },
                                 now: { clock.now }, unixTime: { 1_760_000_000 })
        _ = try await offPool { d.read() }
        for i in 0..<100 {                                   // a controller gone mad: a new fan duty every call
            try await offPool { try d.apply(DeviceCommand(hashing: true, operatingPoint: 1, fanDuty: DutyCycle(0.2 + Double(i % 8) * 0.1))) }
        }
        #expect(unit.commands.count == 6)
        clock.advance(61)
        try await offPool { try d.apply(DeviceCommand(hashing: true, operatingPoint: 1, fanDuty: DutyCycle(0.95))) }
        #expect(unit.commands.count == 7)
    }

    @Test func aUnitThatStopsAnsweringKeepsItsLastReadingsWhichGrowStale() async throws {
        let (d, unit) = try device(.nano3s, board: "avalon-nano3s")
        #expect(try await offPool { d.read() }.chipTemperature.value != nil)
        unit.set { $0.offline = true }
        clock.advance(40)
        let r = try await offPool { d.read() }
        #expect(r.chipTemperature.takenAt == Seconds(0))
        #expect(r.chipTemperature.age(at: clock.now) > d.readingAgeLimit)
        #expect(d.status.consecutiveFailedPolls == 1)
        #expect(d.status.lastError?.contains("127.0.0.1:4028") == true)
    }

    @Test func behindTheRuntimeAnUnreachableUnitEndsInTheSafeState() async throws {
        let (d, unit) = try device(.q, board: "avalon-q")
        let loop = ControlLoop(device: d, policy: HeaterController(board: d.profile, timing: d.preferredTiming))
        var t = 0.0
        func tick() async throws -> TickRecord {
            defer { t += 1; clock.advance(1) }
            let at = ControlTime(monotonic: Seconds(t), week: WeekTime(day: 0, hour: 7).advanced(by: Seconds(t)))
            let handed = Handed(value: loop)
            return try await offPool { handed.value.tick(at: at) }
        }
        for _ in 0..<30 { #expect(try await tick().decision.trip == nil) }
        unit.set { $0.offline = true }
        var trip: TickRecord?
        for _ in 0..<60 where trip == nil {
            let r = try await tick()
            if r.decision.trip != nil { trip = r }
        }
        #expect(trip?.decision.trip?.reason.kind == .staleReading)
        #expect(trip.map { $0.time.monotonic.value - 29 }! <= d.readingAgeLimit.value + 1)
        #expect(trip?.decision.command.hashing == false)
    }
}

@Suite struct AvalonRecoveryTests {
    @Test func aUnitThatComesBackIsSteeredAgainWithoutAPerson() async throws {
        let clock = TestClock()
        let unit = ScriptedUnit(model: .q)
        let d = try AvalonDevice(link: unit, board: try Boards.profile("avalon-q"), model: AvalonModel.q.profile,
                                 offSwitch: .softOff, room: { Reading(Celsius(19), takenAt: clock.now) }, now: { clock.now },
                                 unixTime: { 1_760_000_000 })
        let loop = ControlLoop(device: d, policy: HeaterController(board: d.profile, timing: d.preferredTiming))
        var t = 0.0
        func tick() async throws -> TickRecord {
            defer { t += 1; clock.advance(1) }
            let at = ControlTime(monotonic: Seconds(t), week: WeekTime(day: 0, hour: 7).advanced(by: Seconds(t)))
            let handed = Handed(value: loop)
            return try await offPool { handed.value.tick(at: at) }
        }
        for _ in 0..<20 { _ = try await tick() }
        unit.set { $0.offline = true }
        var tripped = false
        for _ in 0..<40 { if try await tick().decision.trip != nil { tripped = true } }
        #expect(tripped)
        unit.set { $0.offline = false }
        var resumedAt: Double?
        for _ in 0..<120 where resumedAt == nil {
            let r = try await tick()
            if r.decision.trip == nil { resumedAt = r.time.monotonic.value }
        }
        let resumed = try #require(resumedAt)
        // The unit is asked again within the backoff's longest pause (20 s); sound readings
        // for the 60 s window, then it runs.
        #expect(resumed - 60 <= 20 + 60 + 2)
    }
}

@Suite struct AvalonBackoffTests {
    @Test func aSilentUnitIsAskedAgainAfterAGrowingPauseNotEveryPoll() async throws {
        let clock = TestClock()
        let unit = ScriptedUnit(model: .q)
        let d = try AvalonDevice(link: unit, board: try Boards.profile("avalon-q"), model: AvalonModel.q.profile,
                                 offSwitch: .softOff, room: { Reading(Celsius(19), takenAt: clock.now) }, now: { clock.now }, unixTime: { 1_760_000_000 })
        _ = try await offPool { d.read() }
        unit.set { $0.offline = true }
        for _ in 0..<120 {                                       // two minutes of polls every second
            clock.advance(1)
            _ = try await offPool { d.read() }
        }
        let attempts = d.status.consecutiveFailedPolls
        #expect(attempts >= 5 && attempts <= 15, "\(attempts) attempts in 120 s")
        unit.set { $0.offline = false }
        clock.advance(25)                                        // past the longest pause (20 s)
        _ = try await offPool { d.read() }
        #expect(d.status.consecutiveFailedPolls == 0)
    }
}
