import HearthCore
import HearthRemoteSimulation
import HearthSimulator
import HearthSupport

extension SimulateCommand {
    /// `--via api` for a stock Bitaxe board: through its emulated AxeOS (docs/axeos.md).
    func runViaAxeOS(_ config: SimulationConfig) async throws {
        if mining.pool != nil { throw CLIError("--via api and --pool can't be combined: the stock firmware mines on its own pools") }
        var remote = AxeOSRemoteSimulationConfig(base: config)
        if let speed = mining.speed {
            guard speed.isFinite, speed > 0, speed <= 5000 else { throw CLIError("--speed with --via api must be > 0 and at most 5000") }
            remote.speed = speed
        }
        let bar = Terminal.ProgressBar(label: "simulating over AxeOS", enabled: !json)
        let clock = ContinuousClock()
        let started = clock.now
        let r = try await AxeOSRemoteSimulation.run(remote, progress: { bar.update($0) })
        bar.finish()
        let wall = (clock.now - started).seconds
        let m = r.simulation.metrics
        let hours = config.duration.value / 3600
        if json {
            var report = SimulationReport.json(r.simulation, wallSeconds: wall)
            if case .object(var o) = report {
                o.updateValue(.object([
                    ("commands_per_hour", .number(r.commandsPerHour)),
                    ("vf_changes", .integer(Int64(r.device.settingChanges))),
                    ("commands_failed", .integer(Int64(r.device.commandsFailed))),
                    ("polls_per_hour", .number(Double(r.device.polls) / hours)),
                    ("max_open_connections", .integer(Int64(r.maximumConcurrentConnections))),
                ]), forKey: "axeos")
                report = .object(o)
            }
            print(report.serialized())
            return
        }
        print(SimulationText.header(r.simulation))
        print("")
        print(SimulationReport.table(r.simulation, wallSeconds: wall))
        print("  AxeOS: \(formatted(r.commandsPerHour, decimals: 1)) changes/h (\(r.device.settingChanges) V/f, \(r.device.commandsFailed) failed), \(formatted(Double(r.device.polls) / hours, decimals: 0)) polls/h, ≤ \(r.maximumConcurrentConnections) connection(s) at once; RMS \(formatted(m.rmsError.value, decimals: 2)) K, outside band \(formatted(m.outsideBandFraction * 100, decimals: 1)) %, \(formatted(m.hashesPerKWh / 1e12, decimals: 1)) TH/kWh")
    }
}
