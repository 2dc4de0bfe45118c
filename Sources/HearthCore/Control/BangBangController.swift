/// The stock-heater baseline: full level below target − 0.5 °C, off above
/// target + 0.5 °C, hold in between. Same supervisor (it runs inside the same
/// `SupervisedController`) and fan loop as Hearth, so comparisons measure the
/// control idea and nothing else.
public struct BangBangController: HeatingPolicy {
    public let board: BoardProfile
    public var settings: ControlSettings
    public var hysteresis: Kelvin
    private var fanLoop: FanLoop
    private var heating = false

    public init(board: BoardProfile, settings: ControlSettings = ControlSettings(), hysteresis: Kelvin = Kelvin(0.5)) {
        self.board = board
        self.settings = settings
        self.hysteresis = hysteresis
        self.fanLoop = FanLoop(fan: board.fan, chipTarget: board.thermal.chipTarget)
    }

    public mutating func reset() { heating = false }

    public mutating func decide(_ r: DeviceReadings, at time: ControlTime, safety: SafetyLimits) -> ControlDecision {
        let (mode, target, _) = settings.effective(at: time.week)
        if let room = r.roomTemperature.value {
            if room < target - hysteresis { heating = true }
            if room > target + hysteresis { heating = false }
        }
        if mode == .off { heating = false }
        if mode == .mine { heating = true }
        let top = board.operatingPoints.count - 1
        let chip = r.chipTemperature.value ?? board.thermal.chipTarget
        let duty = fanLoop.update(chip: chip, fanSpeed: r.fanSpeed?.value, hashing: heating,
                                  quiet: mode == .quiet, now: time.monotonic)
        let command = DeviceCommand(hashing: heating, operatingPoint: top, fanDuty: duty)
        let power = heating ? board.maximumPower : .zero
        return ControlDecision(command: command, mode: mode, target: target, demand: power,
                               ceiling: board.maximumPower, trip: nil, reasons: [])
    }
}
