import ArgumentParser
import HearthCore
import HearthSimulator

/// `hearth bench …`: measured comparisons, reported as ratios within one run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks.", subcommands: [Control.self, BenchSHA256Command.self, BenchStratumCommand.self, BenchAsicCommand.self, BenchFaultsCommand.self, BenchRemoteFaultsCommand.self, BenchPoolFaultsCommand.self])

    struct Control: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "control",
            abstract: "Hearth vs the owners' baselines vs the efficiency bound, per seed (mean and worst); simulator speed.")

        @OptionGroup var options: SimulationOptions
        @Option(help: "Seeds: a range 1-5 or a list 1,3,4 (default: --seed).") var seeds: String?
        @Option(help: "Season mode: simulated days (overrides --hours; at most 366).") var days: Int?
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            var config = try options.makeConfig(controller: .hearth)
            if let days {
                guard days >= 1 && days <= 366 else { throw CLIError("--days \(days) is out of range; allowed 1…366") }
                config.duration = .hours(Double(days) * 24)
            }
            let seedList = try seeds.map(Self.parseSeeds) ?? [options.seed]
            let summary = try ControlBenchmark.run(config, seeds: seedList)
            if json {
                print(summary.json().serialized())
                return
            }
            print(Self.table(summary, season: days != nil))
        }

        /// "1-5" or "1,3,4"; nothing else.
        static func parseSeeds(_ text: String) throws -> [UInt64] {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 2, let a = UInt64(parts[0]), let b = UInt64(parts[1]), a <= b, b - a < 100 {
                return Array(a...b)
            }
            let list = text.split(separator: ",").map { UInt64($0.filter { $0 != " " }) }
            guard !list.isEmpty, list.count <= 100, list.allSatisfy({ $0 != nil }) else {
                throw CLIError("--seeds '\(text)': give a range like 1-5 or a list like 1,3,4 (at most 100 seeds)")
            }
            return list.compactMap { $0 }
        }

        static func table(_ s: ControlBenchmarkSummary, season: Bool) -> String {
            func f(_ x: Double, _ d: Int) -> String { formatted(x, decimals: d) }
            func mw(_ st: SeedStatistic, _ d: Int, scale: Double = 1) -> String {
                "\(f(st.mean * scale, d)) / \(f(st.worst * scale, d))"
            }
            let c = s.config
            var lines = ["\(c.board.profile.name), \(c.scenario.name), mode \(c.settings.mode.rawValue), "
                         + "\(f(c.duration.value / 3600, 1)) h, seeds \(s.seeds.map(String.init).joined(separator: ","))",
                         "mean / worst over the seeds; comfort after the first hour",
                         "controller".padded(16) + "RMS °C".padded(16) + "out ±0.5 %".padded(16) + "heat kWh".padded(10)
                         + "PH/kWh".padded(20) + "hearth ×".padded(16) + "Leq dB(A)".padded(16) + "commands/h"]
            for name in ["hearth"] + s.baselineNames {
                let vs = name == "hearth" ? "" : mw(s.vs(name), 3)
                let heat = s.figures(name).map(\.energyKWh).reduce(0, +) / Double(max(1, s.runs.count))
                lines.append(name.padded(16) + mw(s.rms(name), 3).padded(16) + mw(s.outside(name), 2, scale: 100).padded(16)
                             + f(heat, 3).padded(10) + mw(s.hashesPerKWh(name), 3, scale: 1e-15).padded(20) + vs.padded(16)
                             + mw(s.noise(name), 1).padded(16) + mw(s.commandsPerHour(name), 1))
            }
            if let b = s.runs.first?.bound {
                lines.append("bound".padded(16) + "".padded(32) + f(b.energy.kilowattHours, 3).padded(10)
                             + f(b.hashesPerKWh / 1e15, 3).padded(20)
                             + "(\(b.method))")
            }
            lines.append("hearth vs bound: \(mw(s.vsBound, 3))")
            if season, let run = s.runs.first {
                lines.append("season (seed \(run.seed)): energy kWh, cost, revenue, net cost per kWh of heat "
                             + "(resistive, heat pump COP \(f(c.heatPumpCOP, 1)))")
                for fig in [run.hearth] + run.baselines {
                    let e = fig.economics
                    lines.append(fig.name.padded(16) + f(e.kilowattHours, 1).padded(10) + f(e.electricityCost.value, 2).padded(10)
                                 + f(e.miningRevenue.value, 2).padded(10) + f(e.netCostPerKWhHeat?.value ?? 0, 4).padded(10)
                                 + "(\(f(e.resistiveCostPerKWhHeat?.value ?? 0, 4)), \(f(e.heatPumpCostPerKWhHeat?.value ?? 0, 4)))")
                }
            }
            lines.append("simulator: \(mw(s.wallSecondsPerSimulatedDay, 3)) s wall per simulated day (1 s ticks, register-level I2C)")
            return lines.joined(separator: "\n")
        }
    }
}

extension String {
    func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
