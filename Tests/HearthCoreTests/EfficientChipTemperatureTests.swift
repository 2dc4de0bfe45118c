import Testing
@testable import HearthCore

/// The most efficient chip temperature (`EfficientChipTemperature`) and the fan loop following it.
@Suite struct EfficientChipTemperatureTests {
    let board = TestBoards.nanoLike
    /// The Nano 3S board file's fitted model (boards/avalon-nano3s.toml).
    static let leaky = ChipEfficiencyModel(chipCount: 12, switchingCoefficient: 0.1851, leakageAt25C: Amperes(0.599),
                                           leakageDoubling: Kelvin(25), fixedPower: Watts(3), psuEfficiency: 0.9,
                                           fanMaximumPower: Watts(4), fanMinimumRPM: RPM(600),
                                           resistanceAtMaximum: 0.24, resistanceNatural: 5)

    /// Wall power predicted when the fan holds the chips at `chip` (the slowest speed that does).
    func wall(at chip: Celsius, _ e: EfficientChipTemperature, point: OperatingPoint) -> Watts? {
        let speeds = stride(from: 705.0, through: 4700, by: 5).map { RPM($0) }
        return speeds.lazy.compactMap { e.steady(point: point, inlet: Celsius(21), rpm: $0) }.first { $0.chip <= chip }?.wall
    }

    @Test func leakyChipsRunCoolerThanTheBoardTargetAndDrawLess() throws {
        var e = EfficientChipTemperature(model: Self.leaky, fan: board.fan, thermal: board.thermal)
        for (i, p) in board.operatingPoints.enumerated() {
            let t = e.target(pointIndex: i, point: p, inlet: Celsius(21), rpmCap: board.fan.maximumRPM)
            #expect(t < board.thermal.chipTarget - Kelvin(10), "\(p.name): \(t)")
            let atBest = try #require(wall(at: t + Kelvin(0.01), e, point: p))
            let atTarget = try #require(wall(at: board.thermal.chipTarget, e, point: p))
            #expect(atBest < atTarget * 0.99, "\(p.name): \(atBest) vs \(atTarget) at the board target")
        }
    }

    /// Without leakage a faster fan only costs power: the answer is the slowest fan speed's chip
    /// temperature (or the board's target, if that is cooler).
    @Test func withoutLeakageTheSlowestFanWins() throws {
        var model = Self.leaky
        model.leakageAt25C = .zero
        var e = EfficientChipTemperature(model: model, fan: board.fan, thermal: board.thermal)
        let p = board.operatingPoints[2]
        let t = e.target(pointIndex: 2, point: p, inlet: Celsius(21), rpmCap: board.fan.maximumRPM)
        let slowest = try #require(e.steady(point: p, inlet: Celsius(21), rpm: board.fan.maximumRPM * board.fan.minimumDuty.value))
        // The hottest it sets is the board's target; the fan-speed grid may land a little under it.
        let expected = min(slowest.chip, board.thermal.chipTarget)
        #expect(t <= expected + Kelvin(0.01) && t > expected - Kelvin(5), "\(t) vs \(expected)")
    }

    @Test func quietCapKeepsTheFanSlowerSoTheChipsWarmer() {
        var e = EfficientChipTemperature(model: Self.leaky, fan: board.fan, thermal: board.thermal)
        let p = board.operatingPoints[2]
        let free = e.target(pointIndex: 2, point: p, inlet: Celsius(21), rpmCap: board.fan.maximumRPM)
        let quiet = e.target(pointIndex: 2, point: p, inlet: Celsius(21), rpmCap: board.fan.quietRPM)
        #expect(quiet > free + Kelvin(5))
        #expect(quiet <= board.thermal.chipTarget)
    }

    @Test func fanLoopFollowsAGivenTarget() {
        var normal = FanLoop(fan: board.fan, chipTarget: board.thermal.chipTarget)
        var cooler = FanLoop(fan: board.fan, chipTarget: board.thermal.chipTarget)
        var a = DutyCycle(0), b = DutyCycle(0)
        for t in 0..<60 {
            a = normal.update(chip: Celsius(60), fanSpeed: RPM(2000), hashing: true, quiet: false, now: Seconds(Double(t)))
            b = cooler.update(chip: Celsius(60), fanSpeed: RPM(2000), hashing: true, quiet: false, now: Seconds(Double(t)),
                              target: Celsius(45))
        }
        #expect(a == board.fan.minimumDuty)
        #expect(b > DutyCycle(0.8))
    }

    /// The controller asks for a cooler chip when its board has a leaky chip model, and not without
    /// one — but not while the room wants all the heat it can get (then hot chips are more heat).
    @Test func controllerUsesTheBoardModel() {
        var withModel = board
        withModel.chipModel = Self.leaky
        var plain = SupervisedController(policy: HeaterController(board: board, settings: ControlSettings(mode: .heat)))
        var tuned = SupervisedController(policy: HeaterController(board: withModel, settings: ControlSettings(mode: .heat)))
        var flatOut = SupervisedController(policy: HeaterController(board: withModel, settings: ControlSettings(mode: .mine)))
        let monday = WeekTime(day: 0, hour: 12)
        var a: ControlDecision?, b: ControlDecision?, c: ControlDecision?
        for t in 0..<120 {
            let r = TestBoards.readings(chip: 60 + Double(t % 3) * 0.125, room: 20.5, salt: UInt32(t))
            let time = ControlTime(monotonic: Seconds(Double(t)), week: monday.advanced(by: Seconds(Double(t))))
            a = plain.tick(r, at: time, actuatorError: nil)
            b = tuned.tick(r, at: time, actuatorError: nil)
            c = flatOut.tick(r, at: time, actuatorError: nil)
        }
        #expect(b?.command.hashing == true)
        #expect((b?.demand ?? .zero) < (b?.ceiling ?? .zero) * 0.98, "demand \(String(describing: b?.demand))")
        // Chips at 60 °C: under the board's 75 °C target (slowest fan) but over the efficient one.
        #expect(a?.command.fanDuty == board.fan.minimumDuty)
        #expect((b?.command.fanDuty.value ?? 0) > 0.5)
        #expect(c?.command.fanDuty == board.fan.minimumDuty)
    }
}
