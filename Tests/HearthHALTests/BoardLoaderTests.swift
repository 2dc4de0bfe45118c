@testable import HearthBoardFiles
import Foundation
import HearthCore
@testable import HearthHAL
import Testing

/// A complete, valid board file; each error test breaks one thing in it.
let validBoard = """
# Test board
[board]
id = "test-board"
name = "Test Board"
chip = "BM1366"
chip_count = 1
sources = [
  "https://example.org/a",  # a comment with ] and [ in it
  "https://example.org/b",
]
room_note = "small room"

[limits]
chip_target_c = 65
chip_throttle_c = 75.0
chip_trip_c = 85.0
chip_limit_c = 90.0

[fan]
min_duty = 0.2
safe_duty = 1.0
max_rpm = 6000.0
stall_rpm = 300.0
stall_check_duty = 0.3
quiet_rpm = 3000.0

[[operating_point]]
name = "high"
frequency_mhz = 600.0
voltage_mv = 1200.0
power_w = 20.0
hashrate_ths = 0.55

[[operating_point]]
name = "low"
frequency_mhz = 400.0
voltage_mv = 1100.0
power_w = 10.0
hashrate_ths = 0.35

[[i2c_device]]
bus = "i2c-1"
driver = "emc2101"
address = 0x4C
roles = ["fan", "chip_temp"]

[[i2c_device]]
bus = "i2c-1"
driver = "tmp75"
address = 0x48
roles = ["room_temp"]

[[i2c_device]]
bus = "i2c-1"
driver = "ina260"
address = 0x40
roles = ["power"]

[[gpio]]
name = "asic_enable"
chip = "gpiochip0"
line = 17
direction = "output"
active_low = true

[uart]
device = "/dev/ttyS0"
baud = 115200

[simulation.chip]
hashes_per_clock = 894.0
switching_w_per_mhz_v2 = 0.012
leakage_a_at_25c = 0.5
leakage_doubling_c = 25.0
stable_mv_base = 900.0
stable_mv_per_mhz = 0.5
error_onset_c = 80.0

[simulation.power]
fixed_w = 2.0
psu_efficiency = 0.9
bus_mv = 12000.0

[simulation.thermal]
r_th_at_max_rpm = 0.5
r_th_natural = 4.0
time_constant_s = 30.0

[simulation.fan]
max_power_w = 1.5
time_constant_s = 2.0
noise_dba_at_max = 45.0
min_rpm = 1000.0

[simulation.sensors]
chip_noise_c = 0.2
room_noise_c = 0.02
power_noise_w = 0.3

[simulation.room]
description = "test room"
house_c = 18.0
ua_house_w_per_k = 10.0
ua_window_w_per_k = 1.0
ua_air_wall_w_per_k = 10.0
ua_wall_outside_w_per_k = 2.0
air_capacity_kj_per_k = 200.0
wall_capacity_kj_per_k = 3000.0
"""

let file = "boards/test-board.toml"

/// 1-based line of the first line containing `needle` (after `after`, if given).
func line(of needle: String, in text: String = validBoard, after: String? = nil) -> Int {
    let lines = text.components(separatedBy: "\n")
    var start = 0
    if let after, let a = lines.firstIndex(where: { $0.contains(after) }) { start = a }
    return (lines[start...].firstIndex { $0.contains(needle) } ?? -1) + 1
}

func parseError(_ text: String, file: String = file) -> BoardFileError? {
    do {
        _ = try BoardLoader.parse(text: text, file: file)
        return nil
    } catch {
        return error
    }
}

func broken(_ old: String, _ new: String, after: String? = nil) -> String {
    guard let afterRange = after.flatMap({ validBoard.range(of: $0) }) else {
        return validBoard.replacingOccurrences(of: old, with: new)
    }
    var text = validBoard
    if let r = text.range(of: old, range: afterRange.upperBound..<text.endIndex) { text.replaceSubrange(r, with: new) }
    return text
}

