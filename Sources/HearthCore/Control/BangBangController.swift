/// The stock-heater baseline: full level below target − 0.5 °C, off above
/// target + 0.5 °C, hold in between. Same supervisor and fan loop as Hearth,
/// so comparisons measure the control idea and nothing else.
public struct BangBangController: HeatingController {
    public let board: BoardProfile
    public var settings: ControlSettings
    public var hysteresis: Kelvin
    private var supervisor: SafetySupervisor
    private var fanLoop: FanLoop
    private var heating = false
    private var lastCommand: DeviceCommand

    public init(board: BoardProfile, settings: ControlSettings = ControlSettings(), hysteresis: Kelvin = Kelvin(0.5)) {
        self.board = board
        self.settings = settings
        self.hysteresis = hysteresis
        self.supervisor = SafetySupervisor(board: board)
        self.fanLoop = FanLoop(fan: board.fan, chipTarget: board.thermal.chipTarget)
        self.lastCommand = .safe(board)
    }

    public mutating func clearTrip() { supervisor.clear() }

    public mutating func tick(_ r: DeviceReadings, at time: ControlTime, actuatorError: String? = nil) -> ControlDecision {
        let (mode, target, _) = settings.effective(at: time.week)
        if let trip = supervisor.check(r, commanded: lastCommand, hashing: lastCommand.hashing,
                                       actuatorError: actuatorError, now: time.monotonic) {
            heating = false
            lastCommand = .safe(board)
            return ControlDecision(command: lastCommand, mode: mode, target: target, demand: .zero, ceiling: .zero,
                                   trip: trip, reasons: ["tripped:\(trip.reason.code)"])
        }
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
        lastCommand = DeviceCommand(hashing: heating, operatingPoint: top, fanDuty: duty)
        let power = heating ? board.maximumPower : .zero
        return ControlDecision(command: lastCommand, mode: mode, target: target, demand: power,
                               ceiling: board.maximumPower, trip: nil, reasons: [])
    }
}
