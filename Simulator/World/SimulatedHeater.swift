import HearthCore
import HearthHAL

/// One heater-miner and its room in simulation: physics underneath, register-level
/// virtual chips on virtual buses on top, and the production board assembly reading
/// and commanding them. The controller sees exactly what it would see on Linux.
public final class SimulatedHeater {
    public let board: BoardDefinition
    public private(set) var physics: HeaterPhysics
    public let device: AssembledHeaterMiner
    /// The hash board the assembly commands and a mining engine feeds: the production
    /// BM13xx driver on a board with `[asic]`, else the CPU board (`SimulatedHashBoard`).
    public let hashBoard: any CommandedHashBoard
    /// The virtual BM13xx chain behind the driver (nil without `[asic]`). Its `misbehaviour`
    /// may change while the simulation runs (silence, bit errors, short frames).
    public var asicChain: VirtualBM13xxChain? { asic?.chain }
    /// The production driver on the chain (nil without `[asic]`), for its statistics.
    public var asicDriver: BM13xxDriver? { asic?.driver }
    private let asic: SimulatedBM13xxBoard?
    private let buses = SimulatorBuses()
    private var tmp75s: [SensorRole: VirtualTMP75] = [:]
    private var emc2101: VirtualEMC2101?
    private var emcRoles: Set<SensorRole> = []
    private var ina260: VirtualINA260?
    private var rng: SeededRandom
    private var spikePending: SensorRole?
    private var active = ActiveFaults()
    /// The room thermostat's sensor as installed (lag, offset, plume, quantisation).
    public private(set) var roomSensor: ThermostatSensor

    /// - Parameters:
    ///   - hasher: mine for real: the CPU board hashes with it, or on a board with `[asic]`
    ///     the virtual chain hashes at its rate (its threads are then not used).
    ///   - sensor: the installed room sensor; nil: the board's noise on the mixed air, no lag.
    public init(board: BoardDefinition, room: RoomParameters, initial: RoomState, seed: UInt64,
                hasher: CPUHasher? = nil, sensor: ThermostatSensor? = nil) throws(BoardAssemblyError) {
        self.board = board
        self.rng = SeededRandom(seed: seed)
        let params = HeaterPhysicsParameters(board)
        self.roomSensor = sensor ?? .ideal(noise: params.roomSensorNoise)
        self.roomSensor.advance(.zero, room: initial.air, heaterPower: .zero)
        self.physics = HeaterPhysics(parameters: params, room: room, roomState: initial)
        if let spec = board.asic {
            let asic = SimulatedBM13xxBoard(board: board, asic: spec, mining: hasher?.configuration, seed: seed)
            self.asic = asic
            self.hashBoard = asic.driver
        } else {
            self.asic = nil
            self.hashBoard = SimulatedHashBoard(initial: board.profile.minimumPoint,
                                                maximumFrequency: board.profile.operatingPoints.map(\.frequency).max(),
                                                hasher: hasher)
        }
        for spec in board.i2cDevices {
            let bus = buses.i2c[spec.bus] ?? VirtualI2CBus(name: "sim:\(spec.bus)")
            buses.i2c[spec.bus] = bus
            switch spec.driver {
            case .tmp75, .tmp1075, .lm75:
                let chip = VirtualTMP75(variant: TMP75.Variant(rawValue: spec.driver.rawValue) ?? .tmp75,
                                        temperature: initial.air)
                bus.attach(chip, at: spec.address)
                for role in spec.roles { tmp75s[role] = chip }
            case .emc2101:
                let chip = VirtualEMC2101()
                bus.attach(chip, at: spec.address)
                emc2101 = chip
                emcRoles = Set(spec.roles)
            case .ina260:
                let chip = VirtualINA260()
                bus.attach(chip, at: spec.address)
                ina260 = chip
            }
        }
        self.device = try AssembledHeaterMiner(board: board, buses: buses, hashBoard: hashBoard)
        // The enable line is the chips' core supply: cut, they forget their setup at once.
        if let chain = asic?.chain, let enable = buses.lines[.asicEnable] {
            chain.setSupply(enable.level)
            enable.onSet = { [weak chain] on in chain?.setSupply(on) }
        }
        publishSensors()
        try device.configure()
    }