@Suite struct BoardLoaderValidTests {
    @Test func validFileRoundTrip() throws {
        let b = try BoardLoader.parse(text: validBoard, file: file)
        #expect(b.id == "test-board")
        #expect(b.profile.name == "Test Board")
        #expect(b.chip == "BM1366" && b.chipCount == 1)
        #expect(b.sources == ["https://example.org/a", "https://example.org/b"])
        #expect(b.roomNote == "small room")
        #expect(b.profile.thermal.chipTarget == Celsius(65))
        #expect(b.profile.fan.quietRPM == RPM(3000))
        #expect(b.profile.operatingPoints.map(\.name) == ["low", "high"])   // sorted by power
        #expect(b.profile.maximumPower == Watts(20))
        #expect(b.profile.hasPowerSensor)
        #expect(b.i2cDevices.count == 3)
        #expect(b.device(for: .fan) == I2CDeviceSpec(bus: "i2c-1", driver: .emc2101, address: 0x4C, roles: [.fan, .chipTemp]))
        #expect(b.device(for: .inletTemp) == nil)
        #expect(b.gpio(.asicEnable) == GPIOSpec(function: .asicEnable, chip: "gpiochip0", line: 17, direction: .output, activeLow: true))
        #expect(b.uart == UARTSpec(device: "/dev/ttyS0", baud: 115_200))
        #expect(b.fanPWM == nil)
        #expect(b.simulation.chip.switchingCoefficient == SwitchingCoefficient(0.012))
        #expect(b.simulation.power.psuEfficiency == 0.9)
        #expect(b.simulation.thermal.resistanceNatural == ThermalResistance(4))
        #expect(b.simulation.fan.minRPM == RPM(1000))
        #expect(b.simulation.sensors.roomNoise == Kelvin(0.02))
        #expect(b.path == file)
    }

    @Test func fanPWMWithTachIsAValidFan() throws {
        let text = validBoard
            .replacingOccurrences(of: "roles = [\"fan\", \"chip_temp\"]", with: "roles = [\"chip_temp\"]")
            + "\n[fan_pwm]\nchip = \"pwmchip0\"\nchannel = 0\nperiod_ns = 40000\n\n[[gpio]]\nname = \"fan_tach\"\nchip = \"gpiochip0\"\nline = 5\ndirection = \"input\"\n"
        let b = try BoardLoader.parse(text: text, file: file)
        #expect(b.fanPWM == FanPWMSpec(chip: "pwmchip0", channel: 0, periodNanoseconds: 40_000))
        #expect(b.gpio(.fanTach)?.direction == .input)
    }
}

@Suite struct BoardLoaderErrorTests {
    @Test func syntaxErrorCarriesTOMLKitLine() throws {
        let e = try #require(parseError(broken("chip_count = 1", "chip_count = = 1")))
        #expect(e.kind == .syntax)
        #expect(e.line == line(of: "chip_count"))
        #expect(e.description.hasPrefix("\(file):\(line(of: "chip_count")): "))
    }

    @Test func wrongTypeNamesExpectedAndFound() throws {
        let e = try #require(parseError(broken("max_rpm = 6000.0", "max_rpm = \"fast\"")))
        #expect(e.description == "\(file):\(line(of: "max_rpm")): fan.max_rpm: expected a number, found string \"fast\"")
        let f = try #require(parseError(broken("chip_count = 1", "chip_count = 1.5")))
        #expect(f.description == "\(file):\(line(of: "chip_count")): board.chip_count: expected an integer, found number 1.5")
        let g = try #require(parseError(broken("\"https://example.org/b\",", "42,")))
        #expect(g.key == "board.sources[1]" && g.kind == .wrongType)
        #expect(g.line == line(of: "sources"))
    }

    @Test func unknownDriverListsAllowed() throws {
        let e = try #require(parseError(broken("driver = \"ina260\"", "driver = \"tmp76\"")))
        #expect(e.description == "\(file):\(line(of: "tmp76", in: broken("driver = \"ina260\"", "driver = \"tmp76\""))): i2c_device[2].driver: unknown driver \"tmp76\"; allowed: tmp75, tmp1075, lm75, emc2101, ina260")
    }

    @Test func missingKeyPointsAtTableHeader() throws {
        let e = try #require(parseError(broken("power_w = 10.0\n", "")))
        #expect(e.kind == .missingKey)
        #expect(e.key == "operating_point[1].power_w")
        #expect(e.line == line(of: "name = \"low\"") - 1)
        let t = try #require(parseError(broken("[simulation.power]\nfixed_w = 2.0\npsu_efficiency = 0.9\nbus_mv = 12000.0\n", "")))
        #expect(t.key == "simulation.power" && t.kind == .missingKey)
        #expect(t.line == line(of: "[simulation.chip]"))
    }

