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

        // Each (board, kind, phase, seed) gets one time of day, turning with the seed, so that
        // every kind meets every time of day and phase over the seeds.
        var cases: [(FaultMatrix.Case, Int)] = []
        for (b, def) in defs.enumerated() {
            for (k, kind) in FaultMatrix.kinds.enumerated() where FaultMatrix.applies(kind.0, to: def) {
                for (p, phase) in phaseList.enumerated() {
                    for seed in seedList {
                        let hour = FaultMatrix.hours[(Int(seed % 1000) + k + p + b) % FaultMatrix.hours.count]
                        cases.append((FaultMatrix.Case(board: def.id, kind: kind.0, sensor: kind.1, phase: phase,
                                                       hour: hour, seed: seed), b))
                    }
                }
            }
        }
        let clock = ContinuousClock()
        let started = clock.now
        let outcomes = Mutex<[FaultMatrix.Outcome?]>(Array(repeating: nil, count: cases.count))
        let errors = Mutex<[String]>([])
        let work = cases
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var i = worker
            while i < work.count {
                let (c, b) = work[i]
                do {
                    let o = try FaultMatrix.run(c, board: defs[b])
                    outcomes.withLock { $0[i] = o }
                } catch {
                    errors.withLock { $0.append("\(c): \(error)") }
                }
                i += jobs
            }
        }
        let matrixWall = clock.now - started

        // Fault-free days: boards × seeds × the thermostatic modes in turn.
        let freeStarted = clock.now
        let freePhases: [FaultMatrix.Phase] = [.heat, .quiet, .eco]
        let free = Mutex<(days: Int, trips: [String])>((0, []))
        var freeJobs: [(BoardDefinition, UInt64, FaultMatrix.Phase)] = []
        for d in 0..<freeDays {
            let phase = freePhases[(d / defs.count) % freePhases.count]
            freeJobs.append((defs[d % defs.count], UInt64(1000 + d), phase))
        }
        let freeWork = freeJobs
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var i = worker
            while i < freeWork.count {
                let (def, seed, phase) = freeWork[i]
                do {
                    let trips = try FaultMatrix.faultFree(board: def, seed: seed, phase: phase)
                    free.withLock { f in
                        f.days += 1
                        f.trips += trips.map { "\(def.id) seed \(seed) \(phase.rawValue): \($0.reason)" }
                    }
                } catch {
                    errors.withLock { $0.append("fault-free \(def.id) seed \(seed): \(error)") }
                }
                i += jobs
            }
        }
        let freeWall = clock.now - freeStarted
        let summary = FaultMatrixSummary(outcomes.withLock { $0.compactMap { $0 } })
        let (freeCount, freeTrips) = free.withLock { ($0.days, $0.trips) }
        let errorList = errors.withLock { $0 }

        if json {
            print(Self.json(summary, freeDays: freeCount, freeTrips: freeTrips, errors: errorList,
                            matrixWall: matrixWall, freeWall: freeWall, jobs: jobs).serialized())
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

    static func seconds(_ d: Duration) -> String {
        formatted(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, decimals: 1)
    }

    static func table(_ s: FaultMatrixSummary) -> String {
        var lines = ["kind                     runs  trips  codes                               safe max/p99 s  hashing max/p99 s  overtemp s  fails"]
        for r in s.rows {
            let codes = r.codes.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
            lines.append(r.kind.padding(toLength: 24, withPad: " ", startingAt: 0)
                         + String(r.runs).leftPadded(6) + String(r.trips).leftPadded(7) + "  "
                         + codes.padding(toLength: 36, withPad: " ", startingAt: 0)
                         + "\(formatted(r.maxTime, decimals: 0))/\(formatted(r.p99Time, decimals: 0))".leftPadded(14)
                         + "\(formatted(r.maxExposure, decimals: 0))/\(formatted(r.p99Exposure, decimals: 0))".leftPadded(19)
                         + formatted(r.overtemp, decimals: 0).leftPadded(12) + String(r.failures).leftPadded(7))
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ s: FaultMatrixSummary, freeDays: Int, freeTrips: [String], errors: [String],
                     matrixWall: Duration, freeWall: Duration, jobs: Int) -> JSONValue {
        let rows: [JSONValue] = s.rows.map { r in
            .object([("kind", .string(r.kind)), ("runs", .number(Double(r.runs))), ("trips", .number(Double(r.trips))),
                     ("codes", .object(r.codes.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number(Double($0.value))) })),
                     ("expected_codes", .array(r.expected.map { .string($0) })),
                     ("time_to_safe_s", .object([("max", .number(r.maxTime)), ("p99", .number(r.p99Time))])),
                     ("hashing_after_fault_s", .object([("max", .number(r.maxExposure)), ("p99", .number(r.p99Exposure))])),
                     ("overtemp_s", .number(r.overtemp)), ("failures", .number(Double(r.failures))),
                     ("physics", .string(r.physics))])
        }
        return .object([
            ("runs", .number(Double(s.runs))), ("kinds", .array(rows)),
            ("failures", .array(s.failures.map { .string($0) })),
            ("fault_free", .object([("days", .number(Double(freeDays))), ("false_trips", .array(freeTrips.map { .string($0) }))])),
            ("errors", .array(errors.map { .string($0) })),
            ("wall_s", .object([("matrix", .string(seconds(matrixWall))), ("fault_free", .string(seconds(freeWall))),
                                ("jobs", .number(Double(jobs)))])),
        ])
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
