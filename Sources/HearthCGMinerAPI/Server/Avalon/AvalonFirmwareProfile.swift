import HearthCore
import HearthSupport

/// What one model's stock firmware says about itself and how it runs each setting:
/// the `version` record, the `Ver[…]` tag, the `help` option list in the firmware's
/// order, the device record's ID, and per setting the chip target (`TarT`), power
/// cap (`MPO`) and calibration record (`ATA<n>`).
///
/// Sources (docs/research/avalon-api.md has the full list): the open Nano 3S firmware
/// (`driver-avalon.c`: option table, estats order, messages), recorded replies of a
/// Nano 3S (LW10583, miner-sentinel), Nano 3 (miner-sentinel #16), Mini 3 (pyasic #312)
/// and Q (asic-rs test data, pyasic #350). Values no source shows are marked
/// *assumed* where they are set. DNA and MAC are invented (no real unit's serials).
public struct AvalonFirmwareProfile: Sendable, Hashable {
    /// How a setting runs once calibrated: what `TarT`, `MPO` and `ATA<n>` report.
    public struct SettingParameters: Sendable, Hashable {
        public var value: Int
        /// `TarT`: the average chip temperature the firmware's fan loop holds.
        public var targetTemperature: Celsius
        /// `MPO`: the power the setting may draw.
        public var maxPower: Watts
        /// `ATA<n>`'s text: `MPO-TarT-voltage-PLL start-PLL step` (the Nano 3 lists its PLLs).
        public var calibration: String

        public init(value: Int, targetTemperature: Celsius, maxPower: Watts, calibration: String) {
            self.value = value
            self.targetTemperature = targetTemperature
            self.maxPower = maxPower
            self.calibration = calibration
        }
    }

    public var model: AvalonModel
    /// The `VERSION` record, in the firmware's key order.
    public var version: JSONObject
    /// `Ver[…]` of the estats line: model and firmware, e.g. `Nano3s-25021401_56abae7`.
    public var versionTag: String
    public var firmwareVersion: String
    /// `ascset|0,help`'s list, in the firmware's order.
    public var options: [String]
    /// `ID` of the device record in `stats`/`estats` (`AVALON0`; the Nano 3's driver says `AVANANO0`).
    public var deviceID: String
    public var settings: [SettingParameters]
    /// Work levels `worklevel,set` accepts on a work-mode model (the Nano 3's levels are its settings).
    public var levelRange: ClosedRange<Int>
    public var fanCount: Int
    public var chipCount: Int
    /// The Nano 3S has no inlet sensor and prints `ITemp[-273]`.
    public var hasInletSensor: Bool
    /// `PS[…]` as a unit reports it; the wall-power element is replaced by the reading.
    public var powerSupplyTemplate: [Int]
    public var wallPowerIndex: Int
    /// `SoftOFF[…]` while soft-off: the idle Q reports 4.
    public var softOffReason: Int
    public var dna: String
    public var mac: String

    public func parameters(for setting: Int) -> SettingParameters {
        settings.first { $0.value == setting } ?? settings[0]
    }

    public var hasSoftOff: Bool { options.contains("softoff") && options.contains("softon") }

    /// The model's knob: `workmode` or `worklevel`.
    public var knob: AvalonModelProfile.HeatKnob { model.profile.heatKnob }

