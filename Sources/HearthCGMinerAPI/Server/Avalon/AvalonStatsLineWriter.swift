import HearthCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the `MM ID0` telemetry line the way each model's firmware does: the keys
/// in the order real units print them (Nano 3S: the open firmware's
/// `avalon_api_stats`; Nano 3, Mini 3, Q: recorded lines, the Mini 3's tail after
/// `PCOMM_E` assumed to follow the Q's), with the values of the hardware snapshot and
/// the firmware reading. The Q wraps its line in `'STATS':{…}` and puts the per-chip
/// lists in a separate `HBinfo` field.
public struct AvalonStatsLineWriter: Sendable {
    public let profile: AvalonFirmwareProfile
    public let reading: AvalonUnitReading

    public init(profile: AvalonFirmwareProfile, reading: AvalonUnitReading) {
        self.profile = profile
        self.reading = reading
    }

    /// The `MM ID0` (Q: `MM ID0:Summary`) value.
    public var line: String {
        var pairs: [(String, String)]
        switch profile.model {
        case .nano3s: pairs = nano3s
        case .nano3: pairs = nano3
        case .mini3: pairs = mini3
        case .q: pairs = q
        }
        if reading.wallPowerKey, profile.model == .mini3 || profile.model == .q {
            pairs.append(("WALLPOWER", "\(int(reading.wallPower.value.rounded()))"))
        }
        let text = pairs.map { "\($0.0)[\($0.1)]" }.joined(separator: " ")
        return profile.model == .q ? "'STATS':{\(text)}" : text
    }

    /// The Q's `HBinfo` value: the hash board's per-chip lists.
    public var hashBoardInfo: String {
        "'HB0':{PVT_T0[\(chipTemperatures)] PVT_V0[\(chipVoltages)] MW0[\(chipWork)]}"
    }

    // MARK: - Per model

    private var nano3s: [(String, String)] {
        var p: [(String, String)] = [
            ("Ver", profile.versionTag), ("LVer", profile.firmwareVersion), ("BVer", profile.firmwareVersion),
            ("FW", "Release"), ("LED", "0-0"), ("LEDUser", "0-100-100-5-0-255"), ("LcdOnoff", "\(reading.lcdOn)"),
            ("LcdSwitch", "2"), ("DNA", profile.dna), ("MEMFREE", "63728"), ("PFCnt", "0"),
            ("NETFAIL", "0 0 0 0 0 0 0 0"), ("SYSTEMSTATU", systemStatus), ("Elapsed", "\(uptime)"),
            ("BOOTBY", bootBy), ("LW", "\(localWorks)"), ("MH", "0"), ("DHW", "0"), ("HW", "0"), ("DH", "2.374%"),
            ("ITemp", "\(inlet)"), ("OTemp", "\(int(reading.outlet.value))"), ("TMax", "\(hottest)"),
            ("TAvg", "\(average)"), ("TarT", "\(target)"), ("Fan1", fanRPM(0)), ("FanR", fanPercent),
            ("PS", powerSupply),
        ]
        p += rates + [
            ("MTmax", "\(hottest)"), ("MTavg", "\(average)"), ("TA", "\(profile.chipCount)"), ("Core", "A3197S"),
            ("BIN", "60"), ("PING", "78"), ("SoftOFF", "\(softOffReason)"), ("ECHU", "0"), ("ECMM", "0"),
            ("PLL0", "499 254 423 648"), ("SF0", setFrequencies), ("PVT_T0", chipTemperatures),
            ("PVT_V0", chipVoltages), ("MW0", chipWork), ("CRC", "0"), ("COMCRC", "0"),
            ("ATA\(reading.setting)", calibrationRecord(reading.setting)),
        ]
        return p + modeTail
    }

    private var nano3: [(String, String)] {
        var p: [(String, String)] = [
            ("HashStatus", "1"), ("Ver", profile.versionTag), ("HVer", "24071801_b906c52_6223725"),
            ("DNA", profile.dna), ("HDNA", "020100005581d5b5"), ("PFCnt", "0"), ("NETFAIL", "0 0 0 0 0 0 0 0"),
            ("Elapsed", "\(uptime)"), ("LW", "\(localWorks)"), ("MH", "0"), ("DHW", "0"), ("HW", "0"),
            ("DH", "2.374%"), ("Temp", "\(inlet)"), ("OTemp", "\(int(reading.outlet.value))"),
            ("TMax", "\(hottest)"), ("TAvg", "\(average)"), ("TarT", "\(target)"), ("Fan1", fanRPM(0)),
            ("FanR", fanPercent), ("Vo", "0"), ("PS", powerSupply),
        ]
        p += rates.prefix(6) + [
            ("Led", "1"), ("MGHS", ghs(averageRate)), ("MTmax", "\(hottest)"), ("MTavg", "\(average)"),
            ("TA", "\(profile.chipCount)"), ("Core", "A3198S"), ("PING", "125"), ("SoftOFF", "\(softOffReason)"),
            ("ECHU", "0"), ("ECMM", "0"), ("PLL0", "0 1151 229 390"), ("SF0", setFrequencies),
            ("PVT_T0", chipTemperatures), ("PVT_V0", chipVoltages), ("MW0", chipWork), ("CRC", "0"),
        ]
        // The Nano 3 prints every level's calibration record.
        for s in profile.settings { p.append(("ATA\(s.value)", calibrationRecord(s.value))) }
        p += [("WORKLEVEL", "\(reading.setting)"), ("MPO", "\(mpo)"), ("ADJ", reading.isCalibrating ? "0" : "1")]
        if reading.isCalibrating { p.append(("BAR", "\(reading.calibrationProgress)")) }
        return p
    }

