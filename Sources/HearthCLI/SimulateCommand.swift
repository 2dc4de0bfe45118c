import ArgumentParser
import HearthCore
import HearthSimulator

/// `hearth simulate`: a simulated day of a heater-miner holding a room at its target.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a heater-miner heating a room (no hardware needed).")

    @OptionGroup var options: SimulationOptions

    @Option(help: "Controller: hearth (modulating) or bang-bang (like a stock heater).")
    var controller: ControllerKind = .hearth

    @Option(help: "Write one row per minute to this CSV file.")
    var csv: String?

    @Option(help: "Write an SVG plot of the day to this file.")
    var plot: String?

    @Flag(help: "Print one JSON object instead of the human-readable report.")
    var json = false

    func run() throws {
        let config = try options.makeConfig(controller: controller)
        let bar = Terminal.ProgressBar(label: "simulating", enabled: !json)
        let clock = ContinuousClock()
        var result: SimulationResult?
        let elapsed = try clock.measure {
            result = try SimulationRunner.run(config, progress: bar.update)
        }
        bar.finish()
        guard let result else { return }
        let wall = elapsed.seconds
        if let csv { try Terminal.write(SimulationExport.csv(result), to: csv) }
        if let plot {
            do { try Terminal.write(try SVGPlot.render(SimulationExport.plotSeries(result)), to: plot) }
            catch let e as PlotError { throw CLIError("plot: \(e)") }
        }
        if json {
            print(SimulationReport.json(result, wallSeconds: wall).serialized())
            return
        }
        print(SimulationText.header(result))
        if let csv { print("  CSV written to \(csv)") }
        if let plot { print("  plot written to \(plot)") }
        print("")
        print(SimulationReport.table(result, wallSeconds: wall))
    }
}
