import ArgumentParser
import Foundation
import HearthCGMinerAPI
import HearthCore
import HearthHAL
import HearthMining
import HearthRemoteSimulation
import HearthSimulator
import HearthSupport

/// `hearth simulate`: a simulated day of a heater-miner holding a room at its target.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a heater-miner heating a room (no hardware needed).")

    @OptionGroup var options: SimulationOptions
    @OptionGroup var mining: MiningOptions

    @Option(help: "Controller: hearth (modulating) or bang-bang (like a stock heater).")
    var controller: ControllerKind = .hearth

    @Option(help: "Write one row per minute to this CSV file.")
    var csv: String?

    @Option(help: "Write an SVG plot of the day to this file.")
    var plot: String?

    @Flag(help: "Print one JSON object instead of the human-readable report.")
    var json = false

    enum Via: String, ExpressibleByArgument, CaseIterable { case chips, api }
    @Option(help: "chips: Hearth drives the board's chips (default); api: a stock Avalon steered through its emulated firmware API on loopback, paced at --speed (default 500).")
    var via: Via = .chips

    func run() async throws {
        var config = try options.makeConfig(controller: controller)
        if via == .api { return try await runViaAPI(config) }
        let miningSetup = try mining.validated()
        let speed = miningSetup?.speed ?? mining.speed
        var session: MiningSession?
        if let setup = miningSetup {
            LoggingSetup.bootstrap()
            config.hasher = CPUHasher(.init(threads: mining.hashThreads, maximumRate: mining.cpuHashrate, seed: config.seed))
            session = MiningSession(pool: setup.pool)
        }
        let bar = Terminal.ProgressBar(label: "simulating", enabled: !json)
        let clock = ContinuousClock()
        let started = clock.now
        let pace: ((Seconds) -> Void)? = speed.map { speed in
            { simulated in
                // Real time (or N× it): wait until the wall clock catches up with the simulation.
                let due = started + .milliseconds(Int64(simulated.value / speed * 1000))
                let now = clock.now
                if due > now { Thread.sleep(forTimeInterval: (due - now).seconds) }
            }
        }
        var result: SimulationResult?
        var chips: BM13xxDriver?   // on a board with [asic] the engine feeds the production driver
        let elapsed = try clock.measure {
            result = try SimulationRunner.run(config, progress: bar.update,
                                              prepare: { board in
                                                  chips = board as? BM13xxDriver
                                                  session?.start(board: board)
                                              }, pace: pace)
        }
        bar.finish()
        let stats = session?.engine?.statistics
        let hashrate = session?.engine?.estimatedHashrate()
        await session?.stop()
        guard let result else { return }
        let wall = elapsed.seconds
        if let csv { try Terminal.write(SimulationExport.csv(result), to: csv) }
        if let plot {
            do { try Terminal.write(try SVGPlot.render(SimulationExport.plotSeries(result)), to: plot) }
            catch let e as PlotError { throw CLIError("plot: \(e)") }
        }
        var report = SimulationReport.json(result, wallSeconds: wall)
        if let stats, let pool = miningSetup?.pool { report = MiningReport.add(stats, hashrate: hashrate ?? 0, pool: pool, to: report) }
        if session != nil, let chips { report = Self.add(chips, to: report) }
        if json {
            print(report.serialized())
            return
        }
        print(SimulationText.header(result))
        if let csv { print("  CSV written to \(csv)") }
        if let plot { print("  plot written to \(plot)") }
        print("")
        print(SimulationReport.table(result, wallSeconds: wall))
        if let stats, let pool = miningSetup?.pool { print(MiningReport.table(stats, hashrate: hashrate ?? 0, pool: pool)) }
        if session != nil, let chips {
            let s = chips.statistics
            let label = "hash chips (\(chips.configuration.model.name) driver)"
            print("  \(label.padding(toLength: 40, withPad: " ", startingAt: 0))\(s.jobsSent) jobs sent, \(s.nonces) nonces, \(s.shares) shares, \(s.hardwareErrors) hardware / \(s.crcErrors) CRC errors")
        }
    }

    /// The BM13xx driver's counters under `mining.asic`: proof the shares went pool → driver → chip → driver.
    private static func add(_ driver: BM13xxDriver, to report: JSONValue) -> JSONValue {
        guard case .object(var fields) = report else { return report }
        let s = driver.statistics
        var mining = fields["mining"]?.objectValue ?? [:]
        mining["asic"] = .object(JSONObject([
            ("chip", .string(driver.configuration.model.name)), ("jobs_sent", .number(Double(s.jobsSent))),
            ("nonces", .number(Double(s.nonces))), ("shares", .number(Double(s.shares))),
            ("hardware_errors", .number(Double(s.hardwareErrors))), ("crc_errors", .number(Double(s.crcErrors))),
            ("bring_ups", .number(Double(s.bringUps))),
        ]))
        fields["mining"] = .object(mining)
        return .object(fields)
    }

    private func runViaAPI(_ config: SimulationConfig) async throws {
        if config.board.profile.id.hasPrefix("bitaxe-") { return try await runViaAxeOS(config) }
        guard let model = RemoteReport.model(forBoard: config.board.profile.id) else {
            throw CLIError("--via api needs a stock Avalon board (\(AvalonModel.allCases.compactMap { $0.profile.boardFile }.joined(separator: ", "))); \(config.board.profile.id) is driven through its chips")
        }
        if mining.pool != nil { throw CLIError("--via api and --pool can't be combined: the stock firmware mines on its own pools") }
        var remote = RemoteSimulationConfig(base: config, model: model)
        if let speed = mining.speed {
            guard speed.isFinite, speed > 0, speed <= 5000 else { throw CLIError("--speed with --via api must be > 0 and at most 5000") }
            remote.speed = speed
        }
        let bar = Terminal.ProgressBar(label: "simulating over the API", enabled: !json)
        let clock = ContinuousClock()
        let started = clock.now
        let r = try await RemoteSimulation.run(remote, progress: { bar.update($0) })
        bar.finish()
        let wall = (clock.now - started).seconds
        let result = r.simulation
        if let csv { try Terminal.write(SimulationExport.csv(result), to: csv) }
        if let plot {
            do { try Terminal.write(try SVGPlot.render(SimulationExport.plotSeries(result)), to: plot) }
            catch let e as PlotError { throw CLIError("plot: \(e)") }
        }
        if json {
            print(RemoteReport.add(r, model: model, to: SimulationReport.json(result, wallSeconds: wall)).serialized())
            return
        }
        print(SimulationText.header(result))
        print("")
        print(SimulationReport.table(result, wallSeconds: wall))
        print(RemoteReport.table(r, model: model))
    }
}
