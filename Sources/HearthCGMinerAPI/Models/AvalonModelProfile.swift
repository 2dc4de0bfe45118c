import HearthCore

/// What Hearth knows about one model's firmware: which `ascset` knob sets the heat,
/// its settings with names and approximate wall power, which options its firmware
/// lists, and what its estats line holds. docs/research/avalon-api.md has the sources;
/// `help` on the unit itself is always the authority for options.
public struct AvalonModelProfile: Sendable, Hashable {
    /// The `ascset` option that chooses the heat output.
    public enum HeatKnob: String, Sendable, Hashable {
        /// `0,workmode,set,N` (Nano 3S, Mini 3, Q).
        case workMode = "workmode"
        /// `0,worklevel,set,N` (Nano 3, whose estats has no WORKMODE).
        case workLevel = "worklevel"
    }

    /// One heat setting: the knob's value, its name on the unit and in the app, and
    /// the wall power Canaan publishes or units report (nil where nobody says).
    public struct Setting: Sendable, Hashable {
        public var value: Int
        public var name: String
        public var approximatePower: Watts?

        public init(_ value: Int, _ name: String, _ watts: Double?) {
            self.value = value
            self.name = name
            self.approximatePower = watts.map(Watts.init)
        }
    }

    public var model: AvalonModel
    public var name: String
    public var chips: Int
    public var heatKnob: HeatKnob
    public var settings: [Setting]
    /// Options its firmware is known to accept; nil when no `help` reply or source has been seen.
    public var knownOptions: Set<String>?
    /// Where `knownOptions` comes from.
    public var optionsSource: String
    /// The PS[…] element that is wall power in watts (nil: the estats line has none).
    public var wallPowerIndex: Int?
    /// Keys its estats line always holds; a reply without one of them is reported by name.
    public var estatsKeys: [String]
    /// The board file that simulates it (`boards/NAME.toml`), if there is one.
    public var boardFile: String?

    public func setting(_ value: Int) -> Setting? { settings.first { $0.value == value } }

    /// Soft off/on (`softoff`/`softon`) where the firmware is known to have it; nil when unknown.
    public var hasSoftOff: Bool? { knownOptions.map { $0.contains("softoff") && $0.contains("softon") } }
}

extension AvalonModel {
    public var profile: AvalonModelProfile {
        switch self {
        case .nano3s: AvalonModelProfile(
                model: .nano3s, name: "Avalon Nano 3S", chips: 12, heatKnob: .workMode,
                settings: [.init(0, "Low", 70), .init(1, "Mid", 100), .init(2, "High", 140)],
                knownOptions: AvalonOptions.nano3sOpenFirmware,
                optionsSource: "device_cmds in driver-avalon.c of the open Nano 3S firmware 25021401 (Canaan-Creative/Avalon_Nano3s)",
                wallPowerIndex: 6,
                estatsKeys: ["Ver", "ITemp", "OTemp", "TMax", "TAvg", "TarT", "Fan1", "FanR", "PS", "GHSspd", "GHSmm",
                             "GHSavg", "WORKMODE", "WORKLEVEL", "SoftOFF", "MPO", "SYSTEMSTATU"],
                boardFile: "avalon-nano3s")
        case .nano3: AvalonModelProfile(
                model: .nano3, name: "Avalon Nano 3", chips: 10, heatKnob: .workLevel,
                // MPO of each level from its ATA0/ATA1/ATA2 calibration records (60/90/125).
                settings: [.init(0, "Low", 60), .init(1, "Mid", 90), .init(2, "High", 125)],
                knownOptions: nil,
                optionsSource: "no help reply seen; pyasic sets its power with worklevel",
                // PS[5] follows MPO on two units (89 at MPO 90, 125 at MPO 125); PS[6] is not power.
                wallPowerIndex: 5,
                estatsKeys: ["Ver", "Temp", "OTemp", "TMax", "TAvg", "TarT", "Fan1", "FanR", "PS", "GHSspd", "GHSmm",
                             "GHSavg", "WORKLEVEL", "SoftOFF", "MPO"],
                boardFile: nil)
        case .mini3: AvalonModelProfile(
                model: .mini3, name: "Avalon Mini 3", chips: 66, heatKnob: .workMode,
                // Heater mode has its own levels (eco ~500 W, super ~650 W in boards/avalon-mini3.toml),
                // whose numbers no public reply shows yet.
                settings: [.init(0, "Heater", nil), .init(1, "Mining", 800), .init(2, "Night", 400)],
                knownOptions: AvalonOptions.mini3Documented,
                optionsSource: "Canaan's Mini 3 API page as quoted in issue 11; no help reply seen",
                wallPowerIndex: 6,
                estatsKeys: ["Ver", "ITemp", "OTemp", "HBTemp", "TMax", "TAvg", "TarT", "Fan1", "FanR", "PS", "GHSspd",
                             "GHSmm", "GHSavg", "WORKMODE", "WORKLEVEL", "SoftOFF", "MPO", "SYSTEMSTATU"],
                boardFile: "avalon-mini3")
        case .q: AvalonModelProfile(
                model: .q, name: "Avalon Q", chips: 160, heatKnob: .workMode,
                settings: [.init(0, "Eco", 800), .init(1, "Standard", 1300), .init(2, "Super", 1700)],
                knownOptions: AvalonOptions.qFirmware25052801,
                optionsSource: "ascset|0,help reply of Q firmware 25052801 (256foundation/asic-rs test data)",
                wallPowerIndex: 6,
                estatsKeys: ["Ver", "ITemp", "HBITemp", "HBOTemp", "TMax", "TAvg", "TarT", "Fan1", "Fan2", "Fan3", "Fan4",
                             "FanR", "PS", "GHSspd", "GHSmm", "GHSavg", "WORKMODE", "WORKLEVEL", "SoftOFF", "MPO",
                             "FanErr", "SYSTEMSTATU"],
                boardFile: "avalon-q")
        }
    }
}

/// `ascset` option lists as firmware reports or sources show them.
public enum AvalonOptions {
    public static let nano3sOpenFirmware: Set<String> = [
        "help", "voltage", "fan-spd", "ledmode", "ledset", "lcd", "nightlamp", "wallpaper", "hash-sn-read",
        "volt-adjust-switch", "workmode", "worklevel", "work_mode_lvl", "reboot", "filter-clean", "facopts",
        "faclock", "frequency", "loop", "password", "qr_auth",
    ]
    public static let qFirmware25052801: Set<String> = [
        "help", "voltage", "fan-spd", "lcd", "hash-sn-read", "hash-sn-write", "volt-tuning", "workmode", "worklevel",
        "work_mode_lvl", "reboot", "softon", "softoff", "filter-clean", "facopts", "faclock", "activate",
        "solo-allowed", "frequency", "loop", "password", "qr_auth", "time",
    ]
    public static let mini3Documented: Set<String> = [
        "help", "workmode", "worklevel", "fan-spd", "softoff", "softon", "reboot", "lcd",
    ]
}