    @Test func outOfRangeValues() throws {
        let e = try #require(parseError(broken("min_duty = 0.2", "min_duty = 1.5")))
        #expect(e.description == "\(file):\(line(of: "min_duty")): fan.min_duty: must be in 0…1, found 1.5")
        let a = try #require(parseError(broken("address = 0x48", "address = 0x07")))
        #expect(a.kind == .outOfRange && a.key == "i2c_device[1].address" && a.line == line(of: "address = 0x48"))
        let p = try #require(parseError(broken("psu_efficiency = 0.9", "psu_efficiency = 0")))
        #expect(p.key == "simulation.power.psu_efficiency")
        let c = try #require(parseError(broken("chip_count = 1", "chip_count = 0")))
        #expect(c.message == "must be ≥ 1, found 0")
    }

    @Test func unknownKeySuggestsClosest() throws {
        let e = try #require(parseError(broken("stall_rpm = 300.0", "stall_rpm = 300.0\nmax_rmp = 1")))
        #expect(e.kind == .unknownKey)
        #expect(e.description == "\(file):\(line(of: "stall_rpm") + 1): fan.max_rmp: unknown key \"max_rmp\"; did you mean \"max_rpm\"?")
        let t = try #require(parseError(broken("[limits]", "[limts]")))
        #expect(t.key == "limts" && t.message.contains("did you mean \"limits\"") && t.line == line(of: "[limits]"))
        let n = try #require(parseError("zzz = 1\n" + validBoard))
        #expect(n.line == 1 && n.message.contains("allowed: board, limits"))
        // Appended at the end, the same key belongs to the last table, [simulation.room].
        let m = try #require(parseError(validBoard + "\nzzz = 1\n"))
        #expect(m.key == "simulation.room.zzz")
    }

    @Test func duplicateAddressAndRole() throws {
        let e = try #require(parseError(broken("address = 0x40", "address = 0x48")))
        #expect(e.kind == .duplicate && e.key == "i2c_device[2].address")
        #expect(e.message.contains("0x48") && e.message.contains("i2c_device[1]"))
        let r = try #require(parseError(broken("roles = [\"room_temp\"]", "roles = [\"room_temp\", \"chip_temp\"]")))
        #expect(r.kind == .duplicate && r.key == "i2c_device[1].roles[1]")
        #expect(r.line == line(of: "roles = [\"room_temp\""))
    }

    @Test func roleNotAllowedForDriver() throws {
        let e = try #require(parseError(broken("roles = [\"power\"]", "roles = [\"room_temp\"]")))
        // room_temp is also used by the tmp75, but the driver check comes first.
        #expect(e.kind == .notAllowed)
        #expect(e.message == "role \"room_temp\" not allowed for ina260; allowed: power")
    }

    @Test func requiredRolesPresent() throws {
        let e = try #require(parseError(broken("roles = [\"room_temp\"]", "roles = [\"inlet_temp\"]")))
        #expect(e.kind == .missingKey && e.message.contains("room_temp"))
        let f = try #require(parseError(broken("roles = [\"fan\", \"chip_temp\"]", "roles = [\"chip_temp\"]")))
        #expect(f.message.contains("no fan"))
    }

    @Test func limitOrdering() throws {
        let e = try #require(parseError(broken("chip_trip_c = 85.0", "chip_trip_c = 70.0")))
        #expect(e.kind == .inconsistent && e.key == "limits.chip_trip_c" && e.line == line(of: "chip_trip_c"))
        let f = try #require(parseError(broken("quiet_rpm = 3000.0", "quiet_rpm = 7000.0")))
        #expect(f.key == "fan.quiet_rpm")
        let r = try #require(parseError(broken("r_th_natural = 4.0", "r_th_natural = 0.1")))
        #expect(r.key == "simulation.thermal.r_th_natural")
    }

    @Test func idMustMatchFileName() throws {
        let e = try #require(parseError(validBoard, file: "boards/other.toml"))
        #expect(e.description == "boards/other.toml:\(line(of: "id =")): board.id: \"test-board\" must equal the file name without .toml (\"other\")")
    }

