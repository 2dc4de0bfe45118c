import HearthCore

/// One pool as a unit's `pools` reply lists it (no password: the firmware never shows one).
public struct AvalonPoolReport: Sendable, Hashable {
    public var url: String
    public var user: String
    public var difficulty: Double
    /// `Status`: `Alive` or `Dead`.
    public var alive: Bool
    /// `Stratum Active`: the pool the unit mines on now.
    public var active: Bool
    /// `Status` says `Disabled` (a pool a person switched off with `disablepool`).
    public var disabled: Bool
    public var accepted: Int64
    public var rejected: Int64
    public var lastShareUnix: Int64

    public init(url: String, user: String, difficulty: Double, alive: Bool = true, active: Bool = true,
                disabled: Bool = false, accepted: Int64 = 0, rejected: Int64 = 0, lastShareUnix: Int64 = 0)
    {
        self.url = url
        self.user = user
        self.difficulty = difficulty
        self.alive = alive
        self.active = active
        self.disabled = disabled
        self.accepted = accepted
        self.rejected = rejected
        self.lastShareUnix = lastShareUnix
    }
}

/// Everything an Avalon home unit's replies show at one moment: the chips, air, fans
/// and power (its hardware), and the firmware's own state (setting, soft off,
/// uptime, counters). The emulator fills it from its firmware model; Hearth's own
/// cgminer-style server fills it from the daemon's status, so both answer with the
/// same reply shapes (`AvalonReplyBuilder`).
public struct AvalonUnitReading: Sendable {
    // MARK: Hardware
    /// `TMax`: the hottest chip.
    public var hottestChip: Celsius
    /// `TAvg`: the chips' average.
    public var averageChip: Celsius
    /// `ITemp`: air at the inlet.
    public var inlet: Celsius
    /// `OTemp`: air leaving the heatsink.
    public var outlet: Celsius
    /// `Fan1`…`FanN`.
    public var fanSpeeds: [RPM]
    /// `FanR`.
    public var fanDuty: DutyCycle
    /// `PS[6]` (`PS[5]` on the Nano 3): wall power.
    public var wallPower: Watts
    /// `GHSspd`: what the chips hash now.
    public var hashrate: HashRate
    /// `GHSmm`: what the chips should give at their clocks.
    public var nominalHashrate: HashRate
    /// `Freq`.
    public var frequency: Megahertz
    public var hashing: Bool

    // MARK: Firmware
    /// Seconds since boot (`Elapsed`).
    public var uptime: Seconds
    /// `When` of every STATUS: the unit's clock, Unix seconds.
    public var unixTime: Int64
    /// Hashes done since boot (averages are this over `uptime`).
    public var totalHashes: Double
    /// The firmware's rolling averages, hashes per second (`MHS 5s`, `1m`, `5m`, `15m`).
    public var rolling5s: Double
    public var rolling1m: Double
    public var rolling5m: Double
    public var rolling15m: Double
    public var isUp: Bool
    public var isCalibrating: Bool
    /// `BAR[…]` while calibrating, percent.
    public var calibrationProgress: Int
    public var softOff: Bool
    public var lastSoftOff: Int64
    public var lastSoftOn: Int64
    /// `WORKMODE` (the Nano 3's `WORKLEVEL`): the setting the unit runs.
    public var setting: Int
    /// `WORKLEVEL` of a work-mode model.
    public var level: Int
    /// `TarT`.
    public var targetTemperature: Celsius
    /// `MPO`: the power the setting may draw.
    public var maxPower: Watts
    public var lcdOn: Int
    public var bootBy: Int
    /// Shares accepted since boot, over every pool.
    public var acceptedShares: Int64
    public var lastShareUnix: Int64
    /// The unit's pools in priority order; the first is the one its summary counts in.
    public var pools: [AvalonPoolReport]
    /// Add `WALLPOWER[w]` to the Mini 3's and the Q's line. Their firmware has no such
    /// key (their watts are in `PS[6]`), but pyasic reads these models' power only from
    /// it; Hearth's own server adds it, the emulator does not.
    public var wallPowerKey: Bool

    public init(hottestChip: Celsius, averageChip: Celsius, inlet: Celsius, outlet: Celsius, fanSpeeds: [RPM],
                fanDuty: DutyCycle, wallPower: Watts, hashrate: HashRate, nominalHashrate: HashRate,
                frequency: Megahertz, hashing: Bool, uptime: Seconds, unixTime: Int64, totalHashes: Double,
                rolling5s: Double, rolling1m: Double, rolling5m: Double, rolling15m: Double, isUp: Bool = true,
                isCalibrating: Bool = false, calibrationProgress: Int = 0, softOff: Bool, lastSoftOff: Int64 = 0,
                lastSoftOn: Int64 = 0, setting: Int, level: Int, targetTemperature: Celsius, maxPower: Watts,
                lcdOn: Int = 1, bootBy: Int = 1, acceptedShares: Int64, lastShareUnix: Int64,
                pools: [AvalonPoolReport], wallPowerKey: Bool = false)
    {
        self.hottestChip = hottestChip
        self.averageChip = averageChip
        self.inlet = inlet
        self.outlet = outlet
        self.fanSpeeds = fanSpeeds
        self.fanDuty = fanDuty
        self.wallPower = wallPower
        self.hashrate = hashrate
        self.nominalHashrate = nominalHashrate
        self.frequency = frequency
        self.hashing = hashing
        self.uptime = uptime
        self.unixTime = unixTime
        self.totalHashes = totalHashes
        self.rolling5s = rolling5s
        self.rolling1m = rolling1m
        self.rolling5m = rolling5m
        self.rolling15m = rolling15m
        self.isUp = isUp
        self.isCalibrating = isCalibrating
        self.calibrationProgress = calibrationProgress
        self.softOff = softOff
        self.lastSoftOff = lastSoftOff
        self.lastSoftOn = lastSoftOn
        self.setting = setting
        self.level = level
        self.targetTemperature = targetTemperature
        self.maxPower = maxPower
        self.lcdOn = lcdOn
        self.bootBy = bootBy
        self.acceptedShares = acceptedShares
        self.lastShareUnix = lastShareUnix
        self.pools = pools
        self.wallPowerKey = wallPowerKey
    }

    /// The difficulty the summary's counters are in: the first pool's (1 with none).
    public var difficulty: Double { pools.first?.difficulty ?? 1 }
}