    private var mini3: [(String, String)] {
        var p: [(String, String)] = [
            ("HashStatus", "0"), ("Ver", profile.versionTag), ("LVer", profile.firmwareVersion),
            ("BVer", profile.firmwareVersion), ("Mcu0Ver", "Mini3_hb_v1.0"), ("FW", "Release"), ("DNA", profile.dna),
            ("MEMFREE", "64584"), ("NETFAIL", "0 0 0 0 0 0 0 0"), ("SYSTEMSTATU", systemStatus),
            ("Elapsed", "\(uptime)"), ("BOOTBY", bootBy), ("LW", "\(localWorks)"), ("MH", "0"), ("DHW", "0"),
            ("HW", "0"), ("DH", "1.768%"), ("ITemp", "\(inlet)"), ("OTemp", "\(int(reading.outlet.value))"),
            ("HBTemp", "\(hashBoardTemperature)"), ("TMax", "\(hottest)"), ("TAvg", "\(average)"),
            ("TarT", "\(target)"), ("Fan1", fanRPM(0)), ("FanR", fanPercent), ("PS", powerSupply), ("PCOMM_E", "0"),
        ]
        p += rates + [
            ("MTmax", "\(hottest)"), ("MTavg", "\(average)"), ("TA", "\(profile.chipCount)"), ("Core", "A3197S"),
            ("BIN", "36"), ("PING", "20"), ("SoftOFF", "\(softOffReason)"), ("ECHU", "0"), ("ECMM", "0"),
            ("PLL0", "8843 5769 5098 4610"), ("SF0", setFrequencies), ("PVT_T0", chipTemperatures),
            ("PVT_V0", chipVoltages), ("MW0", chipWork), ("CRC", "0"), ("COMCRC", "0"),
            ("ATA\(reading.setting)", calibrationRecord(reading.setting)),
        ]
        return p + modeTail
    }

    private var q: [(String, String)] {
        let stateCode = !reading.isUp || reading.isCalibrating ? 0 : (reading.softOff ? 2 : 1)
        var p: [(String, String)] = [
            ("Ver", profile.versionTag), ("LVer", profile.firmwareVersion), ("BVer", profile.firmwareVersion),
            ("HashMcu0Ver", "Q_hb_v1.1"), ("FanMcuVer", "Q_fb_v1.2"), ("CPU", "K230"), ("FW", "Release"),
            ("DNA", profile.dna), ("STATE", "\(stateCode)"), ("MEMFREE", "67892"), ("NETFAIL", "0 0 0 0 0 0 0 0"),
            ("SSID", ""), ("RSSI", "0"), ("NetDevType", "0"), ("SYSTEMSTATU", systemStatus),
            ("Elapsed", "\(uptime)"), ("BOOTBY", bootBy), ("LW", "\(localWorks)"), ("MH", "0"), ("DHW", "0"),
            ("HW", "0"), ("DH", "2.449%"), ("ITemp", "\(inlet)"), ("HBITemp", "\(int(reading.inlet.value + 1))"),
            ("HBOTemp", "\(int(reading.outlet.value))"),
            // The idle Q prints 0 for its chips (recorded: SoftOFF[4] TMax[0] TAvg[0]).
            ("TMax", reading.softOff ? "0" : "\(hottest)"), ("TAvg", reading.softOff ? "0" : "\(average)"),
            ("TarT", "\(target)"),
        ]
        for i in 0..<profile.fanCount { p.append(("Fan\(i + 1)", fanRPM(i))) }
        p += [
            ("FanR", fanPercent), ("SoftOffTime", "\(reading.lastSoftOff)"), ("SoftOnTime", "\(reading.lastSoftOn)"),
            ("Filter", "19143"), ("FanErr", "0"), ("SoloAllowed", "1"), ("PS", powerSupply), ("PCOMM_E", "0"),
        ]
        p += rates + [
            ("TA", "\(profile.chipCount)"), ("Core", "A3197S"), ("BIN", "36"), ("PING", "17"),
            ("SoftOFF", "\(softOffReason)"), ("ECHU", "0"), ("ECMM", "0"), ("PLL0", "8843 5769 5098 4610"),
            ("SF0", setFrequencies), ("CRC", "0"), ("COMCRC", "0"),
            ("ATA\(reading.setting)", calibrationRecord(reading.setting)), ("LcdOnoff", "\(reading.lcdOn)"),
            ("Activation", "0"),
        ]
        return p + modeTail + [("Nonce Mask", "25")]
    }

