import HearthCore
import HearthHAL

/// One heater-miner and its room in simulation: physics underneath, register-level
/// virtual chips on virtual buses on top, and the production board assembly reading
/// and commanding them. The controller sees exactly what it would see on Linux.
public final class SimulatedHeater {
    public let board: BoardDefinition
    public private(set) var physics: HeaterPhysics
    public let device: AssembledHeaterMiner
    public let hashBoard: SimulatedHashBoard
    private var buses: [String: VirtualI2CBus] = [:]
    private var tmp75s: [SensorRole: VirtualTMP75] = [:]
    private var emc2101: VirtualEMC2101?
    private var emcRoles: Set<SensorRole> = []
    private var ina260: VirtualINA260?
    private var pwm: VirtualPWMChannel?
    private var lines: [String: VirtualGPIOLine] = [:]
    private var rng: SeededRandom
    private var spikePending: SensorRole?

    public init(board: BoardDefinition, room: RoomParameters, initial: RoomState, seed: UInt64) throws(BusError) {
        self.board = board
        self.rng = SeededRandom(seed: seed)
        let params = HeaterPhysicsParameters(board)
        self.physics = HeaterPhysics(parameters: params, room: room, roomState: initial)
        self.hashBoard = SimulatedHashBoard(initial: board.profile.minimumPoint)
        for spec in board.wiring.i2cDevices {
            let bus = buses[spec.bus] ?? VirtualI2CBus(name: "sim:\(spec.bus)")
            buses[spec.bus] = bus
            switch spec.driver {
            case .tmp75, .tmp1075, .lm75:
                let chip = VirtualTMP75(address: spec.address, variant: TMP75.Variant(rawValue: spec.driver.rawValue) ?? .tmp75)
                bus.attach(chip)
                for role in spec.roles { tmp75s[role] = chip }
            case .emc2101:
                let chip = VirtualEMC2101(address: spec.address)
                bus.attach(chip)
                emc2101 = chip
                emcRoles = Set(spec.roles)
            case .ina260:
                let chip = VirtualINA260(address: spec.address)
                bus.attach(chip)
                ina260 = chip
            }
        }
        let busMap = buses
        var pwmChannel: VirtualPWMChannel?
        var gpioLines: [String: VirtualGPIOLine] = [:]
        for g in board.wiring.gpios { gpioLines[g.function.rawValue] = VirtualGPIOLine(name: "sim:\(g.chip):\(g.line)", isOutput: g.direction == .output) }
        if let p = board.wiring.fanPWM { pwmChannel = VirtualPWMChannel(name: "sim:\(p.chip):\(p.channel)") }
        let lineMap = gpioLines
        let channel = pwmChannel
        let virtualBuses = BoardBuses(
            i2c: { (name: String) throws(BusError) -> any I2CBus in
                guard let b = busMap[name] else { throw BusError(.notFound, bus: name) }
                return b
            },
            gpio: { (spec: GPIOSpec) throws(BusError) -> any GPIOLine in
                guard let l = lineMap[spec.function.rawValue] else { throw BusError(.notFound, bus: spec.chip) }
                return l
            },
            pwm: { (spec: PWMSpec) throws(BusError) -> any PWMChannel in
                guard let c = channel else { throw BusError(.notFound, bus: spec.chip) }
                return c
            })
        self.pwm = pwmChannel
        self.lines = gpioLines
        self.device = try AssembledHeaterMiner(board: board, buses: virtualBuses, hashBoard: hashBoard)
        publishSensors()
        try device.configure()
    }

    /// Register transfers so far on all virtual buses.
    public var i2cTransfers: Int { buses.values.reduce(0) { $0 + $1.transfers } }

    /// The fan duty the drivers last set, as the fan sees it.
    public var commandedDuty: DutyCycle {
        if let pwm { return pwm.enabled ? pwm.duty : DutyCycle(0) }
        return emc2101?.commandedDuty ?? DutyCycle(0)
    }

