import ArgumentParser
import HearthBoardFiles
import HearthCore
import HearthHAL
import HearthRemoteSimulation
import HearthSimulator

/// `hearth bench remote-faults`: the network peers' fault matrix — a stock unit offline,
/// refusing or slow, its plug silent, the room sensor stale — on loopback through the
/// production network path, each run timed from the injection (docs/faults-remote.md).
struct BenchRemoteFaultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote-faults",
        abstract: "Remote fault matrix: unit offline/refusing/slow, plug silent, room sensor stale × time of day × mode × seed × stock unit, on loopback.")

    @Option(help: "Seeds (scenario variants): a range 1-20 or a list 1,3,4.") var seeds = "1-20"
    @Option(help: "Units, comma-separated: avalon-nano3s, avalon-mini3, avalon-q, bitaxe-gamma (default: all).") var units: String?
    @Option(help: "Kinds, comma-separated: unit-offline, unit-refusing, unit-slow, plug-silent, room-sensor-stale (default: all).")
    var kinds: String?
    @Option(help: "Phases, comma-separated: heat, quiet, eco, idle, start-up (default: all).") var phases: String?
    @Option(help: "Runs at once (each has its own emulated unit on its own port).") var jobs = 2
    @Option(help: "Control seconds per wall second (network timeouts scale with it).") var speed = 250.0
    @Option(help: "Directory with board files.") var boardsDir: String?
    @Flag(help: "Print one JSON object.") var json = false
    @Flag(help: "List every failing run.") var verbose = false

    func run() async throws {
        let seedList = try BenchCommand.Control.parseSeeds(seeds)
        let unitList = try Self.parse(units, RemoteFaultMatrix.Unit.self, option: "--units")
        let kindList = try Self.parse(kinds, RemoteFaultMatrix.Kind.self, option: "--kinds")
        let phaseList = try Self.parse(phases, FaultMatrix.Phase.self, option: "--phases")
        guard (1...16).contains(jobs) else { throw CLIError("--jobs must be 1…16") }
        guard (10...5000).contains(speed) else { throw CLIError("--speed must be 10…5000") }
        let catalog = BoardCatalog(directory: try BoardLocator(explicitDirectory: boardsDir).directory())
        var boards: [RemoteFaultMatrix.Unit: BoardDefinition] = [:]
        for unit in unitList { boards[unit] = try catalog.board(id: unit.board) }
        let cases = RemoteFaultMatrix.cases(units: unitList, kinds: kindList, phases: phaseList, seeds: seedList)
        let settings = { var s = RemoteFaultMatrix.Settings(); s.speed = speed; return s }()

        let clock = ContinuousClock()
        let started = clock.now
        var outcomes: [RemoteFaultOutcome] = []
        var errors: [String] = []
        await withTaskGroup(of: (RemoteFaultMatrix.Case, Result<RemoteFaultOutcome, any Error>).self) { group in
            var next = 0
            func add() {
                guard next < cases.count else { return }
                let c = cases[next], board = boards[c.unit]!
                next += 1
                group.addTask {
                    do { return (c, .success(try await RemoteFaultMatrix.run(c, board: board, settings: settings))) }
                    catch { return (c, .failure(error)) }
                }
            }
            for _ in 0..<jobs { add() }
            for await (c, result) in group {
                switch result {
                case .success(let o): outcomes.append(o)
                case .failure(let e): errors.append("\(c): \(e)")
                }
                add()
            }
        }
        let wall = clock.now - started
        let summary = RemoteFaultSummary(outcomes)
        let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18
        if json {
            var value = summary.json
            if case .object(var o) = value {
                o["seeds"] = .integer(Int64(seedList.count))
                o["speed"] = .double(speed)
                o["wall_s"] = .double((wallSeconds * 10).rounded() / 10)
                o["errors"] = .array(errors.map { .string($0) })
                value = .object(o)
            }
            print(value.serialized())
        } else {
            print(Self.table(summary))
            print("runs: \(summary.runs), failures: \(summary.failures.count), errors: \(errors.count); "
                  + "fault-free before the injections: \(formatted(summary.faultFreeSeconds / 3600, decimals: 1)) h; "
                  + "wall \(formatted(wallSeconds, decimals: 0)) s with \(jobs) jobs at ×\(formatted(speed, decimals: 0))")
            for f in summary.failures.prefix(verbose ? .max : 20) { print("  FAIL \(f)") }
            for e in errors { print("  ERROR \(e)") }
        }
        if !summary.failures.isEmpty || !errors.isEmpty { throw ExitCode(1) }
    }

    static func parse<T: RawRepresentable & CaseIterable>(_ text: String?, _: T.Type, option: String) throws -> [T]
        where T.RawValue == String {
        guard let text else { return Array(T.allCases) }
        return try text.split(separator: ",").map { item in
            guard let value = T(rawValue: String(item)) else {
                throw CLIError("\(option): unknown '\(item)'; allowed: " + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return value
        }
    }

    /// Right-aligned in `width` columns.
    static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func table(_ s: RemoteFaultSummary) -> String {
        var lines = ["kind                 runs  trips  codes                                   safe max/p99 s  false  mismatch  overtemp s  overshoot K  recovered  fails"]
        for r in s.rows {
            let codes = r.codes.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
            let safe: String = "\(formatted(r.maxTime, decimals: 0))/\(formatted(r.p99Time, decimals: 0))"
            let cells: [String] = [
                r.kind.padding(toLength: 20, withPad: " ", startingAt: 0), right(String(r.runs), 5),
                right(String(r.trips), 7), "  " + codes.padding(toLength: 40, withPad: " ", startingAt: 0),
                right(safe, 14), right(String(r.falseTrips), 7), right(String(r.mismatches), 10),
                right(formatted(r.overtemp, decimals: 0), 12), right(formatted(r.maxOvershoot, decimals: 2), 13),
                right("\(r.recovered)/\(r.recoveriesOwed)", 11), right(String(r.failures), 7),
            ]
            lines.append(cells.joined())
        }
        return lines.joined(separator: "\n")
    }
}
