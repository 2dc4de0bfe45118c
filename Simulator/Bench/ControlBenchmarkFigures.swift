import HearthCore
import HearthSupport

/// What one controller did in one benchmark run: the figures a heating engineer
/// would ask for, measured by the simulator (not by the controller).
public struct ControlBenchmarkFigures: Sendable {
    public var name: String
    public var rmsError: Kelvin
    /// Share of the time after the first hour more than 0.5 °C from the target.
    public var outsideBandFraction: Double
    public var hashesPerKWh: Double
    /// Energy-equivalent mean fan noise (Leq) over the whole run.
    public var noise: Decibels
    /// Start/stop and operating-point changes, plug switchings, and fan commands
    /// (duty moves of 5 points or more) per hour — what goes to a device or plug.
    public var commandsPerHour: Double
    public var fanCommandsPerHour: Double
    public var maxChipTemperature: Celsius
    public var overtemp: Seconds
    public var trips: Int
    /// Economics of the run; for plug baselines with the unit's standby draw removed
    /// while the plug was open.
    public var economics: HeatEconomicsSummary
    public var wallSeconds: Double

    public var energyKWh: Double { economics.kilowattHours }

    public func json() -> JSONValue {
        let e = economics
        return .object([
            ("name", .string(name)),
            ("rms_error_c", SimulationReport.round(rmsError.value, 4)),
            ("outside_band_fraction", SimulationReport.round(outsideBandFraction, 5)),
            ("hashes_per_kwh", .number(hashesPerKWh)),
            ("noise_leq_dba", SimulationReport.round(noise.value, 2)),
            ("commands_per_hour", SimulationReport.round(commandsPerHour, 3)),
            ("fan_commands_per_hour", SimulationReport.round(fanCommandsPerHour, 3)),
            ("max_chip_temp_c", SimulationReport.round(maxChipTemperature.value, 2)),
            ("overtemp_seconds", SimulationReport.round(overtemp.value, 1)),
            ("trips", .number(Double(trips))),
            ("energy_kwh", SimulationReport.round(e.kilowattHours, 4)),
            ("electricity_cost", SimulationReport.round(e.electricityCost.value, 4)),
            ("mining_revenue", SimulationReport.round(e.miningRevenue.value, 4)),
            ("net_cost_per_kwh_heat", e.netCostPerKWhHeat.map { SimulationReport.round($0.value, 5) } ?? .null),
            ("resistive_cost_per_kwh_heat", e.resistiveCostPerKWhHeat.map { SimulationReport.round($0.value, 5) } ?? .null),
            ("heat_pump_cost_per_kwh_heat", e.heatPumpCostPerKWhHeat.map { SimulationReport.round($0.value, 5) } ?? .null),
            ("wall_seconds", SimulationReport.round(wallSeconds, 3)),
        ])
    }
}

/// Counts what a controller sends, tick by tick, from the control loop's record.
struct CommandCounter {
    /// Plug baselines: the plug's state is the decision's demand (> 0 while closed).
    let countsPlug: Bool
    static let fanStep = 0.05
    private var lastKey: Int?
    private var lastPlug: Bool?
    private var lastFan: Double?
    private(set) var commands = 0
    private(set) var fanCommands = 0
    private(set) var plugOpenSeconds = 0.0

    init(countsPlug: Bool) { self.countsPlug = countsPlug }

    mutating func record(_ decision: ControlDecision, dt: Seconds) {
        let c = decision.command
        if countsPlug {
            let closed = decision.demand > .zero
            if !closed { plugOpenSeconds += dt.value }
            if let last = lastPlug, last != closed { commands += 1 }
            lastPlug = closed
            return   // the stock firmware runs its own level and fan: nothing else is sent
        }
        let key = c.hashing ? c.operatingPoint : -1
        if let last = lastKey, last != key { commands += 1 }
        lastKey = key
        if let last = lastFan, abs(c.fanDuty.value - last) < Self.fanStep {} else {
            if lastFan != nil { fanCommands += 1 }
            lastFan = c.fanDuty.value
        }
    }
}
