import HearthCGMinerAPI
import HearthCore

/// The stock firmware's state, as a value: the setting, the fan, soft off/on, the
/// recalibration after a change, reboots, and what it has hashed since it booted.
/// Timed changes happen in `advance(to:)`; commands change it through `AvalonAscset`.
/// No I/O and no clock of its own, so every rule is tested without a socket.
struct AvalonFirmwareState: Sendable {
    let profile: AvalonFirmwareProfile
    let recalibration: Seconds
    let bootDuration: Seconds
    /// Unix time at control time zero: `When`, and the times soft off/on are given in.
    let unixTimeAtClockZero: Int64

    /// The knob's value: work mode (Nano 3S, Mini 3, Q) or work level (Nano 3).
    var setting: Int
    /// `WORKLEVEL` on a work-mode model.
    var level = 0
    /// `fan-spd`: nil is the firmware's own loop (-1).
    var fanPercent: Int?
    var softOff = false
    var scheduledSoftOff: Int64?
    var scheduledSoftOn: Int64?
    /// `SoftOffTime`/`SoftOnTime` (Q): when the last soft off/on took effect.
    var lastSoftOff: Int64 = 0
    var lastSoftOn: Int64 = 0
    /// While set, the unit recalibrates: no hashing, `ADJ[0]`, mode/level changes refused.
    var calibration: (start: Seconds, end: Seconds)?
    var rebootAt: Seconds?
    /// While set, the unit is down (booting): it refuses connections.
    var downUntil: Seconds?
    /// Its mains is off (a smart plug): down until power returns, then it boots.
    var unpowered = false
    var bootedAt: Seconds
    /// `BOOTBY`: 1 power-on, 5 API (a10 log codes).
    var bootBy = 1
    var lcdOn = 1

    /// Hashes since boot and the firmware's rolling rates (H/s), integrated in `advance`.
    var totalHashes = 0.0
    var rolling5s = 0.0
    var rolling1m = 0.0
    var rolling5m = 0.0
    var rolling15m = 0.0
    var lastAccounted: Seconds
    var lastShareUnix: Int64 = 0
    var sharesSeen: Int64 = 0

    init(profile: AvalonFirmwareProfile, setting: Int, recalibration: Seconds, bootDuration: Seconds,
         unixTimeAtClockZero: Int64, now: Seconds)
    {
        self.profile = profile
        self.setting = setting
        self.recalibration = recalibration
        self.bootDuration = bootDuration
        self.unixTimeAtClockZero = unixTimeAtClockZero
        self.bootedAt = now
        self.lastAccounted = now
    }

    var isUp: Bool { downUntil == nil && !unpowered }
    var isCalibrating: Bool { calibration != nil }
    /// What the chips should do: hash only when up, calibrated and not soft-off.
    var wantsHashing: Bool { isUp && !softOff && !isCalibrating }
    var parameters: AvalonFirmwareProfile.SettingParameters { profile.parameters(for: setting) }

    var fanControl: AvalonFanControl {
        if unpowered { return .off }
        return fanPercent.map { .fixed(percent: $0) } ?? .auto(target: parameters.targetTemperature)
    }

    func unixTime(_ t: Seconds) -> Int64 { unixTimeAtClockZero + Int64(t.value.rounded(.down)) }

    func uptime(at now: Seconds) -> Seconds { Seconds(max(0, now.value - bootedAt.value)) }

    /// Calibration progress in percent (`BAR[…]`).
    func calibrationProgress(at now: Seconds) -> Int {
        guard let c = calibration, c.end.value > c.start.value else { return 100 }
        return Int((100 * (now.value - c.start.value) / (c.end.value - c.start.value)).clamped(to: 0...99))
    }

