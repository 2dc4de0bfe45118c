import ArgumentParser
import Foundation
import HearthCore
import HearthMining
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

    func run() async throws {
        var config = try options.makeConfig(controller: controller)
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
        let elapsed = try clock.measure {
            result = try SimulationRunner.run(config, progress: bar.update,
                                              prepare: { board in session?.start(board: board) }, pace: pace)
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
    }
}