    @Test func operatingPointNamesAndPowers() throws {
        let e = try #require(parseError(broken("name = \"low\"", "name = \"high\"")))
        #expect(e.kind == .duplicate && e.key == "operating_point[1].name")
        let p = try #require(parseError(broken("power_w = 10.0", "power_w = 20")))
        #expect(p.kind == .duplicate && p.key == "operating_point[1].power_w")
        #expect(p.line == line(of: "power_w", after: "name = \"low\""))
        let none = try #require(parseError(validBoard.replacingOccurrences(of: "[[operating_point]]", with: "[[operating_pointx]]")))
        #expect(none.kind == .unknownKey && none.message.contains("operating_point"))
    }

    @Test func gpioChecks() throws {
        let e = try #require(parseError(broken("direction = \"output\"", "direction = \"input\"")))
        #expect(e.kind == .notAllowed && e.key == "gpio[0].direction")
        let n = try #require(parseError(broken("name = \"asic_enable\"", "name = \"asic_enabled\"")))
        #expect(n.message.contains("allowed: asic_enable"))
        let dup = validBoard + "\n[[gpio]]\nname = \"power_good\"\nchip = \"gpiochip0\"\nline = 17\ndirection = \"input\"\n"
        let d = try #require(parseError(dup))
        #expect(d.kind == .duplicate && d.key == "gpio[1].line" && d.line == line(of: "line = 17", in: dup, after: "power_good"))
    }
}

@Suite struct TOMLKeyLocatorTests {
    @Test func findsKeysTablesAndArrayEntries() {
        let loc = TOMLKeyLocator(source: validBoard)
        #expect(loc.exactLine(of: "board.room_note") == line(of: "room_note"))
        #expect(loc.exactLine(of: "operating_point[1].frequency_mhz") == line(of: "frequency_mhz = 400"))
        #expect(loc.exactLine(of: "i2c_device[2]") == line(of: "[[i2c_device]]", after: "room_temp"))
        #expect(loc.exactLine(of: "simulation") == line(of: "[simulation.chip]"))
        #expect(loc.line(of: "fan.nope") == line(of: "[fan]"))
        // The continuation line of the multi-line array is not a key.
        #expect(loc.exactLine(of: "board.\"https://example.org/b\",") == nil)
        #expect(loc.exactLine(of: "limits") == line(of: "[limits]"))
    }

    @Test func ignoresCommentsAndMultilineStrings() {
        let text = "[a]\n# x = 1\ns = \"\"\"\ny = 2\n\"\"\"\nz = 3 # w = 4\n"
        let loc = TOMLKeyLocator(source: text)
        #expect(loc.exactLine(of: "a.x") == nil)
        #expect(loc.exactLine(of: "a.y") == nil)
        #expect(loc.exactLine(of: "a.z") == 6)
    }

    @Test func suggestion() {
        #expect(closestKey(to: "stal_rpm", in: ["stall_rpm", "max_rpm"]) == "stall_rpm")
        #expect(closestKey(to: "banana", in: ["stall_rpm", "max_rpm"]) == nil)
    }
}

@Suite struct BoardCatalogTests {
    @Test func listsAndLoadsAndNamesUnknownIDs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-catalog-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try validBoard.write(toFile: dir + "/test-board.toml", atomically: true, encoding: .utf8)
        try validBoard.replacingOccurrences(of: "id = \"test-board\"", with: "id = \"alpha\"")
            .write(toFile: dir + "/alpha.toml", atomically: true, encoding: .utf8)
        try "not a board".write(toFile: dir + "/README.md", atomically: true, encoding: .utf8)
        let catalog = BoardCatalog(directory: dir)
        #expect(catalog.ids() == ["alpha", "test-board"])
        #expect(try catalog.board(id: "alpha").profile.id == "alpha")
        #expect(try catalog.allBoards().count == 2)
        #expect {
            try catalog.board(id: "nope")
        } throws: { error in
            "\(error)".hasSuffix("unknown board \"nope\"; available: alpha, test-board")
        }
        #expect(throws: BoardFileError.self) { try BoardLoader.load(path: dir + "/missing.toml") }
    }
}
