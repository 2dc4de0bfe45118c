import Foundation
import Testing
import HearthCore
@testable import HearthSimulator

/// The README's headline figures are the benchmark's: every number in the table
/// between the bench markers matches docs/benchmarks.json (written by
/// scripts/bench-report from release runs over seeds 1–5), the JSON's means are the
/// means of its own per-seed runs, and re-running seed 1 of every board here (debug
/// build; five seeds would take minutes) reproduces that seed's figures. A README
/// edited by hand, a stale report or a regression in the controller, the baselines
/// or the simulator fails this suite.
///
/// Tolerances: README cells are the JSON rounded to their printed places (half a unit
/// of the last place); a re-run agrees with the recorded run to 0.002 °C RMS,
/// 0.2 points of band time, 0.2 % hashes per kWh, 0.1 dB and 0.5 commands per hour
/// (the runs are deterministic; the margins only absorb float rounding differences
/// between release and debug code).
@Suite struct ReadmeFiguresTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func report() throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent("docs/benchmarks.json"))
        guard let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SimulationError(description: "docs/benchmarks.json: not a JSON object")
        }
        return doc
    }

    static func number(_ v: Any?, _ what: String) throws -> Double {
        guard let n = v as? NSNumber else { throw SimulationError(description: "benchmarks.json: \(what) is not a number") }
        return n.doubleValue
    }

    /// The README's rows between the markers, by board: the numbers in each cell in order.
    static func readmeRows() throws -> [String: [Double]] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let a = text.range(of: "<!-- bench:start -->"), let b = text.range(of: "<!-- bench:end -->"),
              a.upperBound < b.lowerBound else { throw SimulationError(description: "README.md: no bench markers") }
        var rows: [String: [Double]] = [:]
        for line in text[a.upperBound..<b.lowerBound].split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let board = cells.first, !board.hasPrefix("board"), !board.hasPrefix("---") else { continue }
            // Numbers only: a baseline's name in back-quotes is not a figure.
            let rest = cells.dropFirst().joined(separator: " ").replacingOccurrences(of: "`[^`]*`", with: " ",
                                                                                      options: .regularExpression)
            let numbers = rest.split(whereSeparator: { " ()/".contains($0) }).compactMap { Double($0) }
            rows[board] = numbers
        }
        return rows
    }

    static func headline(_ doc: [String: Any]) throws -> [[String: Any]] {
        guard let h = doc["headline"] as? [String: Any], let rows = h["rows"] as? [[String: Any]], !rows.isEmpty else {
            throw SimulationError(description: "benchmarks.json: no headline rows")
        }
        return rows
    }

    @Test func readmeTableIsTheReportsHeadline() throws {
        let doc = try Self.report()
        #expect(doc["quick"] as? Bool == false, "the committed report must not be a --quick run")
        let readme = try Self.readmeRows()
        let rows = try Self.headline(doc)
        #expect(readme.count == rows.count)
        // Column order of scripts/bench-report's table, with the places each is printed to.
        let columns: [(String, Double)] = [
            ("rms_mean", 3), ("rms_worst", 3), ("outside_pct_mean", 2), ("outside_pct_worst", 2),
            ("vs_bound_mean", 3), ("vs_bound_worst", 3), ("vs_least_mean", 3), ("vs_baselines_worst", 3),
            ("noise_hearth", 1), ("noise_top_baseline", 1), ("quiet_drop_db", 1), ("commands_per_hour", 1),
            ("sim_seconds_per_day", 2),
        ]
        for row in rows {
            let board = try #require(row["board"] as? String)
            let cells = try #require(readme[board], "README has no row for \(board)")
            #expect(cells.count == columns.count, "\(board): \(cells)")
            for (i, (key, places)) in columns.enumerated() where i < cells.count {
                let value = try Self.number(row[key], "\(board).\(key)")
                let halfUnit = 0.5 * pow(10, -places) + 1e-9
                #expect(abs(cells[i] - value) <= halfUnit, "\(board) \(key): README \(cells[i]), report \(value)")
            }
        }
    }

    @Test func reportMeansAreTheMeansOfItsRuns() throws {
        let doc = try Self.report()
        let control = try #require(doc["control"] as? [[String: Any]])
        #expect(!control.isEmpty)
        for s in control {
            let controllers = try #require(s["controllers"] as? [String: Any])
            for (name, value) in controllers {
                let c = try #require(value as? [String: Any])
                let runs = try #require(c["runs"] as? [[String: Any]])
                #expect(runs.count == (s["seeds"] as? [Any])?.count)
                // Runs and means are rounded to 4 (RMS) and 2 (noise) places in the file.
                for (key, tolerance) in [("rms_error_c", 0.0002), ("noise_leq_dba", 0.011)] {
                    let stat = try #require(c[key] as? [String: Any])
                    let values = try runs.map { try Self.number($0[key], key) }
                    let mean = values.reduce(0, +) / Double(values.count)
                    #expect(abs(try Self.number(stat["mean"], key) - mean) <= tolerance, "\(name) \(key)")
                    #expect(abs(try Self.number(stat["worst"], key) - (values.max() ?? 0)) <= tolerance, "\(name) \(key)")
                }
            }
        }
    }

    /// Seed 1 of the headline scenario, re-run here, gives the recorded seed-1 figures.
    @Test(arguments: ["avalon-nano3s", "avalon-mini3", "avalon-q", "piaxe"])
    func seedOneReproduces(board: String) throws {
        let doc = try Self.report()
        let h = try #require(doc["headline"] as? [String: Any])
        let scenario = try #require(h["scenario"] as? String)
        let control = try #require(doc["control"] as? [[String: Any]])
        let recorded = try #require(control.first { $0["board"] as? String == board && $0["scenario"] as? String == scenario })
        let controllers = try #require(recorded["controllers"] as? [String: Any])
        var config = try Fixtures.config(board, scenario: scenario, hours: try Self.number(recorded["hours"], "hours"))
        config.price = EnergyPrice(try Self.number(recorded["price_per_kwh"], "price"))
        if let hp = recorded["hashprice"] as? NSNumber { config.hashprice = Hashprice(hp.doubleValue) }
        let summary = try ControlBenchmark.run(config, seeds: [1])
        let run = try #require(summary.runs.first)
        #expect(Set(summary.baselineNames + ["hearth"]) == Set(controllers.keys))
        for figures in [run.hearth] + run.baselines {
            let c = try #require(controllers[figures.name] as? [String: Any], "\(figures.name) not in the report")
            let runs = try #require(c["runs"] as? [[String: Any]])
            let seed1 = try #require(runs.first)
            let what = "\(board) \(figures.name)"
            #expect(abs(figures.rmsError.value - (try Self.number(seed1["rms_error_c"], what))) <= 0.002, "\(what) RMS")
            #expect(abs(figures.outsideBandFraction - (try Self.number(seed1["outside_band_fraction"], what))) <= 0.002,
                    "\(what) outside band")
            let hashes = try Self.number(seed1["hashes_per_kwh"], what)
            #expect(abs(figures.hashesPerKWh / hashes - 1) <= 0.002, "\(what) hashes per kWh")
            #expect(abs(figures.noise.value - (try Self.number(seed1["noise_leq_dba"], what))) <= 0.1, "\(what) noise")
            #expect(abs(figures.commandsPerHour - (try Self.number(seed1["commands_per_hour"], what))) <= 0.5,
                    "\(what) commands per hour")
        }
        let bound = try #require(recorded["bound"] as? [String: Any])
        #expect(abs(run.bound.hashesPerKWh / (try Self.number(bound["hashes_per_kwh"], "bound")) - 1) <= 0.002)
    }

    /// Quiet mode's noise on seed 1 is the recorded one (the README's quiet − heat drop
    /// is the difference of two recorded means).
    @Test(arguments: ["avalon-nano3s", "avalon-mini3", "avalon-q", "piaxe"])
    func quietSeedOneReproduces(board: String) throws {
        let doc = try Self.report()
        let quiet = try #require(doc["quiet"] as? [[String: Any]])
        let recorded = try #require(quiet.first { $0["board"] as? String == board })
        let scenario = try #require(recorded["scenario"] as? String)
        let controllers = try #require(recorded["controllers"] as? [String: Any])
        let hearth = try #require(controllers["hearth"] as? [String: Any])
        let seed1 = try #require((hearth["runs"] as? [[String: Any]])?.first)
        var config = try Fixtures.config(board, scenario: scenario, mode: .quiet,
                                         hours: try Self.number(recorded["hours"], "hours"))
        config.scenario = config.scenario.variant(seed: 1)   // as the benchmark runs seed 1
        let r = try SimulationRunner.run(config)
        #expect(abs(r.metrics.meanNoise.value - (try Self.number(seed1["noise_leq_dba"], "quiet noise"))) <= 0.1)
    }
}
