import HearthCore

/// `hearth probe --backend axeos`: who the board is and what Hearth can do with it, from
/// `system/info` and `system/asic`, one request at a time. Changes nothing on the board.
public struct AxeOSProbeReport: Sendable, Codable, Hashable {
    public struct Check: Sendable, Codable, Hashable {
        public var item: String
        public var ok: Bool
        public var detail: String
    }
    public var device: String
    public var asicModel: String?
    public var firmware: String?
    public var frequencyMHz: Double?
    public var coreVoltageMV: Double?
    public var frequencyOptions: [Double]
    public var voltageOptions: [Double]
    public var chipC: Double?
    public var powerW: Double?
    public var hashrateTHs: Double?
    public var fanRPM: Double?
    /// The operating points Hearth would plan with (board file × firmware options).
    public var points: [String]
    public var can: [String]
    public var cannot: [String]
    public var checks: [Check]
    public var ok: Bool { checks.allSatisfy(\.ok) }

    enum CodingKeys: String, CodingKey {
        case device, firmware, points, can, cannot, checks
        case asicModel = "asic_model", frequencyMHz = "frequency_mhz", coreVoltageMV = "core_voltage_mv"
        case frequencyOptions = "frequency_options_mhz", voltageOptions = "voltage_options_mv"
        case chipC = "chip_c", powerW = "power_w", hashrateTHs = "hashrate_ths", fanRPM = "fan_rpm"
    }
}

public enum AxeOSProbe {
    /// - Parameters:
    ///   - board: the board file to check the firmware's options against (nil: skip that check).
    ///   - chip: the chip the board file names (`BM1370`…), to compare with the firmware's.
    public static func run(_ link: any AxeOSLink, board: BoardProfile? = nil, chip: String? = nil) async -> AxeOSProbeReport {
        var r = AxeOSProbeReport(device: link.endpointDescription, frequencyOptions: [], voltageOptions: [], points: [],
                                 can: [], cannot: [], checks: [])
        let info: AxeOSSystemInfo
        do { info = try await link.systemInfo() } catch {
            r.checks.append(.init(item: "API", ok: false, detail: "\(error) — is the board on, and is this the address AxeOS shows?"))
            return r
        }
        r.checks.append(.init(item: "API", ok: true, detail: "answers on \(link.endpointDescription)"))
        r.asicModel = info.asicModel
        r.firmware = info.firmware
        r.frequencyMHz = info.frequency.value
        r.coreVoltageMV = info.coreVoltage.value
        r.chipC = info.chipTemperature.value
        r.powerW = info.power.value
        r.hashrateTHs = info.hashrate.terahashes
        r.fanRPM = info.fanSpeed?.value
        r.checks.append(.init(item: "readings", ok: true, detail: info.fanSpeed == nil
            ? "system/info has temp, power, hashRate, frequency, coreVoltage (no fanrpm: firmware too old to report the tach)"
            : "system/info has every field Hearth reads"))
        if info.overheatMode {
            r.checks.append(.init(item: "overheat", ok: false,
                                  detail: "the firmware is in overheat mode: it has cut the chip itself; cool it and clear it in AxeOS first"))
        }
        do {
            let asic = try await link.asicInfo()
            r.frequencyOptions = asic.frequencyOptions.map(\.value)
            r.voltageOptions = asic.voltageOptions.map(\.value)
            if let chip, chip.uppercased() != asic.asicModel.uppercased() {
                r.checks.append(.init(item: "chip", ok: false,
                                      detail: "the firmware runs a \(asic.asicModel), the board file a \(chip): give the right --board"))
            } else {
                r.checks.append(.init(item: "options", ok: true,
                                      detail: "\(asic.frequencyOptions.count) frequencies, \(asic.voltageOptions.count) core voltages"))
            }
            if let board {
                do {
                    let map = try AxeOSPointMap(board: board, asic: asic, peer: link.endpointDescription)
                    r.points = map.points.map { "\($0.name) ≈ \(formatted($0.power.value, decimals: 1)) W" }
                    r.can.append("choose frequency and core voltage together among \(map.points.count) points the firmware offers (\(map.points.first!.name) … \(map.points.last!.name))")
                } catch {
                    r.checks.append(.init(item: "points", ok: false, detail: "\(error)"))
                }
            }
        } catch {
            r.checks.append(.init(item: "options", ok: false, detail: "no /api/system/asic (\(error)): firmware too old to say its options"))
        }
        r.can.append("read chip temperature, power and hashrate\(info.fanSpeed != nil ? ", fan speed" : "")")
        r.can.append("pause and resume hashing (POST /api/system/pause, resume): the board stays up and answering")
        r.can.append("run the fan itself (autofanspeed 0, fanspeed) or leave it to the firmware's loop (temptarget)")
        r.cannot.append("keep others out: AxeOS has no password, only a network allow-list; put the board on a network only the Hearth host reaches")
        return r
    }
}
