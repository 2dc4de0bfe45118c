/// Safety around whatever policy runs: the supervisor looks at every tick first and a
/// policy is asked only while nothing is latched, so no policy can skip the checks
/// (Klipper's `verify_heater` wrapping the control algorithm). The policy's command is
/// then held to the board's hard limits before it goes out.
public struct SupervisedController: Sendable {
    public private(set) var policy: any HeatingPolicy
    public private(set) var supervisor: SafetySupervisor
    /// What went out last tick: the supervisor judges the fan and the chips against it.
    private var lastCommand: DeviceCommand

    public init(policy: any HeatingPolicy, safety: SafetySupervisor.Policy = .init()) {
        self.policy = policy
        self.supervisor = SafetySupervisor(board: policy.board, policy: safety)
        self.lastCommand = .safe(policy.board)
    }

    public var board: BoardProfile { policy.board }
    public var trip: Trip? { supervisor.trip }

    public var settings: ControlSettings {
        get { policy.settings }
        set { policy.settings = newValue }
    }

    /// One tick. `actuatorError` reports that applying the previous command failed.
    public mutating func tick(_ readings: DeviceReadings, at time: ControlTime,
                              actuatorError: String? = nil) -> ControlDecision {
        if let trip = supervisor.check(readings, commanded: lastCommand, hashing: lastCommand.hashing,
                                       actuatorError: actuatorError, now: time.monotonic) {
            policy.reset()
            lastCommand = .safe(board)
            let (mode, target, _) = policy.settings.effective(at: time.week)
            return ControlDecision(command: lastCommand, mode: mode, target: target, demand: .zero, ceiling: .zero,
                                   trip: trip, reasons: [.tripped(trip.reason.kind)])
        }
        if readings.isAwaitingDevice {
            policy.reset()
            lastCommand = .safe(board)
            let (mode, target, _) = policy.settings.effective(at: time.week)
            return ControlDecision(command: lastCommand, mode: mode, target: target, demand: .zero, ceiling: .zero,
                                   trip: nil, reasons: [.awaitingDevice])
        }
        let limits = SafetyLimits(throttleCeiling: supervisor.isThrottling ? supervisor.powerCeiling : nil)
        var decision = policy.decide(readings, at: time, safety: limits)
        decision.command = Self.withinBoardLimits(decision.command, board: board)
        decision.trip = nil
        lastCommand = decision.command
        return decision
    }

    /// A person cleared the latched trip: the supervisor starts afresh, the policy from off.
    public mutating func clearTrip() {
        supervisor.clear()
        policy.reset()
    }

    /// Hard limits no policy may cross: a point the board has, and a turning fan
    /// under running chips.
    static func withinBoardLimits(_ command: DeviceCommand, board: BoardProfile) -> DeviceCommand {
        var c = command
        if !board.operatingPoints.indices.contains(c.operatingPoint) {
            c = DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: board.fan.safeDuty)
        }
        if c.hashing && c.fanDuty < board.fan.minimumDuty { c.fanDuty = board.fan.minimumDuty }
        return c
    }
}
