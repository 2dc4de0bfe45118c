import HearthCGMinerAPI
import HearthCore
import Synchronization

/// The stock firmware around its state: one lock, one request at a time, and the
/// hardware kept in step with what the state wants (setting, fan, hashing). Thread
/// safe: the emulator's network thread and a simulation runner both call it.
/// Lock order: this lock, then the hardware's; the hardware never calls back.
final class AvalonFirmware: Sendable {
    private struct Applied: Equatable {
        var setting: Int
        var fan: AvalonFanControl
        var hashing: Bool
    }

    private struct Core {
        var state: AvalonFirmwareState
        var applied: Applied?
        var counters = AvalonEmulatorCounters()
    }

    let profile: AvalonFirmwareProfile
    private let hardware: any AvalonHardware
    private let clock: @Sendable () -> Seconds
    private let pool: AvalonPoolReport
    private let nonFinite: ReplyEncoder.NonFinite
    private let core: Mutex<Core>

    init(configuration c: AvalonEmulatorConfiguration, hardware: any AvalonHardware) {
        profile = c.firmware
        self.hardware = hardware
        clock = c.clock
        pool = AvalonPoolReport(url: c.poolURL, user: c.poolUser, difficulty: c.poolDifficulty)
        nonFinite = c.nonFinite
        let state = AvalonFirmwareState(profile: c.firmware, setting: c.initialSetting, recalibration: c.recalibration,
                                        bootDuration: c.bootDuration, unixTimeAtClockZero: c.unixTimeAtClockZero,
                                        now: c.clock())
        core = Mutex(Core(state: state))
        core.withLock { reconcile(&$0) }
    }

    /// Answers one request (the bytes of the firmware's one `recv`); `access` is what the
    /// client may do (`.read`: every write is refused with Code 45).
    func respond(to request: [UInt8], access: CGMinerAccess = .write) -> [UInt8] {
        core.withLock { core in
            let now = clock()
            advance(&core, to: now)
            let snapshot = hardware.snapshot()
            let outcome = AvalonCommandProcessor.respond(to: request, state: &core.state, snapshot: snapshot, now: now,
                                                         pool: pool, nonFinite: nonFinite, access: access)
            core.counters.record(outcome)
            reconcile(&core)
            return outcome.reply
        }
    }

    /// Applies the timed changes due now (end of recalibration, soft off/on at their
    /// time, reboots) and counts what was hashed. Returns whether the unit went down or
    /// came back up (the server then closes or opens its port).
    @discardableResult
    func update() -> Bool {
        core.withLock { core in
            let wasUp = core.state.isUp
            advance(&core, to: clock())
            reconcile(&core)
            return wasUp != core.state.isUp
        }
    }

    /// The unit stops at once and boots for `duration` (a crash or a power blip).
    func restart(unavailableFor duration: Seconds) {
        core.withLock { core in
            let now = clock()
            advance(&core, to: now)
            core.state.goDown(until: Seconds(now.value + duration.value), bootBy: 1)
            reconcile(&core)
        }
    }

    /// Switches the unit's mains (its smart plug). Returns whether that changed anything.
    @discardableResult
    func setMains(_ on: Bool) -> Bool {
        core.withLock { core in
            let now = clock()
            advance(&core, to: now)
            let was = core.state.unpowered
            core.state.setMains(on, at: now)
            reconcile(&core)
            return was != core.state.unpowered
        }
    }

    /// Whether the unit is up (not booting): the server listens only then.
    var isUp: Bool { core.withLock { $0.state.isUp } }

    var status: AvalonFirmwareStatus {
        core.withLock { core in
            let s = core.state
            return AvalonFirmwareStatus(setting: s.setting, workLevel: s.level, fan: s.fanControl, softOff: s.softOff,
                                        calibratingUntil: s.calibration?.end, rebootAt: s.rebootAt,
                                        downUntil: s.downUntil, powered: !s.unpowered, uptime: s.uptime(at: clock()),
                                        hashing: s.wantsHashing)
        }
    }

    var counters: AvalonEmulatorCounters { core.withLock { $0.counters } }

    /// Lets the server add its connection counts to the same record.
    func withCounters<T>(_ body: (inout AvalonEmulatorCounters) -> T) -> T {
        core.withLock { body(&$0.counters) }
    }

    private func advance(_ core: inout Core, to now: Seconds) {
        let rate = core.applied?.hashing == true ? hardware.snapshot().hashrate : .zero
        core.state.advance(to: now, hashrate: rate, difficulty: pool.difficulty)
    }

    /// Brings the hardware to what the state wants: stop first, then setting and fan, start last.
    private func reconcile(_ core: inout Core) {
        let want = Applied(setting: core.state.setting, fan: core.state.fanControl, hashing: core.state.wantsHashing)
        let had = core.applied
        guard had != want else { return }
        if had?.hashing != false, !want.hashing { hardware.setHashing(false) }
        if had?.setting != want.setting { hardware.setSetting(want.setting) }
        if had?.fan != want.fan { hardware.setFan(want.fan) }
        if had?.hashing != true, want.hashing { hardware.setHashing(true) }
        core.applied = want
    }
}