    /// Register transfers so far on all virtual buses.
    public var i2cTransfers: Int { buses.i2c.values.reduce(0) { $0 + $1.transferCount } }

    /// The fan duty the drivers last set, as the fan sees it.
    public var commandedDuty: DutyCycle {
        if let pwm = buses.pwm { return pwm.effectiveDuty }
        return emc2101?.commandedDuty ?? DutyCycle(0)
    }

    /// What the chips physically run at now (nil: off or doing no work): a BM13xx chain's
    /// PLL and core voltage, else the CPU board's commanded point.
    public var runningPoint: OperatingPoint? {
        if let asic { return asic.runningPoint }
        return hashBoard.hashing ? hashBoard.point : nil
    }

    /// Stops the threads a mining simulation runs (the chain's hashing, the nonce reader).
    public func stopMining() { asic?.stop() }

    /// Advance the physics by `dt` and refresh what the sensors show.
    public func step(_ dt: Seconds, outdoor: Celsius, gains: Watts, extraWindow: WattsPerKelvin) -> HeaterPhysics.Step {
        let s = stepChips(dt, outdoor: outdoor, gains: gains, extraWindow: extraWindow)
        roomSensor.advance(dt, room: physics.roomState.air, heaterPower: s.wallPower)
        active.advance(dt)
        publishSensors(wallPower: s.wallPower)
        return s
    }

    /// The physics over `dt` with the chips as they run. A BM13xx board runs its driver
    /// through the step in control time and integrates each ramp step at its own time;
    /// the step reports the means over `dt`.
    private func stepChips(_ dt: Seconds, outdoor: Celsius, gains: Watts, extraWindow: WattsPerKelvin) -> HeaterPhysics.Step {
        guard let asic else {
            return physics.step(dt, point: runningPoint, duty: commandedDuty, outdoor: outdoor, gains: gains,
                                extraWindow: extraWindow)
        }
        var last: HeaterPhysics.Step?
        var wall = 0.0, chips = 0.0, hashes = 0.0
        asic.advance(by: dt) { piece, point in
            let s = physics.step(piece, point: point, duty: commandedDuty, outdoor: outdoor, gains: gains,
                                 extraWindow: extraWindow)
            wall += s.wallPower.value * piece.value
            chips += s.chipPower.value * piece.value
            hashes += s.hashrate.value * piece.value
            last = s
        }
        guard var mean = last, dt.value > 0 else {
            return physics.step(dt, point: runningPoint, duty: commandedDuty, outdoor: outdoor, gains: gains,
                                extraWindow: extraWindow)
        }
        mean.wallPower = Watts(wall / dt.value)
        mean.chipPower = Watts(chips / dt.value)
        mean.hashrate = HashRate(hashes / dt.value)
        return mean
    }

    // MARK: faults

    public func inject(_ fault: FaultInjection) {
        if active.inject(fault) { return }
        switch fault.kind {
        case .fanStall: physics.fanStalled = true
        case .sensorNack: setNack(fault.sensor)
        case .powerLoss: ina260?.nack = true
        case .stuckSensor: setStuck(fault.sensor)
        case .sensorSpike: spikePending = fault.sensor
        case .fanBlocked: physics.airflowBlocked = true
        case .busHang: bus(carrying: fault.sensor)?.hung = true
        case .chipSilent: asicChain?.misbehaviour.silent = true
        case .crcStorm: asicChain?.misbehaviour.bitErrorRate = 1
        case .crcBurst:
            asicChain?.misbehaviour.bitErrorRate = 1
            active.lineNoiseUntil = active.elapsed + FaultInjection.crcBurstLength
        case .tachLoss, .sensorLow, .sensorDrift, .powerWrong: break   // ActiveFaults
        }
    }

    /// The virtual bus the board file wires `role`'s device to.
    func bus(carrying role: SensorRole) -> VirtualI2CBus? {
        board.i2cDevices.first { $0.roles.contains(role) }.flatMap { buses.i2c[$0.bus] }
    }

