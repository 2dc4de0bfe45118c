import HearthCore
import HearthSupport

/// Turns a run into the output contract (`hearth simulate --json`) and the
/// human-readable table that ends the normal output.
public enum SimulationReport {
    static func round(_ x: Double, _ places: Int) -> JSONValue {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return .number((x * scale).rounded() / scale)
    }

    public static func json(_ r: SimulationResult, wallSeconds: Double) -> JSONValue {
        let m = r.metrics, e = r.economics, c = r.config
        let hours = c.duration.value / 3600
        func price(_ p: EnergyPrice?) -> JSONValue { p.map { round($0.value, 4) } ?? .null }
        return .object([
            ("board", .string(c.board.profile.id)),
            ("scenario", .string(c.scenario.name)),
            ("controller", .string(c.controller.rawValue)),
            ("mode", .string(c.settings.mode.rawValue)),
            ("target_c", round(c.settings.target.value, 2)),
            ("hours", round(hours, 3)),
            ("seed", .number(Double(c.seed))),
            ("room", .object([
                ("description", .string(r.room.description)),
                ("scale", round(r.roomScale, 4)),
                ("design_load_w", round(r.designLoad.value, 1)),
                ("design_load_fraction", round(c.scenario.designLoadFraction, 2)),
            ])),
            ("comfort", .object([
                ("rms_error_c", round(m.rmsError.value, 4)),
                ("outside_band_fraction", round(m.outsideBandFraction, 5)),
            ])),
            ("energy", .object([
                ("kwh", round(m.totalEnergy.kilowattHours, 4)),
                ("mean_power_w", round(m.totalEnergy.value / max(1, c.duration.value), 2)),
            ])),
            ("mining", .object([
                ("hashes", .number(m.totalHashes)),
                ("hashes_per_kwh", .number(m.hashesPerKWh)),
                ("mean_hashrate_ths", round(m.totalHashes / max(1, c.duration.value) / 1e12, 4)),
            ])),
            ("noise", .object([("mean_dba", round(m.meanNoise.value, 2))])),
            ("safety", .object([
                ("max_chip_temp_c", round(m.maxChipTemperature.value, 2)),
                ("overtemp_seconds", round(m.overtemp.value, 1)),
                ("trips", .array(m.trips.map {
                    .object([("time_s", round($0.time.value, 1)), ("reason", .string($0.reason.description)),
                             ("code", .string($0.reason.code))])
                })),
            ])),
            ("economics", .object([
                ("electricity_cost", round(e.electricityCost.value, 4)),
                ("mining_revenue", round(e.miningRevenue.value, 4)),
                ("net_cost", round(e.netCost.value, 4)),
                ("net_cost_per_kwh_heat", price(e.netCostPerKWhHeat)),
                ("resistive_cost_per_kwh_heat", price(e.resistiveCostPerKWhHeat)),
                ("heat_pump_cost_per_kwh_heat", price(e.heatPumpCostPerKWhHeat)),
                ("heat_pump_cop", round(e.heatPumpCOP, 2)),
            ])),
            ("hash_board", .object([
                ("starts", .number(Double(r.hashBoardStarts))),
                ("operating_point_changes", .number(Double(r.operatingPointChanges))),
            ])),
            ("i2c_transfers", .number(Double(r.i2cTransfers))),
            ("wall_seconds", round(wallSeconds, 4)),
        ])
    }

    /// The short table that ends the human-readable output.
    public static func table(_ r: SimulationResult, wallSeconds: Double) -> String {
        let m = r.metrics, e = r.economics
        func f(_ x: Double, _ d: Int) -> String { formatted(x, decimals: d) }
        func p(_ x: EnergyPrice?) -> String { x.map { f($0.value, 3) } ?? "n/a" }
        var rows: [(String, String)] = [
            ("comfort: RMS error (after 1 h)", "\(f(m.rmsError.value, 3)) °C"),
            ("comfort: outside ±0.5 °C", "\(f(m.outsideBandFraction * 100, 2)) %"),
            ("energy", "\(f(m.totalEnergy.kilowattHours, 3)) kWh"),
            ("mining: hashes", "\(f(m.totalHashes / 1e18, 3)) EH  (\(f(m.hashesPerKWh / 1e15, 3)) PH per kWh)"),
            ("noise: mean (Leq)", "\(f(m.meanNoise.value, 1)) dB(A)"),
            ("safety: max chip", "\(f(m.maxChipTemperature.value, 1)) °C, \(f(m.overtemp.value, 0)) s over limit"),
            ("safety: trips", m.trips.isEmpty ? "none" : m.trips.map { "\(f($0.time.value, 0)) s \($0.reason)" }.joined(separator: "; ")),
            ("economics: electricity", f(e.electricityCost.value, 3)),
            ("economics: mining revenue", f(e.miningRevenue.value, 3)),
            ("economics: net per kWh of heat", p(e.netCostPerKWhHeat)),
            ("economics: resistive heater per kWh", p(e.resistiveCostPerKWhHeat)),
            ("economics: heat pump (COP \(f(e.heatPumpCOP, 1))) per kWh", p(e.heatPumpCostPerKWhHeat)),
            ("wall time", "\(f(wallSeconds, 3)) s"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        rows = rows.map { ($0.0 + String(repeating: " ", count: width - $0.0.count), $0.1) }
        return rows.map { "  \($0.0)  \($0.1)" }.joined(separator: "\n")
    }
}
