import Foundation
import Testing

@Suite(.serialized) struct SimulateCommandTests {
    func json(_ r: CLI.Result) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    func value(_ object: [String: Any], _ path: String) -> Any? {
        var current: Any? = object
        for key in path.split(separator: ".") { current = (current as? [String: Any])?[String(key)] }
        return current
    }

    @Test func jsonOutputHoldsTheContract() throws {
        let r = try CLI.run(["simulate", "--board", "avalon-nano3s", "--scenario", "winter-day", "--hours", "2",
                             "--json", "--hashprice", "50"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r)
        for key in ["comfort.rms_error_c", "comfort.outside_band_fraction", "energy.kwh", "mining.hashes",
                    "mining.hashes_per_kwh", "noise.mean_dba", "safety.max_chip_temp_c", "safety.overtemp_seconds",
                    "safety.trips", "economics.electricity_cost", "economics.mining_revenue",
                    "economics.net_cost_per_kwh_heat", "economics.resistive_cost_per_kwh_heat", "wall_seconds"] {
            #expect(value(o, key) != nil, "missing \(key)")
        }
        #expect((value(o, "mining.hashes") as? Double ?? 0) > 0)
        #expect((value(o, "economics.mining_revenue") as? Double ?? 0) > 0)
        #expect(r.stderr.isEmpty)                        // no progress bar when piped or with --json
    }

    @Test func humanOutputEndsWithTheFiguresAndWritesPlotAndCSV() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("day.svg").path, csv = dir.appendingPathComponent("day.csv").path
        let r = try CLI.run(["simulate", "--board", "avalon-mini3", "--hours", "3", "--target", "70F",
                             "--fault", "fan-stall@5400", "--plot", svg, "--csv", csv])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("comfort: RMS error"))
        #expect(r.stdout.contains("fan_stall") || r.stdout.contains("fan stall"))
        #expect(r.stdout.contains("target 21.11 °C"))
        let plot = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(plot.hasPrefix("<?xml") || plot.hasPrefix("<svg"))
        #expect(plot.contains("<polyline"))
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first?.hasPrefix("time_s,room_c") == true)
        #expect(rows.count == 3 * 60 + 1)
    }

    @Test(arguments: [
        (["--board", "no-such-board"], "no-such-board"),
        (["--board", "avalon-nano3s", "--scenario", "heatwave"], "allowed: winter-day"),
        (["--board", "avalon-nano3s", "--target", "35"], "allowed: 5…30 °C"),
        (["--board", "avalon-nano3s", "--target", "warm"], "--target 'warm'"),
        (["--board", "avalon-nano3s", "--mode", "turbo"], "turbo"),
        (["--board", "avalon-nano3s", "--fault", "fan-melt@10"], "allowed: fan-stall"),
        (["--board", "avalon-nano3s", "--hours", "0"], "--hours"),
        (["--board", "avalon-nano3s", "--controller", "pid"], "pid"),
    ])
    func badInputIsOneClearErrorAndNothingRuns(arguments: [String], mentions: String) throws {
        let r = try CLI.run(["simulate"] + arguments)
        #expect(r.status != 0)
        #expect(r.stderr.contains(mentions), "stderr: \(r.stderr)")
        #expect(!r.stdout.contains("comfort:"))
    }

    @Test func tariffFileAndSchedule() throws {
        // night-quiet starts on a Wednesday at midnight: the example tariff's night price.
        let r = try CLI.run(["simulate", "--board", "avalon-nano3s", "--scenario", "night-quiet", "--hours", "2", "--json",
                             "--tariff", "examples/tariff-tou.toml", "--schedule", "* 00:00 19.5 heat"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r)
        let cost = try #require(value(o, "economics.electricity_cost") as? Double)
        let kwh = try #require(value(o, "energy.kwh") as? Double)
        #expect(abs(cost / kwh - 0.19) < 0.001)
        let bad = try CLI.run(["simulate", "--board", "avalon-nano3s", "--schedule", "mon-fri 25:00 21"])
        #expect(bad.status != 0 && bad.stderr.contains("--schedule"))
        let both = try CLI.run(["simulate", "--board", "avalon-nano3s", "--price", "0.2", "--tariff", "examples/tariff-tou.toml"])
        #expect(both.status != 0 && both.stderr.contains("not both"))
    }

    @Test func unreachablePoolIsLoggedAndTheHeaterKeepsHeating() throws {
        // Port 9 (discard) on loopback: nothing listens there in a test sandbox.
        let r = try CLI.run(["simulate", "--board", "avalon-nano3s", "--hours", "0.5", "--speed", "900", "--json",
                             "--pool", "stratum+tcp://127.0.0.1:9", "--user", "hearth.test"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r)
        #expect((value(o, "comfort.rms_error_c") as? Double ?? 9) < 0.25)
        #expect(value(o, "mining.shares_accepted") as? Double == 0)
        #expect(value(o, "mining.stale") != nil && value(o, "mining.shares_rejected") != nil)
        #expect(r.stderr.contains("127.0.0.1:9"))               // every pool error names the peer
    }

    @Test(arguments: [
        (["--pool", "http://pool.example:3333", "--user", "u"], "stratum+tcp://HOST:PORT"),
        (["--pool", "stratum+tcp://pool.example", "--user", "u"], "missing :PORT"),
        (["--pool", "stratum+tcp://127.0.0.1:3333"], "--user"),
        (["--speed", "0"], "--speed"),
    ])
    func badMiningOptions(arguments: [String], mentions: String) throws {
        let r = try CLI.run(["simulate", "--board", "avalon-nano3s"] + arguments)
        #expect(r.status != 0)
        #expect(r.stderr.contains(mentions), "stderr: \(r.stderr)")
    }

    @Test func unknownBoardListsTheAvailableOnes() throws {
        let r = try CLI.run(["simulate", "--board", "avalon-nano9"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("avalon-nano3s") && r.stderr.contains("piaxe"))
    }
}