    /// Advance the physics by `dt` and refresh what the sensors show.
    public func step(_ dt: Seconds, outdoor: Celsius, gains: Watts, extraWindow: WattsPerKelvin) -> HeaterPhysics.Step {
        let point = hashBoard.hashing ? hashBoard.point : nil
        let s = physics.step(dt, point: point, duty: commandedDuty, outdoor: outdoor, gains: gains, extraWindow: extraWindow)
        publishSensors(wallPower: s.wallPower)
        return s
    }

    // MARK: faults

    public func inject(_ fault: FaultInjection) {
        switch fault.kind {
        case .fanStall: physics.fanStalled = true
        case .sensorNack: setNack(fault.sensor)
        case .powerLoss: ina260?.nack = true
        case .stuckSensor: setStuck(fault.sensor)
        case .sensorSpike: spikePending = fault.sensor
        }
    }

    private func setNack(_ role: SensorRole) {
        if let t = tmp75s[role] { t.nack = true } else if emcRoles.contains(role) { emc2101?.nack = true }
    }

    private func setStuck(_ role: SensorRole) {
        if let t = tmp75s[role] { t.stuck = true } else if emcRoles.contains(role) { emc2101?.stuck = true }
    }

    private func publishSensors(wallPower: Watts = .zero) {
        let p = physics.parameters
        var chip = physics.chipTemperature + Kelvin(p.chipSensorNoise.value * rng.gaussian())
        var room = physics.roomState.air + Kelvin(p.roomSensorNoise.value * rng.gaussian())
        if let s = spikePending {
            if s == .chipTemperature { chip = chip + Kelvin(60) } else { room = room + Kelvin(60) }
            spikePending = nil
        }
        tmp75s[.chipTemperature]?.temperature = chip
        tmp75s[.roomTemperature]?.temperature = room
        tmp75s[.inletTemperature]?.temperature = physics.roomState.air
        if let emc = emc2101 {
            if emcRoles.contains(.chipTemperature) { emc.externalTemperature = chip }
            emc.internalTemperature = physics.roomState.air + Kelvin(5)
            emc.fanRPM = physics.fanRPM
        }
        if let ina = ina260 {
            let measured = max(0, wallPower.value + p.powerSensorNoise.value * rng.gaussian())
            ina.busVoltage = board.simulation.powerBusVoltage
            ina.current = Amperes(measured / board.simulation.powerBusVoltage.volts)
        }
    }
}

extension HeaterPhysicsParameters {
    /// Physics from a board file's `[simulation.*]` tables.
    public init(_ board: BoardDefinition) {
        let s = board.simulation
        self.init(
            chip: ChipModel(chipCount: board.chipCount, hashesPerClock: s.hashesPerClock,
                            switchingCoefficient: s.switchingWattsPerMHzV2, leakageAt25C: s.leakageAt25C,
                            leakageDoubling: s.leakageDoubling, stableBase: s.stableBase,
                            stablePerMHz: s.stablePerMHz, errorOnset: s.errorOnset),
            cooling: CoolingModel(maximumRPM: board.profile.fan.maximumRPM, minimumRPM: s.fanMinRPM,
                                  fanTimeConstant: s.fanTimeConstant, fanMaximumPower: s.fanMaxPower,
                                  noiseAtMaximum: s.noiseAtMaxRPM, resistanceAtMaximum: s.thermalResistanceAtMaxRPM,
                                  resistanceNatural: s.thermalResistanceNatural, heatsinkTimeConstant: s.heatsinkTimeConstant),
            fixedPower: s.fixedPower, psuEfficiency: s.psuEfficiency, chipSensorNoise: s.chipNoise,
            roomSensorNoise: s.roomNoise, powerSensorNoise: s.powerNoise,
            room: RoomParameters(template: s.room))
    }
}

extension RoomParameters {
    public init(template t: RoomTemplate) {
        self.init(description: t.description, windowConductance: t.windowConductance,
                  airWallConductance: t.airWallConductance, wallOutsideConductance: t.wallOutsideConductance,
                  houseConductance: t.houseConductance, houseTemperature: t.houseTemperature,
                  airCapacity: t.airCapacity, wallCapacity: t.wallCapacity)
    }
}
