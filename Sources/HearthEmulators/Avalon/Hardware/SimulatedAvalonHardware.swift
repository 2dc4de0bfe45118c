import HearthCGMinerAPI
import HearthCore
import HearthHAL
import HearthSimulator
import Synchronization

/// The simulator's heater as the hardware under an emulated stock Avalon. It maps the
/// firmware's setting to one of the board file's operating points (by name: Low/Mid/High
/// → low/mid/high, Eco/Standard/Super, Night/Mining, the Mini 3's Heater mode → eco;
/// else by index), applies hashing and fan through the heater's own device, runs the
/// *firmware's* fan loop while the fan is on auto (holding the average chip at `TarT`),
/// and reads its snapshot from the physics. With the mains off (`AvalonFanControl.off`
/// and no hashing) the physics still counts the board's fixed controller power: a few
/// watts more than a unit whose plug is off.
///
/// The emulator calls it from its network thread while a simulation steps the physics on
/// another, so the heater lives behind a lock: step it with `step(…)` (which also runs
/// the firmware's fan loop, so the fan keeps up with every physics step) and read
/// anything else with `withHeater`.
public final class SimulatedAvalonHardware: AvalonHardware {
    public let model: AvalonModel
    /// Operating-point index of each setting, by the knob's value.
    public let pointForSetting: [Int: Int]
    private let fanCount: Int
    private let state: Mutex<State>

    /// The chips' spread: the average sits this share of the hottest chip's rise over
    /// the inlet below it (a Nano 3S at TarT 90 shows TMax 95, TAvg 90).
    static let averageChipShare = 0.07
    /// Outlet air: the heatsink's air stream carries the wall power at this conductance
    /// per watt of maximum power at full fan speed (a Nano 3S: OTemp 65 °C at 133 W, 1520 rpm).
    static let outletConductancePerWatt = 1.0 / 15

    private struct State {
        let heater: SimulatedHeater
        var point: Int
        var hashing = false
        var fan: AvalonFanControl
        var fanLoop: FanLoop?
        var duty: DutyCycle
        /// The last actuator error, if the heater's device refused a command.
        var lastError: String?
    }

    /// - Parameters:
    ///   - heater: the simulated heater (its board should be the model's `boards/avalon-*.toml`).
    ///   - pointNames: operating-point names by setting value, to override the default mapping.
    public init(heater: sending SimulatedHeater, model: AvalonModel, pointNames: [Int: String] = [:]) {
        self.model = model
        let points = heater.board.profile.operatingPoints
        var map: [Int: Int] = [:]
        for setting in model.profile.settings {
            let wanted = (pointNames[setting.value] ?? Self.alias(setting.name)).lowercased()
            map[setting.value] = points.firstIndex { $0.name.lowercased() == wanted }
                ?? min(max(setting.value, 0), points.count - 1)
        }
        pointForSetting = map
        fanCount = AvalonFirmwareProfile(model).fanCount
        let initial = map[model.profile.settings.first?.value ?? 0] ?? 0
        let safe = heater.board.profile.fan.safeDuty
        state = Mutex(State(heater: heater, point: initial, fan: .fixed(percent: Int(safe.percent)), duty: safe))
    }

    private static func alias(_ settingName: String) -> String {
        settingName.lowercased() == "heater" ? "eco" : settingName
    }

    // MARK: - AvalonHardware

