import HearthCore
import HearthHAL
import HearthSupport

/// `hearth bench control`: Hearth, the bang-bang baseline and the oracle on the
/// same scenario and seed, plus how fast the simulator runs a day.
public struct ControlBenchmarkResult: Sendable {
    public var hearth: SimulationResult
    public var bangBang: SimulationResult
    public var oracle: OracleResult
    public var hearthWallSeconds: Double
    public var bangBangWallSeconds: Double

    public var efficiencyVsBangBang: Double { ratio(hearth.metrics.hashesPerKWh, bangBang.metrics.hashesPerKWh) }
    public var efficiencyVsOracle: Double { ratio(hearth.metrics.hashesPerKWh, oracle.hashesPerKWh) }
    /// Wall seconds one simulated day takes, from Hearth's run (register-level I2C, 1 s ticks).
    public var wallSecondsPerSimulatedDay: Double {
        hearthWallSeconds / (hearth.config.duration.value / 86_400)
    }

    private func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }

    public func json() -> JSONValue {
        func run(_ r: SimulationResult, wall: Double) -> JSONValue {
            .object([
                ("rms_error_c", SimulationReport.round(r.metrics.rmsError.value, 4)),
                ("outside_band_fraction", SimulationReport.round(r.metrics.outsideBandFraction, 5)),
                ("mean_noise_dba", SimulationReport.round(r.metrics.meanNoise.value, 2)),
                ("energy_kwh", SimulationReport.round(r.metrics.totalEnergy.kilowattHours, 4)),
                ("hashes_per_kwh", .number(r.metrics.hashesPerKWh)),
                ("max_chip_temp_c", SimulationReport.round(r.metrics.maxChipTemperature.value, 2)),
                ("overtemp_seconds", SimulationReport.round(r.metrics.overtemp.value, 1)),
                ("trips", .number(Double(r.metrics.trips.count))),
                ("wall_seconds", SimulationReport.round(wall, 4)),
            ])
        }
        let c = hearth.config
        return .object([
            ("board", .string(c.board.profile.id)),
            ("scenario", .string(c.scenario.name)),
            ("seed", .number(Double(c.seed))),
            ("hours", SimulationReport.round(c.duration.value / 3600, 3)),
            ("efficiency_vs_bang_bang", SimulationReport.round(efficiencyVsBangBang, 4)),
            ("efficiency_vs_oracle", SimulationReport.round(efficiencyVsOracle, 4)),
            ("sim_seconds_per_simulated_day", SimulationReport.round(wallSecondsPerSimulatedDay, 4)),
            ("hearth", run(hearth, wall: hearthWallSeconds)),
            ("bang_bang", run(bangBang, wall: bangBangWallSeconds)),
            ("oracle", .object([
                ("rms_error_c", .number(0)),
                ("outside_band_fraction", .number(0)),
                ("mean_noise_dba", SimulationReport.round(oracle.meanNoise.value, 2)),
                ("energy_kwh", SimulationReport.round(oracle.energy.kilowattHours, 4)),
                ("hashes_per_kwh", .number(oracle.hashesPerKWh)),
                ("unmet_seconds", .number(oracle.unmetSeconds)),
            ])),
        ])
    }
}

public enum ControlBenchmark {
    public static func run(_ base: SimulationConfig) throws -> ControlBenchmarkResult {
        let clock = ContinuousClock()
        var hearthConfig = base
        hearthConfig.controller = .hearth
        var bangConfig = base
        bangConfig.controller = .bangBang
        var hearth: SimulationResult?
        let hearthTime = try clock.measure { hearth = try SimulationRunner.run(hearthConfig) }
        var bang: SimulationResult?
        let bangTime = try clock.measure { bang = try SimulationRunner.run(bangConfig) }
        guard let hearth, let bang else { throw SimulationError(description: "benchmark runs produced no result") }
        let oracle = Oracle.run(board: base.board, scenario: base.scenario, target: base.settings.target,
                                duration: base.duration)
        return ControlBenchmarkResult(hearth: hearth, bangBang: bang, oracle: oracle,
                                      hearthWallSeconds: hearthTime.seconds, bangBangWallSeconds: bangTime.seconds)
    }
}

