import HearthCore
import HearthSupport

/// `GET /api/system/asic`: the chip and the frequency and core-voltage options the
/// firmware offers for this board (the choices its settings page shows).
public struct AxeOSASICInfo: Sendable, Hashable {
    public var asicModel: String
    public var deviceModel: String?
    public var asicCount: Int?
    /// Ascending, without duplicates.
    public var frequencyOptions: [Megahertz]
    public var voltageOptions: [Millivolts]
    public var defaultFrequency: Megahertz?
    public var defaultVoltage: Millivolts?

    public init(asicModel: String, deviceModel: String? = nil, asicCount: Int? = nil, frequencyOptions: [Megahertz],
                voltageOptions: [Millivolts], defaultFrequency: Megahertz? = nil, defaultVoltage: Millivolts? = nil) {
        self.asicModel = asicModel
        self.deviceModel = deviceModel
        self.asicCount = asicCount
        self.frequencyOptions = Array(Set(frequencyOptions.map(\.value))).sorted().map { Megahertz($0) }
        self.voltageOptions = Array(Set(voltageOptions.map(\.value))).sorted().map { Millivolts($0) }
        self.defaultFrequency = defaultFrequency
        self.defaultVoltage = defaultVoltage
    }

    public static let path = "/api/system/asic"

    public static func decode(_ body: [UInt8], peer: String) throws(AxeOSError) -> AxeOSASICInfo {
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch { throw AxeOSError.notJSON(peer: peer, request: "GET \(path)", error) }
        return try decode(json, peer: peer)
    }

    public static func decode(_ json: JSONValue, peer: String) throws(AxeOSError) -> AxeOSASICInfo {
        let f = try AxeOSFields(json, peer: peer, request: "GET \(path)")
        // Firmware up to 2.8 writes `ASICModel`; later ones `asicModel` (the board endpoint).
        let upper = try f.optionalString("ASICModel")
        let lower = try f.optionalString("asicModel")
        guard let model = upper ?? lower else {
            throw f.fail("ASICModel", "is missing (nor asicModel)")
        }
        guard let frequencies = try f.optionalNumbers("frequencyOptions", in: 1...2000) else {
            throw f.fail("frequencyOptions", "is missing")
        }
        guard let voltages = try f.optionalNumbers("voltageOptions", in: 1...2000) else {
            throw f.fail("voltageOptions", "is missing")
        }
        guard !frequencies.isEmpty else { throw f.fail("frequencyOptions", "is empty") }
        guard !voltages.isEmpty else { throw f.fail("voltageOptions", "is empty") }
        return AxeOSASICInfo(
            asicModel: model, deviceModel: try f.optionalString("deviceModel"),
            asicCount: try f.optionalNumber("asicCount", in: 0...1000).map { Int($0) },
            frequencyOptions: frequencies.map { Megahertz($0) }, voltageOptions: voltages.map { Millivolts($0) },
            defaultFrequency: try f.optionalNumber("defaultFrequency", in: 1...2000).map { Megahertz($0) },
            defaultVoltage: try f.optionalNumber("defaultVoltage", in: 1...2000).map { Millivolts($0) })
    }

    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [("ASICModel", .string(asicModel))]
        if let deviceModel { pairs.append(("deviceModel", .string(deviceModel))) }
        if let asicCount { pairs.append(("asicCount", .integer(Int64(asicCount)))) }
        if let defaultFrequency { pairs.append(("defaultFrequency", .number(defaultFrequency.value))) }
        pairs.append(("frequencyOptions", .array(frequencyOptions.map { .number($0.value) })))
        if let defaultVoltage { pairs.append(("defaultVoltage", .number(defaultVoltage.value))) }
        pairs.append(("voltageOptions", .array(voltageOptions.map { .number($0.value) })))
        return .object(pairs)
    }
}
