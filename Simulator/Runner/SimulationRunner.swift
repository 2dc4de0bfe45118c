import HearthCore
import HearthHAL
import HearthRuntime

/// Which control policy drives the simulated heater.
public enum ControllerKind: String, Sendable, CaseIterable {
    case hearth
    case bangBang = "bang-bang"
}

/// Everything one simulated run needs.
public struct SimulationConfig: Sendable {
    public var board: BoardDefinition
    public var scenario: Scenario
    public var duration: Seconds = .hours(24)
    public var tick: Seconds = Seconds(1)
    public var controller: ControllerKind = .hearth
    /// A policy to run instead of `controller`'s (the benchmark's owner baselines).
    public var customPolicy: (@Sendable (BoardProfile, ControlSettings) -> any HeatingPolicy)?
    public var settings: ControlSettings
    public var seed: UInt64 = 1
    public var faults: [FaultInjection] = []
    public var price: EnergyPrice = EnergyPrice(0.30)
    public var hashprice: Hashprice?
    public var heatPumpCOP = 3.0
    /// Plot/CSV sample spacing.
    public var sampleInterval = Seconds(60)
    /// Mine for real: the simulated board hashes its work on the CPU (see `CPUHasher`).
    public var hasher: CPUHasher?
    /// Where the room sensor hangs; nil: where the scenario puts it.
    public var sensorPlacement: SensorPlacement?

    public init(board: BoardDefinition, scenario: Scenario, settings: ControlSettings = ControlSettings()) {
        self.board = board
        self.scenario = scenario
        self.settings = settings
        if settings.schedule == nil { self.settings.schedule = scenario.schedule }
        if settings.tariff == nil { self.settings.tariff = scenario.tariff }
        if settings.priceCap == nil { self.settings.priceCap = scenario.priceCap }
    }
}

/// One sample of the run for plots and CSV.
public struct SimulationSample: Sendable {
    public var time: Seconds
    public var room: Celsius
    public var target: Celsius
    public var outdoor: Celsius
    public var chip: Celsius
    public var power: Watts
    public var fanDuty: DutyCycle
    public var fanRPM: RPM
    public var hashrate: HashRate
    public var mode: Mode

    public init(time: Seconds, room: Celsius, target: Celsius, outdoor: Celsius, chip: Celsius, power: Watts,
                fanDuty: DutyCycle, fanRPM: RPM, hashrate: HashRate, mode: Mode) {
        self.time = time
        self.room = room
        self.target = target
        self.outdoor = outdoor
        self.chip = chip
        self.power = power
        self.fanDuty = fanDuty
        self.fanRPM = fanRPM
        self.hashrate = hashrate
        self.mode = mode
    }
}

public struct SimulationResult: Sendable {
    public var config: SimulationConfig
    public var room: RoomParameters
    public var roomScale: Double
    public var designLoad: Watts
    public var metrics: RunMetrics
    public var economics: HeatEconomicsSummary
    public var samples: [SimulationSample]
    public var i2cTransfers: Int
    /// How often the chips were started and re-clocked: what cycling costs in wear.
    public var hashBoardStarts: Int
    public var operatingPointChanges: Int

    public init(config: SimulationConfig, room: RoomParameters, roomScale: Double, designLoad: Watts, metrics: RunMetrics,
                economics: HeatEconomicsSummary, samples: [SimulationSample], i2cTransfers: Int, hashBoardStarts: Int,
                operatingPointChanges: Int) {
        self.config = config
        self.room = room
        self.roomScale = roomScale
        self.designLoad = designLoad
        self.metrics = metrics
        self.economics = economics
        self.samples = samples
        self.i2cTransfers = i2cTransfers
        self.hashBoardStarts = hashBoardStarts
        self.operatingPointChanges = operatingPointChanges
    }
}

public struct SimulationError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// Runs a closed loop: device readings → controller → device commands → physics.
public enum SimulationRunner {
    /// The room sized for this board and scenario: the scenario's room for the board's size
    /// (`Scenario.roomDesign`) with every area scaled so that its heat load at the coldest hour
    /// of the weather is `designLoadFraction` of the board's maximum power.
    public static func sizedRoom(board: BoardDefinition, scenario: Scenario, target: Celsius, duration: Seconds)
        -> (room: RoomParameters, scale: Double, designLoad: Watts, design: RoomDesign) {
        let preset = scenario.roomDesign(maximumPower: board.profile.maximumPower)
        let coldest = scenario.coldest(over: duration)
        let load = preset.physics.steadyLoad(air: target, outdoor: coldest)
        let wanted = board.profile.maximumPower * scenario.designLoadFraction
        let scale = load.value > 0 ? wanted.value / load.value : 1
        let design = preset.scaled(by: scale)
        var room = design.parameters
        room.description = design.description + "; " + scenario.assumptions
        return (room, scale, wanted, design)
    }

    /// The room sensor a run uses: the scenario's placement and offset unless the config overrides
    /// the placement, with the board's sensor noise.
    public static func thermostatSensor(_ config: SimulationConfig) -> ThermostatSensor {
        ThermostatSensor(placement: config.sensorPlacement ?? config.scenario.sensorPlacement,
                         offset: config.scenario.sensorOffset, noise: config.board.simulation.sensors.roomNoise)
    }

