import ArgumentParser
import Foundation
import HearthBoardFiles
import HearthCore
import HearthDaemon
import HearthHAL
import HearthRuntime
import HearthSimulator
import HearthStratum
import HearthSupport
import HearthTestPool
import Logging
import Synchronization

/// `hearth bench pool-faults`: pool down, flapping, garbage and slow, each timed from
/// the injection (docs/faults-pool.md). Three parts: drills of the real client and
/// engine on a simulated board (notice, failover, resume), many flaps in a row
/// (descriptors and memory), and the daemon's control and mining services on the
/// simulator while the pool misbehaves (late ticks, trips, settings, status).
struct BenchPoolFaultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool-faults",
        abstract: "Pool down / flapping / garbage / slow, timed from the injection: notice, failover, resume; flaps; ticks while the pool misbehaves.")

    @Option(help: "Drills per fault kind (0: skip the drills).") var runs = 5
    @Option(help: "The client's timers are its defaults divided by this (1: the real defaults, minutes per drill).")
    var scale = 20.0
    @Option(help: "Connections opened and closed in a row for the leak check (0: skip).") var flaps = 500
    @Option(help: "Wall seconds of daemon control per fault kind (0: skip the daemon part).") var daemonSeconds = 15.0
    @Option(help: "Directory with board files (for the daemon part).") var boardsDir: String?
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        guard (0...1000).contains(runs) else { throw CLIError("--runs must be 0…1000") }
        guard scale >= 1, scale <= 100 else { throw CLIError("--scale must be 1…100") }
        guard (0...100_000).contains(flaps) else { throw CLIError("--flaps must be 0…100000") }
        guard (0...600).contains(daemonSeconds) else { throw CLIError("--daemon-seconds must be 0…600") }
        let quiet = Logger(label: "bench.pool-faults") { _ in SwiftLogNoOpLogHandler() }
        let timing = PoolFaultDrill.Timing.scaled(by: scale)
        let kinds = PoolFaultDrill.kinds(for: timing.client)

        var outcomes: [PoolFaultOutcome] = []
        for fault in kinds {
            for run in 0..<runs {
                var t = timing
                t.client.retryJitterSeed = UInt64(run + 1)
                let point = OperatingPoint(name: "top", frequency: Megahertz(500), voltage: Millivolts(300),
                                           power: Watts(100), hashrate: HashRate(terahashes: 1))
                let hasher = CPUHasher(.init(threads: 1, maximumRate: 300_000, seed: UInt64(run + 1)))
                let board = SimulatedHashBoard(initial: point, maximumFrequency: point.frequency, hasher: hasher)
                try board.setHashing(true)
                outcomes.append(try await PoolFaultDrill.run(fault, board: board, timing: t, logger: quiet))
                hasher.stop()
                if !json { FileHandle.standardError.write(Data("\(fault.label) run \(run + 1)/\(runs)\n".utf8)) }
            }
        }
        let summary = PoolFaultSummary(outcomes)
        let soak = flaps > 0 ? try await PoolFlapSoak.run(flaps: flaps) : nil
        var daemon: [DaemonRun] = []
        if daemonSeconds > 0 {
            let locator = BoardLocator(explicitDirectory: boardsDir)
            let board = try BoardCatalog(directory: try locator.directory()).board(id: "avalon-nano3s")
            // First without a fault: late ticks there are the machine's, not the pool's.
            for fault in [nil] + PoolFaultDrill.kinds(for: StratumClientOptions()) {
                daemon.append(try await Self.daemonRun(fault, board: board, seconds: daemonSeconds))
                if !json { FileHandle.standardError.write(Data("daemon: \(fault?.label ?? "none")\n".utf8)) }
            }
        }
        let report = Self.report(summary, timing: timing, scale: scale, runs: runs, soak: soak, daemon: daemon)
        if json {
            print(report.serialized())
        } else {
            print(Self.table(summary, soak: soak, daemon: daemon, scale: scale))
        }
        if !summary.failures.isEmpty || daemon.contains(where: { $0.failure != nil }) { throw ExitCode(1) }
    }

    // MARK: the daemon part

    /// One fault against the daemon's services on the simulated Nano 3S, with the real client defaults.
    struct DaemonRun: Sendable {
        var kind: String
        var ticks = 0
        var lateTicks = 0
        var worstLateness: Duration = .zero
        var trips: [String] = []
        var settingsKept = false
        /// The status named the failed pool while it was down.
        var statusNamedPeer = false
        var failedOver = false
        var failure: String?
    }

    /// - Parameter fault: nil: a run without a fault, the baseline for late ticks.
    static func daemonRun(_ fault: PoolFault?, board definition: BoardDefinition, seconds: Double) async throws -> DaemonRun {
        let quiet = Logger(label: "bench.daemon") { _ in SwiftLogNoOpLogHandler() }
        var poolConfig = TestPoolConfiguration()
        poolConfig.difficulty = 0.0001
        let primary = TestPool(configuration: poolConfig, logger: quiet)
        let backup = TestPool(configuration: poolConfig, logger: quiet)
        let primaryPort = try await primary.start()
        let backupPort = try await backup.start()
        let hasher = CPUHasher(.init(threads: 1, maximumRate: 400_000))
        defer { hasher.stop() }
        let dir = NSTemporaryDirectory() + "hearth-bench-poolfault-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plant = try SimulatedPlant(board: definition, scenario: ScenarioCatalog.named("winter-day")!,
                                       target: Celsius(21), hasher: hasher)
        // Hashing from the start, so the pool is in use when the fault comes (the thermostat takes over at its first tick).
        try plant.heater.hashBoard.setOperatingPoint(definition.profile.operatingPoints.last!)
        try plant.heater.hashBoard.setHashing(true)
        let settings = DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://127.0.0.1:\(primaryPort)", user: "bench.heater"),
                                              PoolSetting(url: "stratum+tcp://127.0.0.1:\(backupPort)", user: "bench.heater")],
                                      activePool: 0)
        let store = SettingsStore(path: dir + "/settings.json")
        try store.save(settings)
        let state = DaemonState(board: definition.profile, backend: "sim", store: store, settings: settings)
        let metrics = DaemonMetrics()
        let mining = MiningService(board: plant.hashBoard, state: state, metrics: metrics, logger: quiet)
        let miningTask = Task { try await mining.run() }   // ends when cancelled
        var run = DaemonRun(kind: fault?.label ?? "none")
        let loop = ControlLoop(device: plant.device, policy: HeaterController(
            board: definition.profile, settings: settings.controlSettings(board: definition.profile, tariff: nil)))
        let notify = SDNotify(environment: [:])
        let ticks = Int((seconds / 0.05).rounded())
        let control = ControlService(loop: loop, plant: plant, state: state, metrics: metrics, notify: notify,
                                     readiness: Readiness(listeners: 0, notify: notify, status: "bench"),
                                     timing: .init(tick: 1, speed: 20, hours: Double(ticks) / 3600), tariff: nil,
                                     logger: quiet, mining: { mining.status })
        let seen = Mutex<Set<String>>([])
        let watcher = Task {
            for _ in 0..<100_000 where !Task.isCancelled {
                if let s = mining.status { _ = seen.withLock { $0.insert(s.state) } }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        let faultTask = Task {
            // Inject once a miner is logged in at the primary (bounded), while control runs.
            _ = await primary.waitUntil(timeout: .seconds(5)) { $0.authorizations >= 1 }
            if let fault { try? await primary.setFault(fault) }
        }
        try await control.run()
        watcher.cancel()
        _ = await faultTask.value
        let final = mining.status
        miningTask.cancel()
        _ = try? await miningTask.value
        await primary.stop()
        await backup.stop()

        run.ticks = control.ticks
        run.worstLateness = control.lateness.worst
        run.lateTicks = Int(metrics.text().split(separator: "\n").first { $0.hasPrefix("hearth_tick_late_total") }?
            .split(separator: " ").last.flatMap { Double($0) } ?? 0)
        run.trips = state.trips.map(\.code)
        run.settingsKept = (try? store.load()) == .loaded(settings) && state.settings.pools == settings.pools
        let states = seen.withLock { $0 }
        run.statusNamedPeer = states.contains { $0.hasPrefix("disconnected:") && $0.contains("127.0.0.1:\(primaryPort)") }
        run.failedOver = final?.pool == "stratum+tcp://127.0.0.1:\(backupPort)"
        var misses: [String] = []
        if run.lateTicks > 0 { misses.append("\(run.lateTicks) late ticks") }
        if !run.trips.isEmpty { misses.append("tripped: \(run.trips)") }
        if !run.settingsKept { misses.append("settings changed") }
        // Within the run, only faults noticed faster than its length can be checked for the status.
        // Within the run (the fault comes once the miner is logged in), only faults the client
        // notices by itself, well before the end, can be checked for the status and the failover.
        let expectation = fault.map { PoolFaultExpectation.of($0, options: StratumClientOptions(), slack: .seconds(2)) }
        let settled = (expectation?.noticeBound ?? .zero) + StratumClientOptions().initialRetryDelay + .seconds(5)
        if let expectation, expectation.noticed, !expectation.needsTraffic, settled.seconds < seconds {
            if !run.statusNamedPeer { misses.append("status never named the failed pool") }
            if !run.failedOver { misses.append("not on the backup at the end") }
        }
        run.failure = misses.isEmpty ? nil : misses.joined(separator: "; ")
        return run
    }

    // MARK: output

    static func report(_ s: PoolFaultSummary, timing: PoolFaultDrill.Timing, scale: Double, runs: Int,
                       soak: PoolFlapSoak.Result?, daemon: [DaemonRun]) -> JSONValue {
        func num(_ x: Double?) -> JSONValue { x.map { .number(($0 * 1000).rounded() / 1000) } ?? .null }
        let o = timing.client
        var root: [(String, JSONValue)] = [
            ("scale", .number(scale)),
            ("runs_per_kind", .integer(Int64(runs))),
            ("client", .object([
                ("submit_timeout_s", num(o.submitTimeout.seconds)), ("handshake_timeout_s", num(o.handshakeTimeout.seconds)),
                ("idle_timeout_s", num(o.idleTimeout.seconds)), ("max_retry_delay_s", num(o.maxRetryDelay.seconds)),
                ("probe_interval_s", num(o.primaryProbeInterval.seconds)), ("max_bad_lines", .integer(Int64(o.maxBadLinesInARow))),
            ])),
            ("kinds", .array(s.rows.map { r in
                .object([
                    ("kind", .string(r.kind)), ("runs", .integer(Int64(r.runs))), ("failures", .integer(Int64(r.failures))),
                    ("must_notice", .bool(r.expectation.noticed)), ("noticed", .integer(Int64(r.noticed))),
                    ("notice_max_s", num(r.max(r.notice))), ("notice_p99_s", num(r.p99(r.notice))),
                    ("failover_max_s", num(r.max(r.failover))), ("failover_p99_s", num(r.p99(r.failover))),
                    ("resume_max_s", num(r.max(r.resume))), ("resume_p99_s", num(r.p99(r.resume))),
                    ("attempts_per_min_max", num(r.attemptsPerMinute.max())),
                    // Every timer is divided by the scale, so a wall minute holds `scale` client minutes.
                    ("attempts_per_min_at_defaults_max", num(r.attemptsPerMinute.max().map { $0 / scale })),
                    ("notice_bound_s", num(r.expectation.noticeBound.seconds)),
                    ("failover_bound_s", num(r.expectation.failoverBound.seconds)),
                    ("resume_bound_s", num(r.expectation.resumeBound.seconds)),
                    ("reason", .string(r.expectation.reason)),
                ])
            })),
            ("failures", .array(s.failures.map { .string($0) })),
        ]
        if let soak {
            root.append(("flaps", .object([
                ("count", .integer(Int64(soak.flaps))), ("completed", .bool(soak.completed)),
                ("seconds", num(soak.duration.seconds)),
                ("descriptors_before", soak.before.openDescriptors.map { .integer(Int64($0)) } ?? .null),
                ("descriptors_after", soak.after.openDescriptors.map { .integer(Int64($0)) } ?? .null),
                ("rss_kib_before", soak.before.residentBytes.map { .integer(Int64($0 >> 10)) } ?? .null),
                ("rss_kib_after", soak.after.residentBytes.map { .integer(Int64($0 >> 10)) } ?? .null),
                ("open_at_pool", .integer(Int64(soak.openAtPool))), ("end_log_lines", .integer(Int64(soak.endLines))),
            ])))
        }
        if !daemon.isEmpty {
            root.append(("daemon", .array(daemon.map { d in
                .object([
                    ("kind", .string(d.kind)), ("ticks", .integer(Int64(d.ticks))), ("late_ticks", .integer(Int64(d.lateTicks))),
                    ("worst_lateness_ms", num(d.worstLateness.seconds * 1000)), ("false_trips", .integer(Int64(d.trips.count))),
                    ("settings_kept", .bool(d.settingsKept)), ("status_named_peer", .bool(d.statusNamedPeer)),
                    ("failed_over", .bool(d.failedOver)), ("failure", d.failure.map { .string($0) } ?? .null),
                ])
            })))
        }
        return .object(root)
    }

    static func table(_ s: PoolFaultSummary, soak: PoolFlapSoak.Result?, daemon: [DaemonRun], scale: Double) -> String {
        func f(_ x: Double?) -> String { x.map { formatted($0, decimals: 2) } ?? "–" }
        var lines = ["Pool faults, client timers ÷ \(formatted(scale, decimals: 0)); seconds from the injection (resume: from the return)",
                     "kind                 runs fail  notice max/p99   failover max/p99  resume max/p99   attempts/min at defaults"]
        for r in s.rows {
            let notice = r.expectation.noticed ? "\(f(r.max(r.notice)))/\(f(r.p99(r.notice)))" : "rides out"
            lines.append([r.kind.padded(20), String(r.runs).padded(4),
                          String(r.failures).padded(5), notice.padded(16),
                          "\(f(r.max(r.failover)))/\(f(r.p99(r.failover)))".padded(17),
                          "\(f(r.max(r.resume)))/\(f(r.p99(r.resume)))".padded(16),
                          f(r.attemptsPerMinute.max().map { $0 / scale }).padded(14)].joined(separator: " "))
        }
        if let soak, let b = soak.before.openDescriptors, let a = soak.after.openDescriptors,
           let rb = soak.before.residentBytes, let ra = soak.after.residentBytes {
            lines.append("\(soak.flaps) flaps in \(f(soak.duration.seconds)) s: descriptors \(b) → \(a), resident \(rb >> 10) → \(ra >> 10) KiB, \(soak.endLines) log lines")
        }
        for d in daemon {
            lines.append("daemon \(d.kind): \(d.ticks) ticks, \(d.lateTicks) late, worst \(f(d.worstLateness.seconds * 1000)) ms, trips \(d.trips.count), settings kept \(d.settingsKept), status named pool \(d.statusNamedPeer), on backup \(d.failedOver)\(d.failure.map { " — \($0)" } ?? "")")
        }
        lines += s.failures.map { "FAIL \($0)" }
        return lines.joined(separator: "\n")
    }
}