    public func snapshot() -> AvalonHardwareSnapshot {
        state.withLock { s in
            let physics = s.heater.physics
            let p = physics.parameters
            let point = s.heater.hashBoard.point
            let hashing = s.heater.hashBoard.hashing && !physics.thermalShutdown
            let hottest = physics.chipTemperature
            let inlet = physics.roomState.air
            let rpm = physics.fanRPM
            let chips = hashing ? p.chip.power(frequency: point.frequency, voltage: point.voltage, temperature: hottest) : .zero
            let wall = p.wallPower(chips: chips, rpm: rpm)
            let hashrate = hashing
                ? p.chip.hashrate(frequency: point.frequency, voltage: point.voltage, temperature: hottest) : .zero
            let average = hottest - Kelvin(Self.averageChipShare * max(0, (hottest - inlet).value))
            let maximum = s.heater.board.profile.maximumPower.value
            let flow = maximum * Self.outletConductancePerWatt * max(0.05, rpm / p.cooling.maximumRPM)
            return AvalonHardwareSnapshot(
                hottestChip: hottest, averageChip: average, inlet: inlet, outlet: inlet + Kelvin(wall.value / flow),
                fanSpeeds: Array(repeating: rpm, count: fanCount), fanDuty: s.duty, wallPower: wall,
                hashrate: hashrate, nominalHashrate: point.hashrate, frequency: point.frequency, hashing: hashing)
        }
    }

    public func setSetting(_ value: Int) {
        state.withLock { s in
            guard let index = pointForSetting[value] else {
                s.lastError = "no operating point for setting \(value)"
                return
            }
            s.point = index
            apply(&s)
        }
    }

    public func setFan(_ control: AvalonFanControl) {
        state.withLock { s in
            s.fan = control
            switch control {
            case .auto(let target):
                if s.fanLoop?.chipTarget != target {
                    s.fanLoop = FanLoop(fan: s.heater.board.profile.fan, chipTarget: target)
                }
            case .fixed(let percent):
                s.fanLoop = nil
                s.duty = .percent(Double(percent))
            case .off:
                s.fanLoop = nil
                s.duty = DutyCycle(0)
            }
            apply(&s)
        }
    }

    public func setHashing(_ on: Bool) {
        state.withLock { s in
            s.hashing = on
            apply(&s)
        }
    }

    // MARK: - Simulation

    /// Runs the firmware's fan loop for time `t`, then advances the physics by `dt`.
    public func step(_ dt: Seconds, at t: Seconds, outdoor: Celsius, gains: Watts,
                     extraWindow: WattsPerKelvin) -> HeaterPhysics.Step
    {
        state.withLock { s in
            if var loop = s.fanLoop {
                let physics = s.heater.physics
                let hottest = physics.chipTemperature
                let average = hottest - Kelvin(Self.averageChipShare * max(0, (hottest - physics.roomState.air).value))
                s.duty = loop.update(chip: average, fanSpeed: physics.fanRPM, hashing: s.hashing, quiet: false, now: t)
                s.fanLoop = loop
                apply(&s)
            }
            return s.heater.step(dt, outdoor: outdoor, gains: gains, extraWindow: extraWindow)
        }
    }

    /// One step of a scenario: its outdoor temperature, gains and open doors at `t`.
    public func step(_ conditions: ScenarioConditions, at t: Seconds, by dt: Seconds) -> HeaterPhysics.Step {
        step(dt, at: t, outdoor: conditions.outdoor(at: t), gains: conditions.gains(at: t),
             extraWindow: conditions.extraWindow(at: t))
    }

    /// Reads (or changes, e.g. injects a fault into) the heater under the lock. Do not
    /// call the emulator from `body`: it may be waiting on this lock while holding its own.
    public func withHeater<T: Sendable>(_ body: (SimulatedHeater) throws -> T) rethrows -> T {
        try state.withLock { s in try body(s.heater) }
    }

    /// The fan control the firmware last set and the duty it drives.
    public var fan: (control: AvalonFanControl, duty: DutyCycle) { state.withLock { ($0.fan, $0.duty) } }

    /// The last command the heater's device refused, if any.
    public var lastError: String? { state.withLock { $0.lastError } }

    /// Fan first, then chips, through the heater's production device assembly.
    private func apply(_ s: inout State) {
        do {
            try s.heater.device.apply(DeviceCommand(hashing: s.hashing, operatingPoint: s.point, fanDuty: s.duty))
        } catch {
            s.lastError = "\(error)"
        }
    }
}
