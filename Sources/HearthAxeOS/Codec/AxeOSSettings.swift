import HearthCore
import HearthSupport

/// A `PATCH /api/system` body: only the fields set are sent, each as the whole
/// number AxeOS stores (MHz, mV, %, 0/1, °C).
public struct AxeOSSettings: Sendable, Hashable, CustomStringConvertible {
    public var frequency: Megahertz?
    public var coreVoltage: Millivolts?
    public var fanDuty: DutyCycle?
    public var autoFan: Bool?
    public var temperatureTarget: Celsius?

    public init(frequency: Megahertz? = nil, coreVoltage: Millivolts? = nil, fanDuty: DutyCycle? = nil,
                autoFan: Bool? = nil, temperatureTarget: Celsius? = nil) {
        self.frequency = frequency
        self.coreVoltage = coreVoltage
        self.fanDuty = fanDuty
        self.autoFan = autoFan
        self.temperatureTarget = temperatureTarget
    }

    public static let path = "/api/system"

    public var isEmpty: Bool { json.objectValue?.isEmpty ?? true }

    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let frequency { pairs.append(("frequency", .integer(Int64(frequency.value.rounded())))) }
        if let coreVoltage { pairs.append(("coreVoltage", .integer(Int64(coreVoltage.value.rounded())))) }
        if let autoFan { pairs.append(("autofanspeed", .integer(autoFan ? 1 : 0))) }
        if let fanDuty { pairs.append(("fanspeed", .integer(Int64(fanDuty.percent.rounded())))) }
        if let temperatureTarget { pairs.append(("temptarget", .integer(Int64(temperatureTarget.value.rounded())))) }
        return .object(pairs)
    }

    /// Reads a body as the firmware would (the emulator's side): numbers only, known keys
    /// only are taken, others are ignored as AxeOS ignores them.
    public static func decode(_ body: [UInt8], peer: String) throws(AxeOSError) -> AxeOSSettings {
        let request = "PATCH \(path)"
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch { throw AxeOSError.notJSON(peer: peer, request: request, error) }
        let f = try AxeOSFields(json, peer: peer, request: request)
        return AxeOSSettings(
            frequency: try f.optionalNumber("frequency", in: 1...2000).map { Megahertz($0) },
            coreVoltage: try f.optionalNumber("coreVoltage", in: 1...2000).map { Millivolts($0) },
            fanDuty: try f.optionalNumber("fanspeed", in: 0...100).map { DutyCycle.percent($0) },
            autoFan: try f.optionalFlag("autofanspeed"),
            temperatureTarget: try f.optionalNumber("temptarget", in: 0...100).map { Celsius($0) })
    }

    public var description: String { "PATCH \(Self.path) \(json.jsonText)" }
}