    /// `WORKMODE WORKLEVEL MPO CALIALL ADJ [BAR]`, as `avalon_api_stats` ends.
    private var modeTail: [(String, String)] {
        var p: [(String, String)] = [
            ("WORKMODE", "\(reading.setting)"), ("WORKLEVEL", "\(reading.level)"), ("MPO", "\(mpo)"), ("CALIALL", "7"),
            ("ADJ", reading.isCalibrating ? "0" : "1"),
        ]
        if reading.isCalibrating { p.append(("BAR", "\(reading.calibrationProgress)")) }
        return p
    }

    // MARK: - Values

    /// `GHSspd DHspd GHSmm GHSavg WU Freq MGHS`.
    private var rates: [(String, String)] {
        [("GHSspd", ghs(reading.hashrate.value)), ("DHspd", reading.hashing ? "2.374%" : "0.000%"),
         ("GHSmm", ghs(reading.nominalHashrate.value)), ("GHSavg", ghs(averageRate)),
         ("WU", FirmwareNumberFormat.fixed(averageRate / 4_294_967_296 * 60, digits: 2)),
         ("Freq", FirmwareNumberFormat.fixed(reading.frequency.value, digits: 2)), ("MGHS", ghs(averageRate))]
    }

    private var uptime: Int { Int(reading.uptime.value) }
    private var averageRate: Double { uptime > 0 ? reading.totalHashes / Double(uptime) : 0 }
    private var localWorks: Int64 { Int64(reading.totalHashes / 4_294_967_296 / Double(max(profile.chipCount, 1))) }
    private var hottest: Int { int(reading.hottestChip.value) }
    private var average: Int { int(reading.averageChip.value) }
    private var target: Int { int(reading.targetTemperature.value) }
    private var mpo: Int { int(reading.maxPower.value) }
    /// `-273`: the firmware's "no such sensor" (the Nano 3S has no inlet sensor).
    private var inlet: Int { profile.hasInletSensor ? int(reading.inlet.value) : -273 }
    private var hashBoardTemperature: Int {
        int(reading.inlet.value + 0.83 * (reading.averageChip.value - reading.inlet.value))
    }
    private var fanPercent: String { "\(int(reading.fanDuty.percent.rounded()))%" }
    private var softOffReason: Int { reading.softOff ? profile.softOffReason : 0 }
    private var bootBy: String { "0x\(reading.bootBy < 16 ? "0" : "")\(String(reading.bootBy, radix: 16, uppercase: true)).00000000" }

    /// The firmware's four states; while recalibrating the unit reports `In Init` (no
    /// recorded line shows a calibrating unit: assumed, as its hash board restarts).
    private var systemStatus: String {
        let work = reading.isCalibrating || !reading.isUp ? "In Init" : (reading.softOff ? "In Idle" : "In Work")
        return "Work: \(work), Hash Board: 1"
    }

    private func fanRPM(_ index: Int) -> String {
        let rpm = index < reading.fanSpeeds.count ? reading.fanSpeeds[index].value : (reading.fanSpeeds.first?.value ?? 0)
        return "\(int(rpm))"
    }

    private var powerSupply: String {
        var ps = profile.powerSupplyTemplate
        if profile.wallPowerIndex < ps.count { ps[profile.wallPowerIndex] = int(reading.wallPower.value.rounded()) }
        return ps.map(String.init).joined(separator: " ")
    }

    /// The empty record `ATA2[]` while calibrating, as `avalon_api_stats` prints it.
    private func calibrationRecord(_ setting: Int) -> String {
        if reading.isCalibrating && setting == reading.setting { return "" }
        return profile.parameters(for: setting).calibration
    }

    /// The four PLL targets around the average clock (`SF0[432 450 471 492]` at 465 MHz).
    private var setFrequencies: String {
        let f = reading.frequency.value
        return [f - 33, f - 15, f + 6, f + 27].map { "\(max(0, int($0)))" }.joined(separator: " ")
    }

    /// Each chip around the average, the hottest exactly at `TMax` (`%3d `, as printed).
    private var chipTemperatures: String {
        let n = max(profile.chipCount, 1)
        let avg = reading.averageChip.value, spread = reading.hottestChip.value - avg
        return (0..<n).map { i in
            let t = int((avg + spread * cos(2 * Double.pi * Double(i) / Double(n))).rounded())
            let s = String(t)
            return String(repeating: " ", count: max(0, 3 - s.count)) + s
        }.joined(separator: " ")
    }

    private var chipVoltages: String {
        (0..<max(profile.chipCount, 1)).map { "\(300 + ($0 * 7) % 9 - 4)" }.joined(separator: " ")
    }

    private var chipWork: String {
        let per = localWorks / Int64(10)
        return (0..<max(profile.chipCount, 1)).map { "\(per + Int64(($0 * 13) % 17))" }.joined(separator: " ")
    }

    private func ghs(_ hashesPerSecond: Double) -> String { FirmwareNumberFormat.fixed(hashesPerSecond / 1e9, digits: 2) }

    /// C's `(int)` cast: towards zero.
    private func int(_ x: Double) -> Int { x.isFinite ? Int(x.rounded(.towardZero)) : 0 }
}