    /// Time the I2C transfers so far would have blocked on real hardware (a hung bus's timeouts).
    public var i2cBlockedTime: Seconds { buses.i2c.values.reduce(Seconds.zero) { $0 + $1.blockedTime } }

    private func setNack(_ role: SensorRole) {
        if let t = tmp75s[role] { t.nack = true } else if emcRoles.contains(role) { emc2101?.nack = true }
    }

    private func setStuck(_ role: SensorRole) {
        if let t = tmp75s[role] { t.stuck = true } else if emcRoles.contains(role) { emc2101?.stuck = true }
    }

    private func publishSensors(wallPower: Watts = .zero) {
        if active.lineNoiseEnded() { asicChain?.misbehaviour.bitErrorRate = 0 }
        let p = physics.parameters
        var chip = active.chipReading(physics.chipTemperature, air: physics.roomState.air)
            + Kelvin(p.chipSensorNoise.value * rng.gaussian())
        var room = roomSensor.reading(room: physics.roomState.air, gaussian: rng.gaussian())
        if let s = spikePending {
            if s == .chipTemp { chip = chip + FaultInjection.spike } else { room = room + FaultInjection.spike }
            spikePending = nil
        }
        tmp75s[.chipTemp]?.temperature = chip
        tmp75s[.roomTemp]?.temperature = room
        tmp75s[.inletTemp]?.temperature = physics.roomState.air
        if let emc = emc2101 {
            if emcRoles.contains(.chipTemp) { emc.externalTemperature = chip }
            emc.internalTemperature = physics.roomState.air + Kelvin(5)
            emc.fanRPM = active.tach(physics.fanRPM)
        }
        buses.tach?.rpm = active.tach(physics.fanRPM)
        if let ina = ina260 {
            let measured = max(0, wallPower.value * active.powerScale + p.powerSensorNoise.value * rng.gaussian())
            ina.busVoltage = p.busVoltage
            ina.current = Amperes(measured / p.busVoltage.volts)
        }
    }
}

extension HeaterPhysicsParameters {
    /// Physics from a board file's `[simulation.*]` tables.
    public init(_ board: BoardDefinition) {
        let s = board.simulation
        self.init(
            chip: ChipModel(chipCount: board.chipCount, hashesPerClock: s.chip.hashesPerClock,
                            switchingCoefficient: s.chip.switchingCoefficient.value, leakageAt25C: s.chip.leakageAt25C,
                            leakageDoubling: s.chip.leakageDoubling, stableBase: s.chip.stableVoltageBase,
                            stablePerMHz: s.chip.stableVoltagePerMHz.value, errorOnset: s.chip.errorOnset),
            cooling: CoolingModel(maximumRPM: board.profile.fan.maximumRPM, minimumRPM: s.fan.minRPM,
                                  fanTimeConstant: s.fan.timeConstant, fanMaximumPower: s.fan.maxPower,
                                  noiseAtMaximum: s.fan.noiseAtMax, resistanceAtMaximum: s.thermal.resistanceAtMaxRPM.value,
                                  resistanceNatural: s.thermal.resistanceNatural.value,
                                  heatsinkTimeConstant: s.thermal.timeConstant),
            fixedPower: s.power.fixed, psuEfficiency: s.power.psuEfficiency, busVoltage: s.power.busVoltage,
            chipSensorNoise: s.sensors.chipNoise, roomSensorNoise: s.sensors.roomNoise,
            powerSensorNoise: s.sensors.powerNoise, room: RoomParameters(template: s.room))
    }
}

extension RoomParameters {
    public init(template t: SimulationParameters.Room) {
        self.init(description: t.description, windowConductance: t.windowConductance,
                  airWallConductance: t.airWallConductance, wallOutsideConductance: t.wallOutsideConductance,
                  houseConductance: t.houseConductance, houseTemperature: t.houseTemperature,
                  airCapacity: t.airCapacity.value, wallCapacity: t.wallCapacity.value)
    }
}
