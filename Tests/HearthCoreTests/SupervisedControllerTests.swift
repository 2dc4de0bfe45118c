import Testing
@testable import HearthCore

/// Safety wraps every policy: a policy is asked only while nothing is latched, and
/// what it asks for is held to the board's hard limits.
@Suite struct SupervisedControllerTests {
    let board = TestBoards.nanoLike
    let monday = WeekTime(day: 0, hour: 12)

    /// A policy that ignores everything and asks for the impossible, counting its calls.
    struct RoguePolicy: HeatingPolicy {
        let board: BoardProfile
        var settings = ControlSettings()
        var decisions = 0
        var resets = 0
        var point = 99
        mutating func decide(_ r: DeviceReadings, at time: ControlTime, safety: SafetyLimits) -> ControlDecision {
            decisions += 1
            return ControlDecision(command: DeviceCommand(hashing: true, operatingPoint: point, fanDuty: DutyCycle(0)),
                                   mode: .mine, target: Celsius(21), demand: board.maximumPower,
                                   ceiling: board.maximumPower, trip: nil, reasons: [])
        }
        mutating func reset() { resets += 1 }
    }

    func time(_ t: Int) -> ControlTime {
        ControlTime(monotonic: Seconds(Double(t)), week: monday.advanced(by: Seconds(Double(t))))
    }

    @Test func aPolicyCannotSkipTheSupervisor() {
        var c = SupervisedController(policy: RoguePolicy(board: board))
        for t in 0..<10 { _ = c.tick(TestBoards.readings(salt: UInt32(t)), at: time(t)) }
        var hot = c.tick(TestBoards.readings(salt: 10), at: time(10))
        for t in 11...24 where hot.trip == nil {        // the rogue policy runs flat out: the chip heats at 2 K/s
            hot = c.tick(TestBoards.readings(chip: 70 + 2 * Double(t - 10), salt: UInt32(t)), at: time(t))
        }
        #expect(hot.trip?.reason.kind == .chipOverTemperature)
        #expect(hot.command == .safe(board))
        #expect(hot.reasons == [.tripped(.chipOverTemperature)])
        let decisionsBefore = (c.policy as? RoguePolicy)?.decisions
        // Latched: the policy is not even asked while the trip holds, however cool the chip.
        for t in 25..<34 {
            #expect(c.tick(TestBoards.readings(chip: 50, salt: UInt32(t)), at: time(t)).command == .safe(board))
        }
        #expect((c.policy as? RoguePolicy)?.decisions == decisionsBefore)
        #expect(((c.policy as? RoguePolicy)?.resets ?? 0) >= 9)
        c.clearTrip()
        #expect(c.tick(TestBoards.readings(chip: 50, salt: 40), at: time(40)).trip == nil)
    }

    @Test func aPolicysCommandIsHeldToTheBoardsLimits() {
        var c = SupervisedController(policy: RoguePolicy(board: board))
        let d = c.tick(TestBoards.readings(), at: time(0))
        #expect(d.command == .safe(board))                     // point 99 does not exist: nothing runs
        var valid = RoguePolicy(board: board)
        valid.point = 2
        var v = SupervisedController(policy: valid)
        let e = v.tick(TestBoards.readings(), at: time(0))
        #expect(e.command.hashing && e.command.operatingPoint == 2)
        #expect(e.command.fanDuty == board.fan.minimumDuty)    // chips never run with a stopped fan
    }

    @Test func staleReadingsTripAtTheDevicesLimit() {
        var c = SupervisedController(policy: HeaterController(board: board),
                                     safety: .init(maximumReadingAge: Seconds(5)))
        let taken = TestBoards.readings().stamped(Seconds(100))
        #expect(c.tick(taken, at: time(105)).trip == nil)       // 5 s old: still allowed
        let d = c.tick(taken, at: time(106))
        #expect(d.trip?.reason.kind == .staleReading)
        #expect("\(d.trip!.reason)".contains("6.0 s old"))
    }

    @Test func nothingRunsBeforeASlowDevicesFirstReading() {
        var c = SupervisedController(policy: HeaterController(board: board), safety: .init(maximumReadingAge: Seconds(5)))
        let pending = DeviceReadings.pending("remote", since: Seconds(0))
        let d = c.tick(pending, at: time(3))
        #expect(d.trip == nil && d.command == .safe(board) && d.reasons == [.awaitingDevice])
        #expect(c.tick(pending, at: time(6)).trip?.reason.kind == .staleReading)
    }

    @Test func reasonCodesAreStableAndReadBack() {
        let all: [DecisionReason] = [.schedule, .throttle, .ecoCap, .priceCap, .quietLimit, .cyclingOff, .pointOverride,
                                     .fanOverride, .awaitingDevice] + TripCode.allCases.map { .tripped($0) }
        #expect(all.codes.contains("eco_cap") && all.codes.contains("tripped:stale_reading"))
        for r in all { #expect(DecisionReason(code: r.code) == r) }
        #expect(Set(all.codes).count == all.count)
        #expect(DecisionReason(code: "tripped:nonsense") == nil)
    }
}

@Suite struct RecoverableTripTests {
    let board = TestBoards.nanoLike

    @Test func aRecoverableTripClearsAfterTheReadingsAreSoundForTheWindow() {
        var policy = SafetySupervisor.Policy(maximumReadingAge: Seconds(30))
        policy.recoverable = [.staleReading]
        policy.recoveryWindow = Seconds(60)
        var s = SafetySupervisor(board: board, policy: policy)
        let old = TestBoards.readings().stamped(Seconds(0))
        #expect(s.check(old, commanded: .safe(board), hashing: false, now: Seconds(31))?.reason.kind == .staleReading)
        // Fresh readings again: held for the window, then released.
        var released: Double?
        for t in 32...120 where released == nil {
            let fresh = TestBoards.readings(salt: UInt32(t)).stamped(Seconds(Double(t)))
            if s.check(fresh, commanded: .safe(board), hashing: false, now: Seconds(Double(t))) == nil { released = Double(t) }
        }
        #expect(released == 92)
        #expect(s.trip == nil)
    }

    @Test func otherTripsStillWaitForAPerson() {
        var policy = SafetySupervisor.Policy()
        policy.recoverable = [.staleReading]
        var s = SafetySupervisor(board: board, policy: policy)
        #expect(s.check(TestBoards.readings(chip: 96), commanded: .safe(board), hashing: true, now: Seconds(0)) != nil)
        for t in 1...300 {
            #expect(s.check(TestBoards.readings(chip: 50, salt: UInt32(t)), commanded: .safe(board), hashing: false,
                            now: Seconds(Double(t))) != nil)
        }
    }
}
