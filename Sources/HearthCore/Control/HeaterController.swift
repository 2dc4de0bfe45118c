/// Hearth's policy: mode/schedule/tariff → thermostat → operating-point planner →
/// fan loop, in that order every tick (DESIGN, "the control tick"). Safety runs
/// before it, in `SupervisedController`.
public struct HeaterController: HeatingPolicy {
    public let board: BoardProfile
    public var settings: ControlSettings
    private var thermostat: RoomThermostat
    private var planner: OperatingPointPlanner
    private var fanLoop: FanLoop
    /// The most efficient chip temperature per point, when the board file has a chip model.
    private var chipTargets: EfficientChipTemperature?
    private var quietLimiter: ThermalLimiter
    private var cyclingSwing = CyclingSwingMonitor()
    private var lastRoom: Celsius?
    private var lastChip: Celsius?
    private var lastModeTarget: (Mode, Celsius)?

    public init(board: BoardProfile, settings: ControlSettings = ControlSettings(),
                gains: RoomThermostat.Gains = .room, timing: OperatingPointPlanner.Timing = .standard) {
        self.board = board
        self.settings = settings
        self.thermostat = RoomThermostat(gains: gains, fullScale: board.maximumPower)
        self.planner = OperatingPointPlanner(points: board.operatingPoints, timing: timing)
        self.fanLoop = FanLoop(fan: board.fan, chipTarget: board.thermal.chipTarget)
        self.chipTargets = board.chipModel.map { EfficientChipTemperature(model: $0, fan: board.fan, thermal: board.thermal) }
        // Quiet mode lets the chip run up to just short of the throttle
        // before giving up power: warmer chips are the price of a slower fan.
        let quietThreshold = max(board.thermal.chipTarget, board.thermal.chipThrottle - Kelvin(3))
        self.quietLimiter = ThermalLimiter(threshold: quietThreshold,
                                           fullScale: board.maximumPower,
                                           fallPerKelvinSecond: 0.005, recoveryPerSecond: 0.0005,
                                           recoveryMargin: Kelvin(3))
    }

    public mutating func reset() { planner.reset() }

    public mutating func decide(_ r: DeviceReadings, at time: ControlTime, safety: SafetyLimits) -> ControlDecision {
        let now = time.monotonic
        let (mode, target, scheduled) = settings.effective(at: time.week)
        var reasons: [DecisionReason] = scheduled ? [.schedule] : []

        // Within the read-failure grace, steer on the last good value (the supervisor trips next).
        let room = r.roomTemperature.value ?? lastRoom ?? target
        let chip = r.chipTemperature.value ?? lastChip ?? board.thermal.chipTarget
        lastRoom = room
        lastChip = chip

        // Power ceiling: the lowest of every limit in force.
        var ceiling = board.maximumPower
        func limit(_ w: Watts, _ why: DecisionReason) {
            if w < ceiling { ceiling = w; reasons.append(why) }
        }
        if let throttle = safety.throttleCeiling { limit(throttle, .throttle) }
        if mode == .eco { limit(board.maximumPower * settings.ecoPowerFraction, .ecoCap) }
        if let cap = settings.priceCap, let tariff = settings.tariff {
            limit(cap.powerLimit(at: time.week, tariff: tariff, maximum: board.maximumPower), .priceCap)
        }
        if mode == .quiet {
            limit(quietLimiter.update(temperature: chip, now: now), .quietLimit)
        } else {
            quietLimiter.reset()
        }

        // Heat demand from the mode.
        if let (m, t) = lastModeTarget, m != mode || t != target {
            thermostat.align(to: planner.currentPower, room: room, target: target)   // bumpless transfer
        }
        lastModeTarget = (mode, target)
        let demand: Watts
        switch mode {
        case .heat, .quiet, .eco: demand = thermostat.update(room: room, target: target, now: now, limit: ceiling)
        case .mine: demand = ceiling
        case .off: demand = .zero
        }

        // Cycling that swings the room by half the comfort band is traded for continuous points.
        cyclingSwing.update(hashing: planner.currentPower > .zero, room: room, target: target)
        planner.holdContinuousBelowFirstVertex = cyclingSwing.tooCoarse
        // A person's "off" is a hard stop, not a demand of zero: the minimum on-time that
        // spares the chips a restart does not outrank it (the planner obeys a ceiling at once).
        var plan = planner.plan(demand: demand, ceiling: mode == .off ? .zero : ceiling, now: now)
        if let forced = settings.pointOverride, mode != .off, plan.pointIndex != nil,
           board.operatingPoints.indices.contains(forced), board.operatingPoints[forced].power <= ceiling {
            plan = .init(pointIndex: forced, plannedPower: board.operatingPoints[forced].power)
            reasons.append(.pointOverride)
        }
        if plan.pointIndex == nil && demand > .zero { reasons.append(.cyclingOff) }

        let hashing = plan.pointIndex != nil
        // The most efficient chip temperature — except when the room wants all the heat the
        // limits allow: then warmer chips (more leakage) are simply more heat, for the same hashes.
        var chipTarget: Celsius?
        if let index = plan.pointIndex, board.operatingPoints.indices.contains(index), demand < ceiling * 0.98 {
            let inlet = r.inletTemperature?.value ?? room
            let cap = mode == .quiet ? board.fan.quietRPM : board.fan.maximumRPM
            chipTarget = chipTargets?.target(pointIndex: index, point: board.operatingPoints[index], inlet: inlet, rpmCap: cap)
        }
        var duty = fanLoop.update(chip: chip, fanSpeed: r.fanSpeed?.value, hashing: hashing,
                                  quiet: mode == .quiet, now: now, target: chipTarget)
        if let forced = settings.fanOverride {
            duty = hashing ? max(forced, board.fan.minimumDuty) : forced
            reasons.append(.fanOverride)
        }
        let command = DeviceCommand(hashing: hashing, operatingPoint: plan.pointIndex ?? 0, fanDuty: duty)
        return ControlDecision(command: command, mode: mode, target: target, demand: demand,
                               ceiling: ceiling, trip: nil, reasons: reasons)
    }
}
