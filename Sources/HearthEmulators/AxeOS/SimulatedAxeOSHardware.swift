import HearthCore
import HearthHAL
import HearthSimulator
import Synchronization

/// The simulator's heater as the board under an emulated AxeOS: any frequency and core
/// voltage the firmware is told go to the simulated chip as they are (its power and
/// hashrate follow the chip model at that V/f), pause stops the hashing, and while the
/// fan is on auto the *firmware's* fan loop holds the chip at `temptarget`. Readings
/// come from the physics.
///
/// The emulator calls it from its network thread while a simulation steps the physics on
/// another, so the heater lives behind a lock (`step`, `withHeater`).
public final class SimulatedAxeOSHardware: Sendable {
    public let asicModel: String
    public let smallCoreCount: Int
    private let state: Mutex<State>

    private struct State {
        let heater: SimulatedHeater
        var frequency: Megahertz
        var voltage: Millivolts
        var paused = false
        var autoFan = true
        var fanPercent: Double
        var temperatureTarget: Celsius
        var fanLoop: FanLoop
        var duty: DutyCycle
        var sharesAccepted = 0
        var shareCredit = 0.0
        var lastError: String?
    }

    /// What the firmware's `system/info` shows, from the physics.
    public struct Snapshot: Sendable, Hashable {
        public var chip: Celsius
        public var regulator: Celsius
        public var wallPower: Watts
        public var inputVoltage: Millivolts
        public var hashrate: HashRate
        public var frequency: Megahertz
        public var coreVoltage: Millivolts
        public var fanRPM: RPM
        public var fanDuty: DutyCycle
        public var autoFan: Bool
        public var temperatureTarget: Celsius
        public var paused: Bool
        public var overheat: Bool
        public var sharesAccepted: Int
    }

    /// - Parameters:
    ///   - heater: the simulated heater (its board should be a `boards/bitaxe-*.toml`).
    ///   - frequency, voltage: what the firmware starts with (its NVS settings).
    public init(heater: sending SimulatedHeater, asicModel: String, smallCoreCount: Int, frequency: Megahertz,
                voltage: Millivolts, temperatureTarget: Celsius = Celsius(60)) {
        self.asicModel = asicModel
        self.smallCoreCount = smallCoreCount
        let fan = heater.board.profile.fan
        let s = State(heater: heater, frequency: frequency, voltage: voltage, fanPercent: 100,
                      temperatureTarget: temperatureTarget, fanLoop: FanLoop(fan: fan, chipTarget: temperatureTarget),
                      duty: fan.safeDuty)
        state = Mutex(s)
        state.withLock { Self.apply(&$0) }
    }

    public func snapshot() -> Snapshot {
        state.withLock { s in
            let physics = s.heater.physics
            let p = physics.parameters
            let chip = physics.chipTemperature
            let hashing = s.heater.hashBoard.hashing && !physics.thermalShutdown
            let rpm = physics.fanRPM
            let chips = hashing ? p.chip.power(frequency: s.frequency, voltage: s.voltage, temperature: chip) : .zero
            let wall = p.wallPower(chips: chips, rpm: rpm)
            let hashrate = hashing ? p.chip.hashrate(frequency: s.frequency, voltage: s.voltage, temperature: chip) : .zero
            let air = physics.roomState.air
            return Snapshot(
                chip: chip, regulator: air + Kelvin(0.8 * max(0, (chip - air).value)), wallPower: wall,
                inputVoltage: Millivolts(5100 - 10 * wall.value), hashrate: hashrate, frequency: s.frequency,
                coreVoltage: s.voltage, fanRPM: rpm, fanDuty: s.duty, autoFan: s.autoFan,
                temperatureTarget: s.temperatureTarget, paused: s.paused, overheat: physics.thermalShutdown,
                sharesAccepted: s.sharesAccepted)
        }
    }

    /// `PATCH /api/system`: the fields given, each applied at once (the firmware ramps the PLL itself).
    public func update(frequency: Megahertz?, voltage: Millivolts?, fanPercent: Double?, autoFan: Bool?, temperatureTarget: Celsius?) {
        state.withLock { s in
            if let frequency { s.frequency = frequency }
            if let voltage { s.voltage = voltage }
            if let autoFan { s.autoFan = autoFan }
            if let fanPercent {
                s.fanPercent = fanPercent
                if !s.autoFan { s.duty = .percent(fanPercent) }
            }
            if let temperatureTarget, temperatureTarget != s.temperatureTarget {
                s.temperatureTarget = temperatureTarget
                s.fanLoop = FanLoop(fan: s.heater.board.profile.fan, chipTarget: temperatureTarget)
            }
            if !s.autoFan { s.duty = .percent(s.fanPercent) }
            Self.apply(&s)
        }
    }

    public func setPaused(_ paused: Bool) {
        state.withLock { s in
            s.paused = paused
            Self.apply(&s)
        }
    }

    /// Runs the firmware's fan loop for time `t`, then advances the physics by `dt`;
    /// shares accrue at one per 2³² × 1000 hashes (a difficulty-1000 pool, counted, not mined).
    public func step(_ dt: Seconds, at t: Seconds, outdoor: Celsius, gains: Watts, extraWindow: WattsPerKelvin) -> HeaterPhysics.Step {
        state.withLock { s in
            if s.autoFan {
                let physics = s.heater.physics
                s.duty = s.fanLoop.update(chip: physics.chipTemperature, fanSpeed: physics.fanRPM, hashing: !s.paused,
                                          quiet: false, now: t)
                Self.apply(&s)
            }
            let step = s.heater.step(dt, outdoor: outdoor, gains: gains, extraWindow: extraWindow)
            if s.heater.hashBoard.hashing {
                let p = s.heater.physics.parameters
                let rate = p.chip.hashrate(frequency: s.frequency, voltage: s.voltage, temperature: s.heater.physics.chipTemperature)
                s.shareCredit += rate.value * dt.value / (4_294_967_296 * 1000)
                let whole = Int(s.shareCredit)
                s.sharesAccepted += whole
                s.shareCredit -= Double(whole)
            }
            return step
        }
    }

    /// One step of a scenario: its outdoor temperature, gains and open doors at `t`.
    public func step(_ conditions: ScenarioConditions, at t: Seconds, by dt: Seconds) -> HeaterPhysics.Step {
        step(dt, at: t, outdoor: conditions.outdoor(at: t), gains: conditions.gains(at: t), extraWindow: conditions.extraWindow(at: t))
    }

    /// Reads (or changes, e.g. injects a fault into) the heater under the lock.
    public func withHeater<T: Sendable>(_ body: (SimulatedHeater) throws -> T) rethrows -> T {
        try state.withLock { s in try body(s.heater) }
    }

    public var lastError: String? { state.withLock { $0.lastError } }

    /// Fan and hashing through the heater's production device assembly, then the exact V/f on the chip.
    private static func apply(_ s: inout State) {
        do {
            try s.heater.device.apply(DeviceCommand(hashing: !s.paused, operatingPoint: 0, fanDuty: s.duty))
            let table = s.heater.board.profile.operatingPoints
            let nearest = table.min { abs($0.frequency.value - s.frequency.value) < abs($1.frequency.value - s.frequency.value) }
            try s.heater.hashBoard.setOperatingPoint(OperatingPoint(
                name: "axeos", frequency: s.frequency, voltage: s.voltage,
                power: nearest?.power ?? .zero, hashrate: nearest?.hashrate ?? .zero))
        } catch {
            s.lastError = "\(error)"
        }
    }
}
