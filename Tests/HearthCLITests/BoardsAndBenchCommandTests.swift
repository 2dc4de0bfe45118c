import Foundation
import Testing

@Suite(.serialized) struct BoardsAndBenchCommandTests {
    @Test func validateAcceptsTheShippedBoards() throws {
        let r = try CLI.run(["boards", "validate"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        for id in ["avalon-nano3s", "avalon-mini3", "avalon-q", "piaxe"] { #expect(r.stdout.contains("✓") && r.stdout.contains(id)) }
    }

    @Test func malformedBoardIsNamedWithFileLineAndKey() throws {
        let source = try String(contentsOf: CLI.root.appendingPathComponent("boards/avalon-nano3s.toml"), encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-boards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("avalon-nano3s.toml")
        try source.replacingOccurrences(of: "max_rpm = 4700.0", with: "max_rpm = \"fast\"")
            .write(to: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["boards", "validate", bad.path])
        #expect(r.status != 0)
        let line = source.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("max_rpm") }.map { $0 + 1 } ?? -1
        #expect(r.stdout.contains("avalon-nano3s.toml:\(line): fan.max_rpm"), "\(r.stdout)")
        // The simulator refuses to start from it as well.
        let s = try CLI.run(["simulate", "--board", bad.path])
        #expect(s.status != 0 && s.stderr.contains("fan.max_rpm"))
    }

    @Test func showListsPointsAndHull() throws {
        let r = try CLI.run(["boards", "show", "avalon-nano3s"])
        #expect(r.status == 0)
        // The fitted Nano 3S (docs/chip-models.md): all three levels lie on the hull.
        #expect(r.stdout.contains("* low") && r.stdout.contains("* mid") && r.stdout.contains("* high"))
    }

    @Test func benchControlReportsTheComparison() throws {
        let r = try CLI.run(["bench", "control", "--board", "avalon-nano3s", "--scenario", "winter-day", "--hours", "3", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        // The report's shape since the owner baselines (one entry per controller, each a mean/worst over seeds).
        for key in ["bound", "hearth_vs_bound", "sim_seconds_per_simulated_day", "controllers"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        let controllers = try #require(o["controllers"] as? [String: Any])
        let hearth = try #require(controllers["hearth"] as? [String: Any])
        let plug = try #require(controllers["plug-high"] as? [String: Any])
        #expect(hearth["rms_error_c"] != nil && plug["rms_error_c"] != nil && hearth["noise_leq_dba"] != nil)
        let ratio = try #require((o["hearth_vs_bound"] as? [String: Any])?["mean"] as? Double)
        #expect(ratio > 0.5 && ratio <= 1.0001, "Hearth against the independent bound: \(ratio)")
    }

    /// `bench asic` runs its two paths end to end (it once broke silently when the driver
    /// began giving the chips a heat job first). Timings are not asserted here: debug build.
    @Test func benchAsicMeasuresBothPaths() throws {
        let r = try CLI.run(["bench", "asic", "--count", "50", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["nonce_to_share", "job_switch_to_uart", "sha256d_header"] {
            let row = try #require(o[key] as? [String: Any], "missing \(key)")
            #expect((row["p99_us"] as? Double).map { $0 > 0 } == true, "\(key): \(row)")
        }
    }
}

@Suite(.serialized) struct PoolAndMiningCommandTests {
    @Test func simulateMinesOnTheLocalPool() throws {
        let (pool, p) = try CLI.startPool(difficulty: 0.0002, seconds: 60)
        defer { pool.terminate() }
        let r = try CLI.run(["simulate", "--board", "avalon-mini3", "--hours", "0.5", "--speed", "120", "--json",
                             "--hash-threads", "1", "--cpu-hashrate", "2000000",
                             "--pool", "stratum+tcp://127.0.0.1:\(p)", "--user", "hearth.cli"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let mining = try #require(o["mining"] as? [String: Any])
        #expect((mining["shares_accepted"] as? Double ?? 0) > 0)
        #expect(mining["shares_rejected"] as? Double == 0)
        #expect(mining["stale"] != nil)
        let wall = try #require(o["wall_seconds"] as? Double)
        #expect(wall >= 14 && wall < 40)                        // 1800 simulated s at 120× ≈ 15 s of wall time
    }
}

@Suite(.serialized) struct RunCommandTests {
    /// Started without --socket or --state-file: the defaults resolve into the test's
    /// sandbox (never the system service's paths), and SIGTERM leaves the heater safe.
    @Test func sigtermLeavesTheHeaterSafe() throws {
        let d = try TestDaemon()
        try d.launch(["run", "--board", "avalon-nano3s", "--backend", "sim", "--speed", "60"])
        let p = try #require(d.process)
        let done = d.exited
        var started = false
        for _ in 0..<200 where !started {            // bounded: up to ~10 s to start
            started = d.log.contains("started: mode heat")
            if !started { _ = done.wait(timeout: .now() + 0.05) }
        }
        #expect(started, "\(d.log)")
        // A client with the same sandbox finds it on the default socket (bounded wait for the listener).
        var answered = false
        for _ in 0..<50 where !answered {
            answered = (try? CLI.run(["status", "--json"], sandbox: d.dir, timeout: 10))?.status == 0
            if !answered { _ = done.wait(timeout: .now() + 0.1) }
        }
        #expect(answered)
        let sandboxed = TestProcess.environment(sandbox: d.dir)
        #expect(FileManager.default.fileExists(atPath: try #require(sandboxed["HEARTH_SOCKET"])))
        #expect(FileManager.default.fileExists(atPath: try #require(sandboxed["HEARTH_STATE_FILE"])))
        p.terminate()                                 // SIGTERM
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(p.terminationStatus == 0)
        #expect(d.log.contains("stopped: hashing off, fan at 100 %"))
    }

    @Test func linuxBackendWithoutHardwareSaysWhy() throws {
        let r = try CLI.run(["run", "--board", "piaxe", "--backend", "linux", "--hours", "0.001"])
        #expect(r.status != 0)
        #expect(!r.stderr.isEmpty)
    }
}
