import ArgumentParser
import HearthBoardFiles
import Dispatch
import HearthCore
import HearthHAL
import HearthSimulator
import HearthSupport
import Synchronization

/// `hearth bench faults`: the fault matrix, every run timed from the injection, and the
/// fault-free days that must not trip.
struct BenchFaultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faults",
        abstract: "Fault matrix: kind × time of day × mode × scenario variant × board, timed from the injection; false trips without faults.")

    @Option(help: "Seeds (scenario variants): a range 1-20 or a list 1,3,4.") var seeds = "1-20"
    @Option(help: "Boards, comma-separated (default: every board file).") var boards: String?
    @Option(help: "Phases, comma-separated: heat, quiet, eco, idle, start-up (default: all).") var phases: String?
    @Option(help: "Fault-free simulated days (24 h each, spread over boards, seeds and modes).") var freeDays = 100
    @Option(help: "Parallel runs.") var jobs = 2
    @Option(help: "Directory with board files.") var boardsDir: String?
    @Flag(help: "Print one JSON object.") var json = false
    @Flag(help: "List every failing run.") var verbose = false

    /// What every section is given: the seeds, boards and phases asked for, and how many runs at once.
    struct Options: Sendable {
        var seeds: [UInt64]
        var boards: [BoardDefinition]
        var phases: [FaultMatrix.Phase]
        var jobs: Int
    }

    /// A part of the matrix with its own fault kinds (the local simulator's; remote devices,
    /// plugs, pool, clock in their own modules): it plays its runs and reports each one.
    struct Section: Sendable {
        var name: String
        var run: @Sendable (Options) throws -> (runs: [FaultMatrixSummary.Run], errors: [String])
    }

    /// The sections `hearth bench faults` plays, in this order. Add a section here to join the matrix.
    static let sections: [Section] = [
        Section(name: "local", run: localMatrix),
    ]

    func run() throws {
        let seedList = try BenchCommand.Control.parseSeeds(seeds)
        let locator = BoardLocator(explicitDirectory: boardsDir)
        let catalog = BoardCatalog(directory: try locator.directory())
        let ids = boards.map { $0.split(separator: ",").map(String.init) } ?? catalog.ids()
        let defs = try ids.map { try catalog.board(id: $0) }
        let phaseList = try phases.map { list in
            try list.split(separator: ",").map { p in
                guard let phase = FaultMatrix.Phase(rawValue: String(p)) else {
                    throw CLIError("--phases: unknown '\(p)'; allowed: "
                                   + FaultMatrix.Phase.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return phase
            }
        } ?? FaultMatrix.Phase.allCases
        guard (1...64).contains(jobs) else { throw CLIError("--jobs must be 1…64") }
        guard (0...10_000).contains(freeDays) else { throw CLIError("--free-days must be 0…10000") }
        let options = Options(seeds: seedList, boards: defs, phases: phaseList, jobs: jobs)

        let clock = ContinuousClock()
        let started = clock.now
        var runs: [FaultMatrixSummary.Run] = []
        var errorList: [String] = []
        for section in Self.sections {
            let (r, e) = try section.run(options)
            runs += r
            errorList += e.map { "\(section.name): \($0)" }
        }
        let matrixWall = clock.now - started

        let freeStarted = clock.now
        let (freeCount, freeTrips, freeErrors) = Self.faultFree(days: freeDays, boards: defs, jobs: jobs)
        errorList += freeErrors
        let freeWall = clock.now - freeStarted
        let summary = FaultMatrixSummary(runs: runs)

        if json {
            print(Self.json(summary, sections: Self.sections.map(\.name), seeds: seedList.count, freeDays: freeCount,
                            freeTrips: freeTrips, errors: errorList, matrixWall: matrixWall, freeWall: freeWall,
                            jobs: jobs).serialized())
        } else {
            print(Self.table(summary))
            print("fault-free: \(freeCount) simulated days, \(freeTrips.count) false trips")
            for t in freeTrips.prefix(20) { print("  false trip: \(t)") }
            print("runs: \(summary.runs), failures: \(summary.failures.count); wall \(Self.seconds(matrixWall)) s matrix + "
                  + "\(Self.seconds(freeWall)) s fault-free with \(jobs) jobs")
            for f in summary.failures.prefix(verbose ? .max : 20) { print("  FAIL \(f)") }
            for e in errorList { print("  ERROR \(e)") }
        }
        if !summary.failures.isEmpty || !freeTrips.isEmpty || !errorList.isEmpty { throw ExitCode(1) }
    }

    /// The local simulator's kinds: every (board, kind, phase, seed) once, at its own time of day.
    static func localMatrix(_ o: Options) throws -> (runs: [FaultMatrixSummary.Run], errors: [String]) {
        var cases: [(FaultMatrix.Case, BoardDefinition)] = []
        for def in o.boards {
            for kind in FaultMatrix.kinds where FaultMatrix.applies(kind.0, to: def) {
                for phase in o.phases {
                    for seed in o.seeds {
                        let hour = FaultMatrix.hour(board: def.id, kind: kind.0, sensor: kind.1, phase: phase, seed: seed)
                        cases.append((FaultMatrix.Case(board: def.id, kind: kind.0, sensor: kind.1, phase: phase,
                                                       hour: hour, seed: seed), def))
                    }
                }
            }
        }
        let work = cases
        let results = parallel(work.count, jobs: o.jobs) { i in try FaultMatrix.run(work[i].0, board: work[i].1) }
        var runs: [FaultMatrixSummary.Run] = [], errors: [String] = []
        for (i, r) in results.enumerated() {
            switch r {
            case .success(let outcome): if let run = outcome.run { runs.append(run) }
            case .failure(let e): errors.append("\(cases[i].0): \(e)")
            }
        }
        return (runs, errors)
    }

    /// Fault-free days: boards × seeds × the thermostatic modes in turn; every trip is a false one.
    static func faultFree(days: Int, boards defs: [BoardDefinition], jobs: Int) -> (days: Int, trips: [String], errors: [String]) {
        let freePhases: [FaultMatrix.Phase] = [.heat, .quiet, .eco]
        let work: [(BoardDefinition, UInt64, FaultMatrix.Phase)] = (0..<days).map { d in
            (defs[d % defs.count], UInt64(1000 + d), freePhases[(d / defs.count) % freePhases.count])
        }
        let results = parallel(work.count, jobs: jobs) { i in try FaultMatrix.faultFree(board: work[i].0, seed: work[i].1, phase: work[i].2) }
        var count = 0, trips: [String] = [], errors: [String] = []
        for (i, r) in results.enumerated() {
            let (def, seed, phase) = work[i]
            switch r {
            case .success(let t):
                count += 1
                trips += t.map { "\(def.id) seed \(seed) \(phase.rawValue): \($0.reason)" }
            case .failure(let e): errors.append("fault-free \(def.id) seed \(seed): \(e)")
            }
        }
        return (count, trips, errors)
    }

    /// `body(i)` for i in 0..<count on `jobs` threads, results in order.
    static func parallel<T: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable (Int) throws -> T) -> [Result<T, any Error>] {
        let results = Mutex<[Result<T, any Error>?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: max(1, jobs)) { worker in
            var i = worker
            while i < count {
                let r = Result { try body(i) }
                results.withLock { $0[i] = r }
                i += jobs
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    static func seconds(_ d: Duration) -> String { formatted(secondsValue(d), decimals: 1) }

    static func secondsValue(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static func table(_ s: FaultMatrixSummary) -> String {
        var lines = ["kind                     runs  trips  codes                               safe max/p99 s  hashing max/p99 s  overtemp s  mismatch  fails"]
        for r in s.rows {
            let codes = r.codes.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
            lines.append(r.kind.padding(toLength: 24, withPad: " ", startingAt: 0)
                         + String(r.runs).leftPadded(6) + String(r.trips).leftPadded(7) + "  "
                         + codes.padding(toLength: 36, withPad: " ", startingAt: 0)
                         + "\(formatted(r.maxTime, decimals: 0))/\(formatted(r.p99Time, decimals: 0))".leftPadded(14)
                         + "\(formatted(r.maxExposure, decimals: 0))/\(formatted(r.p99Exposure, decimals: 0))".leftPadded(19)
                         + formatted(r.overtemp, decimals: 0).leftPadded(12) + String(r.mismatches).leftPadded(10)
                         + String(r.failures).leftPadded(7))
        }
        return lines.joined(separator: "\n")
    }

    /// The report. Field names are stable (a CI check compares them with recorded bounds):
    /// per kind `runs`, `time_to_safe_s.max`/`.p99`, `overtemp_s`, `mismatches`, `failures`;
    /// `fault_free.days`/`.false_trips`; `wall_s.total`.
    static func json(_ s: FaultMatrixSummary, sections: [String], seeds: Int, freeDays: Int, freeTrips: [String],
                     errors: [String], matrixWall: Duration, freeWall: Duration, jobs: Int) -> JSONValue {
        let rows: [JSONValue] = s.rows.map { r in
            .object([("kind", .string(r.kind)), ("runs", .number(Double(r.runs))), ("trips", .number(Double(r.trips))),
                     ("codes", .object(r.codes.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number(Double($0.value))) })),
                     ("expected_codes", .array(r.expected.map { .string($0) })),
                     ("time_to_safe_s", .object([("max", .number(r.maxTime)), ("p99", .number(r.p99Time))])),
                     ("hashing_after_fault_s", .object([("max", .number(r.maxExposure)), ("p99", .number(r.p99Exposure))])),
                     // A kind that must not trip (a short CRC burst) bounds no hashing: null.
                     ("bound_s", r.expected.isEmpty ? .null : .number(r.bound)),
                     ("overtemp_s", .number(r.overtemp)), ("mismatches", .number(Double(r.mismatches))),
                     ("failures", .number(Double(r.failures))), ("physics", .string(r.physics))])
        }
        let matrix = secondsValue(matrixWall), free = secondsValue(freeWall)
        return .object([
            ("sections", .array(sections.map { .string($0) })), ("seeds", .number(Double(seeds))),
            ("runs", .number(Double(s.runs))), ("kinds", .array(rows)),
            ("overtemp_s", .number(s.rows.reduce(0) { $0 + $1.overtemp })),
            ("mismatches", .number(Double(s.rows.reduce(0) { $0 + $1.mismatches }))),
            ("failures", .array(s.failures.map { .string($0) })),
            ("fault_free", .object([("days", .number(Double(freeDays))), ("false_trips", .number(Double(freeTrips.count))),
                                    ("false_trip_list", .array(freeTrips.map { .string($0) }))])),
            ("errors", .array(errors.map { .string($0) })),
            ("wall_s", .object([("matrix", .number((matrix * 10).rounded() / 10)), ("fault_free", .number((free * 10).rounded() / 10)),
                                ("total", .number(((matrix + free) * 10).rounded() / 10)), ("jobs", .number(Double(jobs)))])),
        ])
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
