import ArgumentParser
import HearthCore
import HearthBoardFiles
import HearthHAL
import HearthSimulator

extension Mode: ExpressibleByArgument {}
extension ControllerKind: ExpressibleByArgument {}
extension SensorPlacement: ExpressibleByArgument {}

/// Options shared by `simulate` and `bench control`.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Board id (a file in boards/) or path to a board .toml file.")
    var board: String

    @Option(help: "Scenario: \(ScenarioCatalog.names.joined(separator: ", ")).")
    var scenario = "winter-day"

    @Option(help: "Simulated hours.")
    var hours = 24.0

    @Option(help: "Room target, e.g. 21, 21.5C or 70F (allowed \(formatted(ControlSettings.targetRange.lowerBound.value, decimals: 0))…\(formatted(ControlSettings.targetRange.upperBound.value, decimals: 0)) °C).")
    var target = "21"

    @Option(help: "Mode: \(Mode.allCases.map(\.rawValue).joined(separator: ", ")).")
    var mode: Mode = .heat

    @Option(help: "Weekly schedule, e.g. \"mon-fri 06:30 21.5; * 22:30 18 quiet\" (overrides the scenario's).")
    var schedule: String?

    @Option(help: "Random seed (sensor noise); the same seed gives the same day.")
    var seed: UInt64 = 1

    @Option(name: .customLong("fault"), help: "Inject a fault: KIND[:SENSOR]@SECONDS, kinds: \(FaultInjection.Kind.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable.")
    var faults: [String] = []

    @Option(help: "Flat electricity price per kWh.")
    var price: Double?

    @Option(help: "Time-of-use tariff file (TOML, see examples/tariff-tou.toml).")
    var tariff: String?

    @Option(help: "Hashprice: revenue per PH/s per day, in the same currency as the price.")
    var hashprice: Double?

    @Option(help: "Heat-pump COP for the cost comparison.")
    var heatPumpCop = 3.0

    @Option(help: "Room sensor placement: near (beside the heater, sees its plume) or across (internal wall across the room); default: the scenario's.")
    var sensorPlacement: SensorPlacement?

    @Option(help: "Directory with board files (default: ./boards or the checkout's boards/).")
    var boardsDir: String?

    /// Everything validated before anything runs; errors name the option and the allowed values.
    func makeConfig(controller: ControllerKind) throws -> SimulationConfig {
        guard let scenarioValue = ScenarioCatalog.named(scenario) else {
            throw CLIError("unknown scenario '\(scenario)'; allowed: \(ScenarioCatalog.names.joined(separator: ", "))")
        }
        guard hours.isFinite, hours > 0, hours <= 24 * 14 else {
            throw CLIError("--hours \(hours) is out of range; allowed: more than 0, at most 336")
        }
        let targetValue: Celsius
        do { targetValue = try TargetTemperature.parse(target) } catch { throw CLIError("--target '\(target)': \(error.problem)") }
        var parsedFaults: [FaultInjection] = []
        for f in faults {
            do { parsedFaults.append(try FaultInjection.parse(f)) }
            catch { throw CLIError(error.description) }
        }
        if let price, !(price.isFinite && price >= 0) { throw CLIError("--price must be a number ≥ 0") }
        if let hashprice, !(hashprice.isFinite && hashprice >= 0) { throw CLIError("--hashprice must be a number ≥ 0") }
        guard heatPumpCop.isFinite, heatPumpCop >= 1 else { throw CLIError("--heat-pump-cop must be ≥ 1") }
        if price != nil && tariff != nil { throw CLIError("give either --price or --tariff, not both") }

        var tariffValue: Tariff?
        if let tariff {
            let text = try Terminal.read(tariff)
            do { tariffValue = try TariffFile(parsing: text, file: tariff).tariff }
            catch { throw CLIError(error.description) }
        }
        let boardValue = try BoardLocator(explicitDirectory: boardsDir).load(board)
        var settings = ControlSettings(mode: mode, target: targetValue)
        settings.tariff = tariffValue
        if let schedule {
            do { settings.schedule = try WeeklySchedule(parsing: schedule) }
            catch { throw CLIError("--schedule: \(error)") }
        }
        var config = SimulationConfig(board: boardValue, scenario: scenarioValue, settings: settings)
        config.duration = .hours(hours)
        config.controller = controller
        config.seed = seed
        config.faults = parsedFaults
        if let price { config.price = EnergyPrice(price) }
        config.hashprice = hashprice.map { Hashprice($0) }
        config.heatPumpCOP = heatPumpCop
        config.sensorPlacement = sensorPlacement
        return config
    }
}
