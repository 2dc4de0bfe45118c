import HearthCore
import HearthSupport

/// Mean and worst of one figure over the seeds ("worst" in the figure's own sense:
/// highest error or noise, lowest efficiency).
public struct SeedStatistic: Sendable, Hashable {
    public var mean: Double
    public var worst: Double

    init(_ values: [Double], higherIsWorse: Bool) {
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        worst = (higherIsWorse ? values.max() : values.min()) ?? 0
    }

    func json(_ places: Int) -> JSONValue {
        .object([("mean", SimulationReport.round(mean, places)), ("worst", SimulationReport.round(worst, places))])
    }
}

/// `hearth bench control` over several seeds: per controller, mean and worst of each figure.
public struct ControlBenchmarkSummary: Sendable {
    public var config: SimulationConfig
    public var runs: [ControlBenchmarkRun]
    public var baselineSources: [(name: String, source: String)]

    public var seeds: [UInt64] { runs.map(\.seed) }
    public var baselineNames: [String] { baselineSources.map(\.name) }

    public func figures(_ name: String) -> [ControlBenchmarkFigures] {
        runs.compactMap { r in name == "hearth" ? r.hearth : r.baselines.first { $0.name == name } }
    }

    public func rms(_ name: String) -> SeedStatistic { .init(figures(name).map(\.rmsError.value), higherIsWorse: true) }
    public func outside(_ name: String) -> SeedStatistic { .init(figures(name).map(\.outsideBandFraction), higherIsWorse: true) }
    public func noise(_ name: String) -> SeedStatistic { .init(figures(name).map(\.noise.value), higherIsWorse: true) }
    public func commandsPerHour(_ name: String) -> SeedStatistic { .init(figures(name).map(\.commandsPerHour), higherIsWorse: true) }
    public func hashesPerKWh(_ name: String) -> SeedStatistic { .init(figures(name).map(\.hashesPerKWh), higherIsWorse: false) }
    /// Hearth's hashes per kWh over the bound's, per seed.
    public var vsBound: SeedStatistic { .init(runs.map(\.efficiencyVsBound), higherIsWorse: false) }
    /// Hearth's hashes per kWh over a baseline's, per seed.
    public func vs(_ baseline: String) -> SeedStatistic {
        .init(runs.compactMap { r in r.baselines.first { $0.name == baseline }.map { r.efficiency(vs: $0) } },
              higherIsWorse: false)
    }
    public var wallSecondsPerSimulatedDay: SeedStatistic { .init(runs.map(\.wallSecondsPerSimulatedDay), higherIsWorse: true) }

    public func json() -> JSONValue {
        let c = config
        func controller(_ name: String) -> JSONValue {
            var fields: [(String, JSONValue)] = [
                ("rms_error_c", rms(name).json(4)),
                ("outside_band_fraction", outside(name).json(5)),
                ("hashes_per_kwh", hashesPerKWh(name).json(0)),
                ("noise_leq_dba", noise(name).json(2)),
                ("commands_per_hour", commandsPerHour(name).json(3)),
            ]
            if name != "hearth" {
                fields.append(("hearth_vs_this", vs(name).json(4)))
                if let s = baselineSources.first(where: { $0.name == name }) { fields.append(("source", .string(s.source))) }
            }
            fields.append(("runs", .array(figures(name).map { $0.json() })))
            return .object(fields)
        }
        var controllers: [(String, JSONValue)] = [("hearth", controller("hearth"))]
        for name in baselineNames { controllers.append((name, controller(name))) }
        return .object([
            ("board", .string(c.board.profile.id)),
            ("scenario", .string(c.scenario.name)),
            ("mode", .string(c.settings.mode.rawValue)),
            ("hours", SimulationReport.round(c.duration.value / 3600, 3)),
            ("seeds", .array(seeds.map { .number(Double($0)) })),
            ("price_per_kwh", .number(c.price.value)),
            ("hashprice", c.hashprice.map { .number($0.value) } ?? .null),
            ("heat_pump_cop", .number(c.heatPumpCOP)),
            ("bound", runs.first?.bound.json() ?? .null),
            ("bound_room_need", runs.first?.roomNeedBound.json() ?? .null),
            ("hearth_vs_bound", vsBound.json(4)),
            ("sim_seconds_per_simulated_day", wallSecondsPerSimulatedDay.json(4)),
            ("controllers", .object(controllers)),
        ])
    }
}
