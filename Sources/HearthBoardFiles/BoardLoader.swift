import HearthHAL
import Foundation
import HearthCore
import TOMLKit

/// Reads and validates `boards/*.toml` (docs/BOARD_FORMAT.md). Returns a
/// board only when every rule holds; otherwise the first problem, located.
public enum BoardLoader {
    static let topLevelKeys = ["board", "limits", "fan", "operating_point", "i2c_device", "gpio", "fan_pwm", "uart", "asic", "simulation", "core_voltage"]

    /// Read `path` and parse it; the error names the file when it cannot be read.
    public static func load(path: String) throws(BoardFileError) -> BoardDefinition {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw BoardFileError(.unreadable, file: path, line: nil, key: "", message: "cannot read file: \(error.localizedDescription)")
        }
        return try parse(text: text, file: path)
    }

    public static func parse(text: String, file: String) throws(BoardFileError) -> BoardDefinition {
        if let bad = TOMLGuard.firstTrap(in: text) {
            throw BoardFileError(.syntax, file: file, line: bad.line, key: "", message: "TOML syntax error: \(bad.problem)")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw BoardFileError(.syntax, file: file, line: error.source.begin.line, key: "",
                                 message: "TOML syntax error: \(error.description) (column \(error.source.begin.column))")
        } catch {
            throw BoardFileError(.syntax, file: file, line: nil, key: "", message: "TOML syntax error: \(error)")
        }
        let context = BoardFileContext(file: file, locator: TOMLKeyLocator(source: text))
        let r = TOMLTableReader(table: root, path: "", context: context)
        try r.rejectUnknownKeys(topLevelKeys)

        let board = try r.table("board")
        try board.rejectUnknownKeys(["id", "name", "chip", "chip_count", "sources", "room_note"])
        let id = try board.string("id")
        let expectedID = fileStem(file)
        guard id == expectedID else {
            throw board.fail(.inconsistent, "id", "\"\(id)\" must equal the file name without .toml (\"\(expectedID)\")")
        }
        let name = try board.string("name")
        let chip = try board.string("chip")
        let chipCount = try board.integer("chip_count", in: 1...Int.max, rangeText: "≥ 1")
        let sources = try board.stringArray("sources", nonEmpty: true)
        let roomNote = try board.optionalString("room_note")

        let thermal = try parseLimits(r.table("limits"))
        let fan = try parseFan(r.table("fan"))
        let points = try parseOperatingPoints(r)
        let wiring = try WiringParser.parse(r)
        let simulation = try parseSimulation(r.table("simulation"))

        var profile = BoardProfile(id: id, name: name, operatingPoints: points, thermal: thermal, fan: fan,
                                   hasPowerSensor: wiring.devices.contains { $0.roles.contains(.power) })
        // The controller's own copy of the board's chip and cooling model (most efficient chip temperature).
        profile.chipModel = ChipEfficiencyModel(
            chipCount: chipCount, switchingCoefficient: simulation.chip.switchingCoefficient.value,
            leakageAt25C: simulation.chip.leakageAt25C, leakageDoubling: simulation.chip.leakageDoubling,
            fixedPower: simulation.power.fixed, psuEfficiency: simulation.power.psuEfficiency,
            fanMaximumPower: simulation.fan.maxPower, fanMinimumRPM: simulation.fan.minRPM,
            resistanceAtMaximum: simulation.thermal.resistanceAtMaxRPM.value,
            resistanceNatural: simulation.thermal.resistanceNatural.value,
            heatsinkTimeConstant: simulation.thermal.timeConstant)
        var definition = BoardDefinition(profile: profile, chip: chip, chipCount: chipCount, sources: sources, roomNote: roomNote,
                               i2cDevices: wiring.devices, gpios: wiring.gpios, fanPWM: wiring.fanPWM, uart: wiring.uart,
                               simulation: simulation, path: file)
        definition.coreVoltage = try CoreVoltageParser.parse(r)
        definition.asic = try ASICParser.parse(r, boardChip: chip, chipCount: chipCount, uart: wiring.uart, gpios: wiring.gpios)
        return definition
    }

    /// "boards/avalon-nano3s.toml" → "avalon-nano3s".
    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".toml") ? String(name.dropLast(5)) : name
    }

    static func parseLimits(_ t: TOMLTableReader) throws(BoardFileError) -> ThermalLimits {
        try t.rejectUnknownKeys(["chip_target_c", "chip_throttle_c", "chip_trip_c", "chip_limit_c"])
        let target = try t.number("chip_target_c"), throttle = try t.number("chip_throttle_c")
        let trip = try t.number("chip_trip_c"), limit = try t.number("chip_limit_c")
        guard target < throttle else {
            throw t.fail(.inconsistent, "chip_throttle_c", "must be above chip_target_c (\(fmt(target))), found \(fmt(throttle))")
        }
        guard throttle < trip else {
            throw t.fail(.inconsistent, "chip_trip_c", "must be above chip_throttle_c (\(fmt(throttle))), found \(fmt(trip))")
        }
        guard trip <= limit else {
            throw t.fail(.inconsistent, "chip_limit_c", "must be ≥ chip_trip_c (\(fmt(trip))), found \(fmt(limit))")
        }
        return ThermalLimits(chipTarget: Celsius(target), chipThrottle: Celsius(throttle), chipTrip: Celsius(trip), chipLimit: Celsius(limit))
    }

    static func parseFan(_ t: TOMLTableReader) throws(BoardFileError) -> FanLimits {
        try t.rejectUnknownKeys(["min_duty", "safe_duty", "max_rpm", "stall_rpm", "stall_check_duty", "quiet_rpm"])
        let minDuty = try t.number("min_duty", .unitInterval)
        let safeDuty = try t.number("safe_duty", .unitInterval)
        let maxRPM = try t.number("max_rpm", .positive)
        let stallRPM = try t.number("stall_rpm", .nonNegative)
        guard stallRPM < maxRPM else {
            throw t.fail(.inconsistent, "stall_rpm", "must be below max_rpm (\(fmt(maxRPM))), found \(fmt(stallRPM))")
        }
        let stallCheck = try t.number("stall_check_duty", .unitInterval)
        let quietRPM = try t.number("quiet_rpm", .positive)
        guard quietRPM <= maxRPM else {
            throw t.fail(.inconsistent, "quiet_rpm", "must be ≤ max_rpm (\(fmt(maxRPM))), found \(fmt(quietRPM))")
        }
        return FanLimits(minimumDuty: DutyCycle(minDuty), safeDuty: DutyCycle(safeDuty), maximumRPM: RPM(maxRPM),
                         stallRPM: RPM(stallRPM), stallCheckDuty: DutyCycle(stallCheck), quietRPM: RPM(quietRPM))
    }

    static func parseOperatingPoints(_ r: TOMLTableReader) throws(BoardFileError) -> [OperatingPoint] {
        let entries = try r.tableArray("operating_point")
        guard !entries.isEmpty else {
            throw r.fail(.missingKey, "operating_point", "at least one [[operating_point]] is required")
        }
        var points: [(OperatingPoint, TOMLTableReader)] = []
        for e in entries {
            try e.rejectUnknownKeys(["name", "frequency_mhz", "voltage_mv", "power_w", "hashrate_ths"])
            let name = try e.string("name")
            if let other = points.first(where: { $0.0.name == name }) {
                throw e.fail(.duplicate, "name", "duplicate operating point name \"\(name)\" (also \(other.1.path))")
            }
            let point = OperatingPoint(name: name, frequency: Megahertz(try e.number("frequency_mhz", .positive)),
                                       voltage: Millivolts(try e.number("voltage_mv", .positive)),
                                       power: Watts(try e.number("power_w", .positive)),
                                       hashrate: HashRate(terahashes: try e.number("hashrate_ths", .positive)))
            points.append((point, e))
        }
        // Powers must be strictly increasing once sorted, i.e. no two points at the same power.
        // The stable sort keeps file order among equals, so `b` is the later entry.
        let sorted = points.sorted { $0.0.power < $1.0.power }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.0.power == b.0.power {
            throw b.1.fail(.duplicate, "power_w",
                           "power \(fmt(b.0.power.value)) W equals \(a.1.path); powers must be strictly increasing")
        }
        return sorted.map(\.0)
    }

    static func fmt(_ x: Double) -> String { TOMLTableReader.format(x) }
}
