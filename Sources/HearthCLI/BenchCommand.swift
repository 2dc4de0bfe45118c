import ArgumentParser
import HearthCore
import HearthSimulator

/// `hearth bench …`: measured comparisons, reported as ratios within one run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks.", subcommands: [Control.self, BenchSHA256Command.self, BenchStratumCommand.self])

    struct Control: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "control",
            abstract: "Hearth vs the bang-bang baseline vs the oracle on one scenario and seed; simulator speed.")

        @OptionGroup var options: SimulationOptions
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let result = try ControlBenchmark.run(try options.makeConfig(controller: .hearth))
            if json {
                print(result.json().serialized())
                return
            }
            let h = result.hearth.metrics, b = result.bangBang.metrics, o = result.oracle
            func f(_ x: Double, _ d: Int) -> String { formatted(x, decimals: d) }
            print("""
            \(result.hearth.config.board.profile.name), \(result.hearth.config.scenario.name), seed \(result.hearth.config.seed)
                                  hearth     bang-bang  oracle
              RMS error °C        \(f(h.rmsError.value, 3).padded(10)) \(f(b.rmsError.value, 3).padded(10)) 0
              outside ±0.5 °C %   \(f(h.outsideBandFraction * 100, 2).padded(10)) \(f(b.outsideBandFraction * 100, 2).padded(10)) 0
              mean noise dB(A)    \(f(h.meanNoise.value, 1).padded(10)) \(f(b.meanNoise.value, 1).padded(10)) \(f(o.meanNoise.value, 1))
              energy kWh          \(f(h.totalEnergy.kilowattHours, 3).padded(10)) \(f(b.totalEnergy.kilowattHours, 3).padded(10)) \(f(o.energy.kilowattHours, 3))
              PH per kWh          \(f(h.hashesPerKWh / 1e15, 3).padded(10)) \(f(b.hashesPerKWh / 1e15, 3).padded(10)) \(f(o.hashesPerKWh / 1e15, 3))
            efficiency vs bang-bang: \(f(result.efficiencyVsBangBang, 3))
            efficiency vs oracle:    \(f(result.efficiencyVsOracle, 3))
            simulator: \(f(result.wallSecondsPerSimulatedDay, 3)) s wall per simulated day (1 s ticks, register-level I2C)
            """)
        }
    }
}

extension String {
    func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
