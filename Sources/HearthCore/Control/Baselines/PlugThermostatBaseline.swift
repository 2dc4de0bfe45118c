/// What owners run today: the unit at a level they chose, switched as a whole by a
/// smart plug (or Home Assistant's thermostat driving one) at ±0.5 °C around the
/// target. Sources and assumptions: docs/baselines.md.
///
/// Cutting mains takes the whole unit away, fan and controller included; closing
/// it boots the unit, which hashes only after its boot time. The plug acts
/// `plugLatency` after the thermostat asks. While hashing, the unit's own
/// firmware holds its chips at its own target (`BaselineSetup.chipTarget`).
/// `decide` reports the plug's state as `demand`: the level's power while the
/// plug is closed, zero while it is open (the benchmark books the unit's standby
/// draw from it).
public struct PlugThermostatBaseline: HeatingPolicy {
    public let board: BoardProfile
    public var settings: ControlSettings
    public let setup: BaselineSetup
    private var fanLoop: FanLoop
    private var wanted = false
    /// The plug's last command not yet carried out, and when it takes effect.
    private var pending: (on: Bool, at: Seconds)?
    private var plugClosed = false
    private var poweredSince: Seconds?

    /// - Parameter board: the unit's profile with the stock firmware's thermal limits
    ///   (`BaselineSetup.stockProfile`), so Hearth's supervisor backstops the firmware
    ///   instead of throttling below its target.
    public init(board: BoardProfile, settings: ControlSettings, setup: BaselineSetup) {
        self.board = board
        self.settings = settings
        self.setup = setup
        self.fanLoop = FanLoop(fan: board.fan, chipTarget: setup.chipTarget)
    }

    public var isPlugClosed: Bool { plugClosed }

    public mutating func reset() {
        wanted = false
        pending = nil
        plugClosed = false
        poweredSince = nil
    }

    public mutating func decide(_ r: DeviceReadings, at time: ControlTime, safety: SafetyLimits) -> ControlDecision {
        let (mode, target, _) = settings.effective(at: time.week)
        let now = time.monotonic
        if let room = r.roomTemperature.value {
            if room < target - setup.hysteresis { wanted = true }
            if room > target + setup.hysteresis { wanted = false }
        }
        if mode == .off { wanted = false }
        if mode == .mine { wanted = true }
        // The thermostat asks when its wish differs from what the plug will be.
        let willBe = pending?.on ?? plugClosed
        if wanted != willBe { pending = (wanted, now + setup.plugLatency) }
        if let p = pending, now >= p.at {
            if p.on && !plugClosed { poweredSince = now }
            plugClosed = p.on
            if !p.on { poweredSince = nil }
            pending = nil
        }
        let level = min(setup.level, board.operatingPoints.count - 1)
        let booted = poweredSince.map { now - $0 >= setup.bootTime } ?? false
        let hashing = plugClosed && booted
        let chip = r.chipTemperature.value ?? setup.chipTarget
        var duty = fanLoop.update(chip: chip, fanSpeed: r.fanSpeed?.value, hashing: hashing, quiet: false, now: now)
        if !plugClosed { duty = DutyCycle(0) }                       // no mains, no fan
        else if !hashing { duty = max(duty, board.fan.minimumDuty) } // the fan turns while it boots
        let command = DeviceCommand(hashing: hashing, operatingPoint: level, fanDuty: duty)
        let power = plugClosed ? board.operatingPoints[level].power : .zero
        return ControlDecision(command: command, mode: mode, target: target, demand: power,
                               ceiling: board.operatingPoints[level].power, trip: nil, reasons: [])
    }
}