    /// What a tick saw and decided (the control loop's record) with the physical truth behind it.
    public struct TickRecord: Sendable {
        public var time: Seconds
        public var tick: HearthRuntime.TickRecord
        public var readings: DeviceReadings { tick.readings }
        public var decision: ControlDecision { tick.decision }
        /// The physical truth behind the readings.
        public var chip: Celsius
        public var room: Celsius
    }

    /// The policy a controller kind names.
    public static func policy(_ kind: ControllerKind, board: BoardProfile, settings: ControlSettings,
                              timing: OperatingPointPlanner.Timing = .standard) -> any HeatingPolicy {
        switch kind {
        case .hearth: HeaterController(board: board, settings: settings, timing: timing)
        case .bangBang: BangBangController(board: board, settings: settings)
        }
    }

    /// - Parameters:
    ///   - prepare: called with the simulated hash board before the first tick (attach a mining
    ///     engine): the production BM13xx driver on a board with `[asic]`, else the CPU board.
    ///   - pace: called after every tick with the simulated time reached; a real-time run waits there.
    public static func run(_ config: SimulationConfig, progress: ((Double) -> Void)? = nil,
                           observer: ((TickRecord) -> Void)? = nil,
                           prepare: ((any HashBoard) -> Void)? = nil,
                           pace: ((Seconds) -> Void)? = nil) throws -> SimulationResult {
        let board = config.board
        let target0 = config.settings.effective(at: config.scenario.start).target
        let sized = sizedRoom(board: board, scenario: config.scenario, target: target0, duration: config.duration)
        let outdoor0 = config.scenario.weather.outdoor(at: .zero)
        // Runs start where the scenario says (after a setback, a cold start), structure in steady state with that air.
        let initial = RoomState(steadyAt: config.scenario.initialAir ?? target0, outdoor: outdoor0, room: sized.room)
        let heater: SimulatedHeater
        do {
            heater = try SimulatedHeater(board: board, room: sized.room, initial: initial, seed: config.seed,
                                         hasher: config.hasher, sensor: thermostatSensor(config))
        }
        catch { throw SimulationError(description: "simulated board \(board.profile.id) failed to configure: \(error)") }

        let loop = ControlLoop(device: heater.device,
                               policy: config.customPolicy?(board.profile, config.settings)
                                   ?? policy(config.controller, board: board.profile, settings: config.settings))
        var metrics = RunMetrics(chipLimit: board.profile.thermal.chipLimit)
        var economics = try HeatEconomics(hashprice: config.hashprice, heatPumpCOP: config.heatPumpCOP)
        var samples: [SimulationSample] = []
        samples.reserveCapacity(Int(config.duration.value / config.sampleInterval.value) + 2)
        var faults = config.faults.sorted { $0.at < $1.at }[...]
        let dt = config.tick
        let steps = Int((config.duration.value / dt.value).rounded())
        let sampleEvery = max(1, Int((config.sampleInterval.value / dt.value).rounded()))
        let conditions = ScenarioConditions(scenario: config.scenario, design: sized.design, areaScale: sized.scale,
                                            designLoad: sized.designLoad)

        prepare?(heater.hashBoard)
        defer {
            config.hasher?.stop()
            heater.stopMining()
        }
        var clock = VirtualClock(start: config.scenario.start, tick: dt)
        for i in 0..<steps {
            defer { clock.advance() }
            let t = clock.now
            while let f = faults.first, f.at <= t {
                heater.inject(f)
                faults = faults.dropFirst()
            }
            let week = clock.week
            let record = loop.tick(at: clock.controlTime)
            let decision = record.decision
            observer?(TickRecord(time: t, tick: record, chip: heater.physics.chipTemperature,
                                 room: heater.physics.roomState.air))
            if let trip = decision.trip { metrics.recordTrip(trip) }

            let outdoor = conditions.outdoor(at: t)
            let step = conditions.step(heater, at: t, by: dt)
            let room = heater.physics.roomState.air
            let comfortTarget: Celsius? = decision.mode.isThermostatic ? decision.target : nil
            metrics.record(time: t, dt: dt, room: room, target: comfortTarget, chip: heater.physics.chipTemperature, step: step)
            let price = config.settings.tariff?.price(at: week) ?? config.price
            try economics.record(power: step.wallPower, hashrate: step.hashrate, duration: dt, price: price)
            if i % sampleEvery == 0 {
                samples.append(SimulationSample(time: t, room: room, target: decision.target, outdoor: outdoor,
                                                chip: heater.physics.chipTemperature, power: step.wallPower,
                                                fanDuty: heater.commandedDuty, fanRPM: heater.physics.fanRPM,
                                                hashrate: step.hashrate, mode: decision.mode))
                progress?(Double(i) / Double(steps))
            }
            pace?(t + dt)
        }
        return SimulationResult(config: config, room: sized.room, roomScale: sized.scale, designLoad: sized.designLoad,
                                metrics: metrics, economics: economics.summary, samples: samples,
                                i2cTransfers: heater.i2cTransfers, hashBoardStarts: heater.hashBoard.starts,
                                operatingPointChanges: heater.hashBoard.pointChanges)
    }
}
