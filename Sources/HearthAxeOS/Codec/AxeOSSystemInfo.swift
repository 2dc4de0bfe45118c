import HearthCore
import HearthSupport

/// `GET /api/system/info`: what a stock Bitaxe-class board reports, in typed units.
///
/// Field names and units as ESP-Miner's `main/http_server/axe-os/docs/openapi.yaml` and
/// recorded replies show them: `temp`/`vrTemp` °C, `power` W, `voltage` input mV,
/// `current` mA, `hashRate` GH/s, `frequency` MHz, `coreVoltage` (asked) and
/// `coreVoltageActual` (measured) mV, `fanspeed` %, `fanrpm` rpm. The fields Hearth
/// steers by (temp, power, hashRate, frequency, coreVoltage) must be there; the rest
/// are optional because firmware versions differ (v2.0 has no `fanrpm`), but any field
/// that is present must have the documented type and a plausible value.
public struct AxeOSSystemInfo: Sendable, Hashable {
    public var chipTemperature: Celsius
    public var regulatorTemperature: Celsius?
    public var power: Watts
    public var inputVoltage: Millivolts?
    public var inputCurrent: Amperes?
    public var hashrate: HashRate
    public var frequency: Megahertz
    /// The core voltage asked for, and the regulator's reading of it.
    public var coreVoltage: Millivolts
    public var coreVoltageActual: Millivolts?
    public var fanSpeed: RPM?
    public var fanDuty: DutyCycle?
    public var autoFan: Bool?
    public var temperatureTarget: Celsius?
    /// The firmware's overheat latch: it has cut the chip to its safe settings itself.
    public var overheatMode: Bool
    /// Newer firmware says whether mining is paused (`POST /api/system/pause`).
    public var miningPaused: Bool?
    public var sharesAccepted: Int?
    public var sharesRejected: Int?
    public var asicModel: String?
    public var asicCount: Int?
    public var firmware: String?
    public var boardVersion: String?
    public var hostname: String?
    public var uptime: Seconds?

    public init(chipTemperature: Celsius, power: Watts, hashrate: HashRate, frequency: Megahertz, coreVoltage: Millivolts,
                overheatMode: Bool = false) {
        self.chipTemperature = chipTemperature
        self.power = power
        self.hashrate = hashrate
        self.frequency = frequency
        self.coreVoltage = coreVoltage
        self.overheatMode = overheatMode
    }

    public static let path = "/api/system/info"

    /// Decodes a reply body. - Throws: `AxeOSError.notJSON` or `.field` naming the field.
    public static func decode(_ body: [UInt8], peer: String) throws(AxeOSError) -> AxeOSSystemInfo {
        let request = "GET \(path)"
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch { throw AxeOSError.notJSON(peer: peer, request: request, error) }
        return try decode(json, peer: peer)
    }

    public static func decode(_ json: JSONValue, peer: String) throws(AxeOSError) -> AxeOSSystemInfo {
        let f = try AxeOSFields(json, peer: peer, request: "GET \(path)")
        var info = AxeOSSystemInfo(
            chipTemperature: Celsius(try f.number("temp", in: -40...200)),
            power: Watts(try f.number("power", in: 0...5000)),
            hashrate: HashRate(gigahashes: try f.number("hashRate", in: 0...1e7)),
            frequency: Megahertz(try f.number("frequency", in: 0...2000)),
            coreVoltage: Millivolts(try f.number("coreVoltage", in: 0...2000)),
            overheatMode: try f.optionalFlag("overheat_mode") ?? false)
        info.regulatorTemperature = try f.optionalNumber("vrTemp", in: -40...200).map { Celsius($0) }
        info.inputVoltage = try f.optionalNumber("voltage", in: 0...60_000).map { Millivolts($0) }
        info.inputCurrent = try f.optionalNumber("current", in: 0...500_000).map { Amperes($0 / 1000) }
        info.coreVoltageActual = try f.optionalNumber("coreVoltageActual", in: 0...2000).map { Millivolts($0) }
        info.fanSpeed = try f.optionalNumber("fanrpm", in: 0...30_000).map { RPM($0) }
        info.fanDuty = try f.optionalNumber("fanspeed", in: 0...100).map { DutyCycle.percent($0) }
        info.autoFan = try f.optionalFlag("autofanspeed")
        info.temperatureTarget = try f.optionalNumber("temptarget", in: 0...120).map { Celsius($0) }
        info.miningPaused = try f.optionalFlag("miningPaused")
        info.sharesAccepted = try f.optionalNumber("sharesAccepted", in: 0...1e15).map { Int($0) }
        info.sharesRejected = try f.optionalNumber("sharesRejected", in: 0...1e15).map { Int($0) }
        info.asicModel = try f.optionalString("ASICModel")
        info.asicCount = try f.optionalNumber("asicCount", in: 0...1000).map { Int($0) }
        info.firmware = try f.optionalString("version")
        info.boardVersion = try f.optionalString("boardVersion")
        info.hostname = try f.optionalString("hostname")
        info.uptime = try f.optionalNumber("uptimeSeconds", in: 0...1e10).map { Seconds($0) }
        return info
    }

    /// The reply as AxeOS writes it (the emulator's and the tests' side).
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("power", .number(power.value)),
            ("temp", .number(chipTemperature.value)),
            ("hashRate", .number(hashrate.gigahashes)),
            ("frequency", .number(frequency.value)),
            ("coreVoltage", .number(coreVoltage.value)),
            ("overheat_mode", .integer(overheatMode ? 1 : 0)),
        ]
        func add(_ key: String, _ v: JSONValue?) { if let v { pairs.append((key, v)) } }
        add("voltage", inputVoltage.map { .number($0.value) })
        add("current", inputCurrent.map { .number($0.value * 1000) })
        add("vrTemp", regulatorTemperature.map { .number($0.value) })
        add("coreVoltageActual", coreVoltageActual.map { .number($0.value) })
        add("fanrpm", fanSpeed.map { .number($0.value.rounded()) })
        add("fanspeed", fanDuty.map { .number($0.percent.rounded()) })
        add("autofanspeed", autoFan.map { .integer($0 ? 1 : 0) })
        add("temptarget", temperatureTarget.map { .number($0.value) })
        add("miningPaused", miningPaused.map { .bool($0) })
        add("sharesAccepted", sharesAccepted.map { .integer(Int64($0)) })
        add("sharesRejected", sharesRejected.map { .integer(Int64($0)) })
        add("ASICModel", asicModel.map { .string($0) })
        add("asicCount", asicCount.map { .integer(Int64($0)) })
        add("version", firmware.map { .string($0) })
        add("boardVersion", boardVersion.map { .string($0) })
        add("hostname", hostname.map { .string($0) })
        add("uptimeSeconds", uptime.map { .number($0.value.rounded()) })
        return .object(pairs)
    }
}