    public init(_ model: AvalonModel) {
        self.model = model
        switch model {
        case .nano3s:
            let fw = "25021401_56abae7"
            version = Self.version(prod: "Avalon Nano3s", model: "Nano3s", hw: "N_MM1v1_X1", fw: fw,
                                   extra: [], dna: "0201000048e4a001", mac: "e0e1a9000001", upapi: true)
            versionTag = "Nano3s-\(fw)"
            firmwareVersion = fw
            options = Self.nano3sOptions
            deviceID = "AVALON0"
            // High: ATA2[133-90-3756-432-20] MPO[133] TarT[90] from a real unit; Low and Mid
            // take the Nano 3's 80/85 °C targets (its ATA0/ATA1) and Canaan's 70/100 W (assumed).
            settings = [
                .init(value: 0, targetTemperature: Celsius(80), maxPower: Watts(70), calibration: "70-80-3228-209-20"),
                .init(value: 1, targetTemperature: Celsius(85), maxPower: Watts(100), calibration: "100-85-3456-314-20"),
                .init(value: 2, targetTemperature: Celsius(90), maxPower: Watts(133), calibration: "133-90-3756-432-20"),
            ]
            levelRange = 0...0
            fanCount = 1
            chipCount = 12
            hasInletSensor = false
            powerSupplyTemplate = [0, 0, 27541, 4, 0, 3756, 133]
            wallPowerIndex = 6
            softOffReason = 4
            dna = "0201000048e4a001"
            mac = "e0e1a9000001"
        case .nano3:
            let fw = "24071801_42c628d"
            // HWTYPE assumed by analogy with the Nano 3S; PROD/MODEL as pyasic's factory reads them.
            version = Self.version(prod: "AvalonNano", model: "Nano3", hw: "N_MM1v1_X1", fw: fw, extra: [],
                                   dna: "0201000048e4a002", mac: "e0e1a9000002", upapi: true)
            versionTag = "nano3-\(fw)"
            firmwareVersion = fw
            // No Nano 3 help reply is public: the Nano 3S table without its work-mode options (assumed).
            options = Self.nano3sOptions.filter { $0 != "workmode" && $0 != "work_mode_lvl" }
            deviceID = "AVANANO0"
            // ATA0/1/2 of a real unit: 60/90/125 W at 80/85/90 °C.
            settings = [
                .init(value: 0, targetTemperature: Celsius(80), maxPower: Watts(60), calibration: "60-80-310-100:293:313:333"),
                .init(value: 1, targetTemperature: Celsius(85), maxPower: Watts(90), calibration: "90-85-324-100:441:461:481"),
                .init(value: 2, targetTemperature: Celsius(90), maxPower: Watts(125), calibration: "125-90-344-100:568:588:608"),
            ]
            levelRange = 0...2
            fanCount = 1
            chipCount = 10
            hasInletSensor = true
            powerSupplyTemplate = [0, 0, 0, 3, 2792, 89, 324]
            wallPowerIndex = 5
            softOffReason = 4
            dna = "0000000000000000"
            mac = "e0e1a9000002"
        case .mini3:
            let fw = "25011701_3f53b19"
            version = Self.version(prod: "Avalon Mini3", model: "Mini3", hw: "M_MM1v1_X1", fw: fw,
                                   extra: [("MCUVERSION", "Mini3_hb_v1.0")], dna: "0201000048e4a003",
                                   mac: "e0e1a9000003", upapi: false)
            versionTag = "Mini3-\(fw)"
            firmwareVersion = fw
            // No Mini 3 help reply is public; Canaan documents softoff/softon for it, and its
            // firmware is the Q's generation (MM319, 2025): the Q's list (assumed).
            options = Self.qOptions
            deviceID = "AVALON0"
            // TarT[75] seen at 824 W; every mode assumed alike. Heater mode at its eco level (500 W).
            settings = [
                .init(value: 0, targetTemperature: Celsius(75), maxPower: Watts(500), calibration: "500-75-2083-317-20"),
                .init(value: 1, targetTemperature: Celsius(75), maxPower: Watts(800), calibration: "800-75-2226-475-20"),
                .init(value: 2, targetTemperature: Celsius(75), maxPower: Watts(400), calibration: "400-75-1939-254-20"),
            ]
            levelRange = 0...0
            fanCount = 1
            chipCount = 66
            hasInletSensor = true
            powerSupplyTemplate = [0, 1210, 2083, 37, 760, 2085, 824]
            wallPowerIndex = 6
            softOffReason = 4
            dna = "0201000048e4a003"
            mac = "e0e1a9000003"
        case .q:
            let fw = "25052801_14a19a2"
            version = Self.version(prod: "Avalon Q", model: "Q", hw: "Q_MM1v1_X1", fw: fw,
                                   extra: [("HBMCUVERSION", "Q_hb_v1.1"), ("FANMCUVERSION", "Q_fb_v1.2")],
                                   dna: "0201000048e4a004", mac: "e0e1a9000004", upapi: false)
            versionTag = "Q-\(fw)"
            firmwareVersion = fw
            options = Self.qOptions
            deviceID = "AVALON0"
            // Eco: ATA0[800-65-2264-258-20] TarT[65] from a real unit; Standard and Super assumed alike.
            settings = [
                .init(value: 0, targetTemperature: Celsius(65), maxPower: Watts(800), calibration: "800-65-2264-258-20"),
                .init(value: 1, targetTemperature: Celsius(65), maxPower: Watts(1300), calibration: "1300-65-2424-395-20"),
                .init(value: 2, targetTemperature: Celsius(65), maxPower: Watts(1700), calibration: "1700-65-2536-471-20"),
            ]
            levelRange = 0...0
            fanCount = 4
            chipCount = 160
            hasInletSensor = true
            powerSupplyTemplate = [0, 1222, 4, 0, 0, 2245, 146]
            wallPowerIndex = 6
            softOffReason = 4
            dna = "0201000048e4a004"
            mac = "e0e1a9000004"
        }
    }

    /// `device_cmds` of the open Nano 3S firmware, in its order.
    static let nano3sOptions = [
        "help", "voltage", "fan-spd", "ledmode", "ledset", "lcd", "nightlamp", "wallpaper", "hash-sn-read",
        "volt-adjust-switch", "workmode", "worklevel", "work_mode_lvl", "reboot", "filter-clean", "facopts",
        "faclock", "frequency", "loop", "password", "qr_auth",
    ]
    /// The Q 25052801's help reply (asic-rs test data), in its order.
    static let qOptions = [
        "help", "voltage", "fan-spd", "lcd", "hash-sn-read", "hash-sn-write", "volt-tuning", "workmode", "worklevel",
        "work_mode_lvl", "reboot", "softon", "softoff", "filter-clean", "facopts", "faclock", "activate",
        "solo-allowed", "frequency", "loop", "password", "qr_auth", "time",
    ]

    private static func version(prod: String, model: String, hw: String, fw: String, extra: [(String, String)],
                                dna: String, mac: String, upapi: Bool) -> JSONObject
    {
        var record: JSONObject = [
            ("CGMiner", .string("4.11.1")), ("API", .string("3.7")), ("PROD", .string(prod)), ("MODEL", .string(model)),
            ("HWTYPE", .string(hw)), ("SWTYPE", .string("MM319")), ("LVERSION", .string(fw)),
            ("BVERSION", .string(fw)), ("CGVERSION", .string(fw)),
        ]
        for (key, value) in extra { record[key] = .string(value) }
        record["DNA"] = .string(dna)
        record["MAC"] = .string(mac)
        if upapi { record["UPAPI"] = .string("2") }
        return record
    }
}