    /// Counts what was hashed since the last call at `hashrate`, then applies the timed
    /// changes due by `now`.
    mutating func advance(to now: Seconds, hashrate: HashRate, difficulty: Double) {
        let dt = max(0, now.value - lastAccounted.value)
        lastAccounted = Seconds(max(now.value, lastAccounted.value))
        if dt > 0, isUp {
            let rate = hashrate.value
            totalHashes += rate * dt
            for (tau, keyPath) in [(5.0, \Self.rolling5s), (60, \Self.rolling1m), (300, \Self.rolling5m),
                                   (900, \Self.rolling15m)] as [(Double, WritableKeyPath<Self, Double>)]
            {
                let alpha = 1 - avalonExp(-dt / tau)
                self[keyPath: keyPath] += (rate - self[keyPath: keyPath]) * alpha
            }
            let shares = acceptedShares(difficulty: difficulty)
            if shares > sharesSeen {
                sharesSeen = shares
                lastShareUnix = unixTime(now)
            }
        }
        applyDueChanges(at: now)
    }

    /// Applies every timed change due by `now`, in time order.
    mutating func applyDueChanges(at now: Seconds) {
        // Bounded: each pass clears at least one pending change.
        for _ in 0..<8 {
            guard let (time, change) = nextChange(), time.value <= now.value else { break }
            apply(change, at: time)
        }
    }

    /// Shares of `difficulty` the hashes so far would have found.
    func acceptedShares(difficulty: Double) -> Int64 {
        guard difficulty > 0 else { return 0 }
        return Int64((totalHashes / (difficulty * 4_294_967_296)).rounded(.down))
    }

    private enum Change { case calibrated, softOff, softOn, reboot, booted }

    private func nextChange() -> (Seconds, Change)? {
        var candidates: [(Seconds, Change)] = []
        if let c = calibration { candidates.append((c.end, .calibrated)) }
        if let t = scheduledSoftOff { candidates.append((controlTime(unix: t), .softOff)) }
        if let t = scheduledSoftOn { candidates.append((controlTime(unix: t), .softOn)) }
        if let t = rebootAt { candidates.append((t, .reboot)) }
        if let t = downUntil { candidates.append((t, .booted)) }
        return candidates.min { $0.0.value < $1.0.value }
    }

    private func controlTime(unix: Int64) -> Seconds { Seconds(Double(unix - unixTimeAtClockZero)) }

    private mutating func apply(_ change: Change, at time: Seconds) {
        switch change {
        case .calibrated:
            calibration = nil
        case .softOff:
            scheduledSoftOff = nil
            softOff = true
            lastSoftOff = unixTime(time)
        case .softOn:
            scheduledSoftOn = nil
            softOff = false
            lastSoftOn = unixTime(time)
        case .reboot:
            rebootAt = nil
            goDown(until: Seconds(time.value + bootDuration.value), bootBy: 5)
        case .booted:
            bootedAt = downUntil ?? time
            lastAccounted = bootedAt
            downUntil = nil
        }
    }

    /// The unit stops (reboot, crash): down until `until`, and when it comes back it
    /// hashes in the setting it had (the Q returns to its mode even if it was soft-off).
    mutating func goDown(until: Seconds, bootBy code: Int) {
        downUntil = until
        bootBy = code
        softOff = false
        scheduledSoftOff = nil
        scheduledSoftOn = nil
        calibration = nil
        rebootAt = nil
        totalHashes = 0
        sharesSeen = 0
        rolling5s = 0
        rolling1m = 0
        rolling5m = 0
        rolling15m = 0
    }

    /// Mains off: everything stops and is forgotten but the setting and fan choice; mains
    /// on: the unit boots for `bootDuration` and then hashes in its setting again.
    mutating func setMains(_ on: Bool, at now: Seconds) {
        if !on, !unpowered {
            goDown(until: now, bootBy: 1)
            downUntil = nil
            unpowered = true
        } else if on, unpowered {
            unpowered = false
            goDown(until: Seconds(now.value + bootDuration.value), bootBy: 1)
        }
    }

    /// A new setting: the hash board restarts and recalibrates before it hashes again.
    mutating func change(setting newSetting: Int, level newLevel: Int, at now: Seconds) {
        setting = newSetting
        level = newLevel
        calibration = (now, Seconds(now.value + recalibration.value))
    }
}
