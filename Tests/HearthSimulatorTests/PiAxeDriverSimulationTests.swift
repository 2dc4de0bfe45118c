import HearthCore
import HearthHAL
@testable import HearthSimulator
import Testing

/// The PiAxe in simulation runs through the production BM13xx driver on the byte-level
/// virtual chain, and the physics takes the chips' state from the chain: the PLL as
/// really written (mid-ramp included), the supply and the core voltage. Everything runs
/// in control time: nothing here waits in wall time.
@Suite struct PiAxeDriverSimulationTests {
    static let outdoor = Celsius(0)

    static func heater(_ id: String = "piaxe") throws -> SimulatedHeater {
        let board = try Fixtures.board(id)
        let room = RoomParameters(template: board.simulation.room)
        return try SimulatedHeater(board: board, room: room,
                                   initial: RoomState(steadyAt: Celsius(15), outdoor: outdoor, room: room), seed: 3)
    }

    @discardableResult
    static func step(_ h: SimulatedHeater) -> HeaterPhysics.Step {
        h.step(Seconds(1), outdoor: outdoor, gains: .zero, extraWindow: WattsPerKelvin(0))
    }

    /// Wall power the physics gives the chips at `point` now (chip temperature and fan as they are).
    static func fullPower(_ h: SimulatedHeater, at point: OperatingPoint, voltage: Millivolts) -> Watts {
        let p = h.physics.parameters
        let chips = p.chip.power(frequency: point.frequency, voltage: voltage, temperature: h.physics.chipTemperature)
        return p.wallPower(chips: chips, rpm: h.physics.fanRPM)
    }

    @Test func boardsWithAsicGetTheDriverOthersTheCPUBoard() throws {
        let piaxe = try Self.heater()
        #expect(piaxe.hashBoard is BM13xxDriver)
        #expect(piaxe.asicChain != nil && piaxe.asicDriver != nil)
        let nano = try Self.heater("avalon-nano3s")
        #expect(nano.hashBoard is SimulatedHashBoard)
        #expect(nano.asicChain == nil)
    }

    @Test func enableLineIsTheChipsSupplyAndEachStartBringsTheChainUp() throws {
        let h = try Self.heater()
        let chain = try #require(h.asicChain)
        let driver = try #require(h.asicDriver)
        #expect(!chain.isPowered, "configure holds the chips off")
        try h.device.apply(DeviceCommand(hashing: true, operatingPoint: 0, fanDuty: DutyCycle(1)))
        #expect(chain.isPowered && chain.isHashing, "bring-up in the tick, then the work (the heat job: no pool)")
        #expect(chain.jobsReceived == 1 && driver.statistics.bringUps == 1)
        #expect(chain.coreVoltage == Millivolts(1200), "the PiAxe's fixed 1.2 V")
        try h.device.apply(DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: DutyCycle(1)))
        #expect(!chain.isPowered && h.runningPoint == nil)
        let off = Self.step(h)
        #expect(off.chipPower == .zero)
        try h.device.apply(DeviceCommand(hashing: true, operatingPoint: 0, fanDuty: DutyCycle(1)))
        #expect(driver.statistics.bringUps == 2 && h.hashBoard.starts == 2)
        #expect(driver.statistics.shares == 0, "the heat job never yields a share")
    }

    /// A point change from the lowest to the highest takes the PLL ramp (6.25 MHz per
    /// 100 ms of control time) to reach full power; the CPU board would jump in one tick.
    @Test func wallPowerFollowsThePLLRampNotTheCommand() throws {
        let h = try Self.heater()
        let chain = try #require(h.asicChain)
        let points = h.board.profile.operatingPoints
        let (low, high) = (points[0], points[points.count - 1])
        try h.device.apply(DeviceCommand(hashing: true, operatingPoint: 0, fanDuty: DutyCycle(1)))
        for _ in 0..<20 { Self.step(h) }
        #expect(abs(chain.frequency.value - low.frequency.value) < 0.5)

        try h.device.apply(DeviceCommand(hashing: true, operatingPoint: points.count - 1, fanDuty: DutyCycle(1)))
        let rampSeconds = (high.frequency.value - low.frequency.value) / 6.25 * 0.1   // 4.4 s
        var reachedAfter: Double?
        var frequencies = [chain.frequency.value]
        var ratios: [Double] = []
        for k in 1...20 {
            let s = Self.step(h)
            frequencies.append(chain.frequency.value)
            let ratio = s.wallPower.value / Self.fullPower(h, at: high, voltage: chain.coreVoltage).value
            ratios.append(ratio)
            if reachedAfter == nil, ratio >= 0.99 { reachedAfter = Double(k) }
        }
        let reached = try #require(reachedAfter, "never reached full power: \(ratios)")
        #expect(reached >= rampSeconds, "full power after \(reached) s, the ramp takes \(rampSeconds) s: \(ratios)")
        #expect(reached <= rampSeconds + 2)
        #expect(ratios[0] < 0.9, "the first second runs mid-ramp: \(ratios[0])")
        // One second of control time is ten steps of at most 6.25 MHz, then the target exactly.
        #expect(abs(frequencies[1] - (low.frequency.value + 10 * 6.25)) <= 6.25)
        #expect(zip(frequencies, frequencies.dropFirst()).allSatisfy { $1 >= $0 && $1 - $0 <= 10 * 6.25 + 0.5 })
        #expect(abs(frequencies.last! - high.frequency.value) < 0.5)
    }

    /// A chain that stops answering while hashing: the driver's silence watch (5 s of
    /// control time) makes the assembly's health check throw, and the supervisor trips.
    @Test func silencedChainEndsInActuatorFailure() throws {
        let h = try Self.heater()
        let chain = try #require(h.asicChain)
        var control = SupervisedController(policy: HeaterController(board: h.board.profile,
                                                                    settings: ControlSettings(mode: .mine)))
        var clock = VirtualClock(start: try #require(ScenarioCatalog.named("winter-day")).start, tick: Seconds(1))
        var actuatorError: String?
        var silencedAt: Seconds?
        var trip: Trip?
        for i in 0..<300 {
            let decision = control.tick(h.device.read(), at: clock.controlTime, actuatorError: actuatorError)
            if let t = decision.trip {
                trip = t
                break
            }
            do { try h.device.apply(decision.command); actuatorError = nil } catch { actuatorError = error.description }
            Self.step(h)
            clock.advance()
            if i == 120 {
                #expect(h.runningPoint != nil, "hashing before the fault")
                chain.misbehaviour.silent = true
                silencedAt = clock.now
            }
        }
        let t = try #require(trip)
        let start = try #require(silencedAt)
        #expect(t.reason.kind == .actuatorFailure, "\(t.reason)")
        #expect(t.reason.description.contains("silent"))
        // Silence limit 5 s, then one tick to meet the health check and one to trip.
        #expect((t.time - start).value <= 8, "tripped \(t.time - start) after the silence")
        #expect(h.runningPoint == nil, "a dead chain does no work")
    }
}
