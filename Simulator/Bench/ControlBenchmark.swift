import HearthCore
import HearthHAL
import HearthSupport

/// One seed of `hearth bench control`: Hearth and every owner baseline on the same
/// board, scenario and seed, and the efficiency bound for the same room.
public struct ControlBenchmarkRun: Sendable {
    public var seed: UInt64
    public var hearth: ControlBenchmarkFigures
    public var baselines: [ControlBenchmarkFigures]
    /// The bound Hearth is judged against: at the heat Hearth delivered (strict) when the
    /// run was sampled finely enough, else at the room's need.
    public var bound: ControlBenchmarkBound
    /// The bound at the room's exact need to hold the target (context: what perfect comfort costs).
    public var roomNeedBound: ControlBenchmarkBound
    /// Wall seconds per simulated day of Hearth's run (register-level I2C, 1 s ticks).
    public var wallSecondsPerSimulatedDay: Double

    /// Hearth's hashes per kWh over the bound's.
    public var efficiencyVsBound: Double { ratio(hearth.hashesPerKWh, bound.hashesPerKWh) }
    /// Hearth's hashes per kWh over a baseline's.
    public func efficiency(vs baseline: ControlBenchmarkFigures) -> Double {
        ratio(hearth.hashesPerKWh, baseline.hashesPerKWh)
    }
}

func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }

public enum ControlBenchmark {
    /// Runs Hearth and the baselines for every seed of `seeds` on `base` (its board,
    /// scenario, duration, settings; its controller and seed are replaced).
    public static func run(_ base: SimulationConfig, seeds: [UInt64],
                           baselines: [OwnerBaseline]? = nil) throws -> ControlBenchmarkSummary {
        let owners = baselines ?? OwnerBaselines.forBoard(base.board)
        var runs: [ControlBenchmarkRun] = []
        for seed in seeds {
            // Seeds vary the room, weather and household too, not only sensor noise.
            var config = base
            config.scenario = base.scenario.variant(seed: seed)
            config.seed = seed
            config.controller = .hearth
            config.customPolicy = nil
            var delivered: [Watts]?
            var starts = 0
            let hearth = try measure(config, name: "hearth", plug: nil) { result in
                // Per-minute heat actually delivered: the bound at the same heat (strict).
                guard result.samples.count >= 2, result.samples[1].time - result.samples[0].time == config.tick else { return }
                let perMinute = max(1, Int((Seconds(60).value / config.tick.value).rounded()))
                delivered = IndependentBound.stepMeans(result.samples.map(\.power.value), per: perMinute).map { Watts($0) }
                starts = result.hashBoardStarts
            }
            var others: [ControlBenchmarkFigures] = []
            for owner in owners {
                var c = config
                c.board = owner.board
                let stock = owner
                c.customPolicy = { _, settings in stock.policy(settings: settings) }
                others.append(try measure(c, name: owner.setup.name, plug: owner))
            }
            let days = config.duration.value / 86_400
            let roomNeed = bound(config)
            let strict = delivered.map { bound(config, heat: $0, transients: starts) }
            runs.append(ControlBenchmarkRun(seed: seed, hearth: hearth, baselines: others, bound: strict ?? roomNeed,
                                            roomNeedBound: roomNeed, wallSecondsPerSimulatedDay: hearth.wallSeconds / days))
        }
        return ControlBenchmarkSummary(config: base, runs: runs, baselineSources: owners.map { ($0.setup.name, $0.source) })
    }

    /// The efficiency bound for this board, room and weather: engineer F2's independent
    /// bound (an LP over the simulator's own steady states, operating point × fan speed)
    /// fed with the room's exact heat need minute by minute. Quiet mode caps the fan.
    ///
    /// - Parameters:
    ///   - heat: per-minute heat to deliver; nil: the room's exact need to hold the target.
    ///     Given a run's own delivered heat (and its starts as `transients`), the bound is
    ///     the strict one: the best any controller could do with the same heat, minute by minute.
    public static func bound(_ config: SimulationConfig, heat: [Watts]? = nil, transients: Int = 0) -> ControlBenchmarkBound {
        let target = config.settings.effective(at: config.scenario.start).target
        let need = heat ?? RoomHeatNeed.perStep(board: config.board, scenario: config.scenario, target: target,
                                                duration: config.duration)
        let quiet = config.settings.mode == .quiet
        let b = IndependentBound.evaluate(board: config.board, heatDemand: need, inlet: target,
                                          rpmCap: quiet ? config.board.profile.fan.quietRPM : nil, transients: transients)
        let method = heat == nil
            ? "IndependentBound at the room's exact heat need"
            : "IndependentBound at the heat Hearth delivered, minute by minute (strict)"
        return ControlBenchmarkBound(method: method, hashesPerKWh: b.hashesPerKWh, energy: b.energy,
                                     unmetSeconds: b.unmetSeconds)
    }

    /// One simulated run with its commands counted. A plug baseline's unit draws nothing
    /// while the plug is open: its standby draw is taken off the energy the simulator
    /// booked (the few watts of heat it added to the room stay, which favours the baseline).
    /// `inspect` sees the whole result; runs of up to two days are then sampled every tick.
    static func measure(_ config: SimulationConfig, name: String, plug: OwnerBaseline?,
                        inspect: ((SimulationResult) -> Void)? = nil) throws -> ControlBenchmarkFigures {
        var counter = CommandCounter(countsPlug: plug != nil)
        let dt = config.tick
        var config = config
        if inspect != nil && config.duration <= .hours(48) { config.sampleInterval = dt }
        var result: SimulationResult?
        let wall = try ContinuousClock().measure {
            result = try SimulationRunner.run(config, observer: { counter.record($0.decision, dt: dt) })
        }
        guard let r = result else { throw SimulationError(description: "benchmark run \(name) produced no result") }
        inspect?(r)
        let m = r.metrics
        var economics = r.economics
        if let plug {
            let standby = plug.board.simulation.power.fixed * Seconds(counter.plugOpenSeconds)
            let energy = max(Joules.zero, economics.energy - standby)
            let share = economics.energy.value > 0 ? energy.value / economics.energy.value : 0
            economics = HeatEconomicsSummary(duration: economics.duration, energy: energy, hashes: economics.hashes,
                                             electricityCost: Money(economics.electricityCost.value * share),
                                             miningRevenue: economics.miningRevenue, heatPumpCOP: economics.heatPumpCOP,
                                             hashprice: economics.hashprice)
        }
        let hours = config.duration.value / 3600
        return ControlBenchmarkFigures(
            name: name, rmsError: m.rmsError, outsideBandFraction: m.outsideBandFraction,
            hashesPerKWh: economics.hashesPerKWh ?? 0, noise: m.meanNoise,
            commandsPerHour: Double(counter.commands + counter.fanCommands) / hours,
            fanCommandsPerHour: Double(counter.fanCommands) / hours,
            maxChipTemperature: m.maxChipTemperature, overtemp: m.overtemp, trips: m.trips.count,
            economics: economics, wallSeconds: wall.seconds)
    }
}

/// The best hashes per kWh any controller could reach in the same room and weather.
public struct ControlBenchmarkBound: Sendable {
    public var method: String
    public var hashesPerKWh: Double
    public var energy: Joules
    /// Seconds in which even full power could not hold the target.
    public var unmetSeconds: Double

    public func json() -> JSONValue {
        .object([
            ("method", .string(method)),
            ("hashes_per_kwh", .number(hashesPerKWh)),
            ("energy_kwh", SimulationReport.round(energy.kilowattHours, 4)),
            ("unmet_seconds", .number(unmetSeconds)),
        ])
    }
}
