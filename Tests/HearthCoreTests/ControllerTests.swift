import Testing
@testable import HearthCore

@Suite struct ControllerTests {
    let board = TestBoards.nanoLike
    let monday = WeekTime(day: 0, hour: 12)

    func tick(_ c: inout SupervisedController, room: Double, t: Int, chip: Double = 70) -> ControlDecision {
        c.tick(TestBoards.readings(chip: chip + Double(t % 3) * 0.125, room: room, salt: UInt32(t)),
               at: ControlTime(monotonic: Seconds(Double(t)), week: monday.advanced(by: Seconds(Double(t)))),
               actuatorError: nil)
    }

    @Test func coldRoomGetsFullPowerAndWarmRoomNone() {
        var c = SupervisedController(policy: HeaterController(board: board))
        var last: ControlDecision?
        for t in 0..<120 { last = tick(&c, room: 17, t: t) }
        #expect(last?.command.hashing == true)
        #expect(last?.command.operatingPoint == 2)
        var w = SupervisedController(policy: HeaterController(board: board))
        for t in 0..<120 { last = tick(&w, room: 25, t: t) }
        #expect(last?.command.hashing == false)
    }

    @Test func offModeStopsHashingAndMineModeRunsFlatOut() {
        var off = SupervisedController(policy: HeaterController(board: board, settings: ControlSettings(mode: .off)))
        var mine = SupervisedController(policy: HeaterController(board: board, settings: ControlSettings(mode: .mine)))
        var a: ControlDecision?, b: ControlDecision?
        for t in 0..<60 {
            a = tick(&off, room: 10, t: t)
            b = tick(&mine, room: 30, t: t)
        }
        #expect(a?.command.hashing == false)
        #expect(b?.command.hashing == true && b?.command.operatingPoint == 2)
    }

    /// Switching to off stops the chips on the next tick, though they started a moment ago
    /// (the planner's minimum on-time guards only the thermostat's own cycling).
    @Test func offStopsAtOnceEvenWithinTheMinimumOnTime() {
        var settings = ControlSettings(mode: .heat)
        var c = SupervisedController(policy: HeaterController(board: board, settings: settings))
        var t = 0
        while t < 600, tick(&c, room: 15, t: t).command.hashing == false { t += 1 }
        #expect(t < 600, "never started")
        t += 5                      // 5 s into a 3 min minimum on-time
        #expect(tick(&c, room: 15, t: t).command.hashing == true)
        settings.mode = .off
        c.settings = settings
        #expect(tick(&c, room: 15, t: t + 1).command.hashing == false)
    }

    @Test func ecoModeCapsPower() {
        var eco = SupervisedController(policy: HeaterController(board: board, settings: ControlSettings(mode: .eco, ecoPowerFraction: 0.75)))
        var d: ControlDecision?
        for t in 0..<120 { d = tick(&eco, room: 15, t: t) }
        #expect(d?.ceiling == Watts(105))
        #expect(d?.command.operatingPoint == 1)          // mid (100 W), never high (140 W)
        #expect(d?.reasons.contains(.ecoCap) == true)
    }

    @Test func tripLatchesTheSafeCommand() {
        var c = SupervisedController(policy: HeaterController(board: board))
        for t in 0..<30 { _ = tick(&c, room: 18, t: t) }
        let d = tick(&c, room: 18, t: 30, chip: 96)
        #expect(d.trip != nil)
        #expect(d.command == .safe(board))
        let later = tick(&c, room: 18, t: 31, chip: 60)
        #expect(later.command == .safe(board))
        c.clearTrip()
        #expect(tick(&c, room: 18, t: 32, chip: 60).trip == nil)
    }

    @Test func bangBangHasHysteresis() {
        var b = SupervisedController(policy: BangBangController(board: board))
        #expect(tick(&b, room: 20.4, t: 0).command.hashing == true)     // below 20.5: on
        #expect(tick(&b, room: 21.4, t: 1).command.hashing == true)     // inside the band: hold
        #expect(tick(&b, room: 21.6, t: 2).command.hashing == false)    // above 21.5: off
        #expect(tick(&b, room: 20.6, t: 3).command.hashing == false)    // inside the band: hold
        #expect(tick(&b, room: 20.6, t: 4).command.operatingPoint == 2)
    }

    @Test func scheduleOverridesModeAndTarget() throws {
        let schedule = try WeeklySchedule(parsing: "* 07:00 21 heat; * 22:00 18 off")
        var c = SupervisedController(policy: HeaterController(board: board, settings: ControlSettings(mode: .heat, target: Celsius(21), schedule: schedule)))
        let night = ControlTime(monotonic: .zero, week: WeekTime(day: 0, hour: 23))
        let d = c.tick(TestBoards.readings(room: 15), at: night, actuatorError: nil)
        #expect(d.mode == .off && d.target == Celsius(18))
        #expect(d.reasons.contains(.schedule))
    }
}
