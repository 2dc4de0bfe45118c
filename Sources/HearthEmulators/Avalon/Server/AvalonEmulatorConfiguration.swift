import HearthCGMinerAPI
import HearthCore
import HearthSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything an emulated stock Avalon is, apart from the hardware under it.
///
/// Control time (uptime, the recalibration after a setting change, soft off/on at a
/// given time, reboots) runs on `clock`, so a simulation can run a day faster than
/// real time; network timing (latency, stalls, the firmware's receive timeout) is wall
/// time, as the client sees it.
public struct AvalonEmulatorConfiguration: Sendable {
    public var model: AvalonModel
    /// The firmware's identity and per-setting parameters (from public replies; see `AvalonFirmwareProfile`).
    public var firmware: AvalonFirmwareProfile
    /// The setting the unit powers up in (the model's knob value).
    public var initialSetting: Int
    /// How long a work-mode (or Nano 3 work-level) change keeps the unit from hashing
    /// while it recalibrates (`ADJ[0]`, mode/level changes refused with 120).
    ///
    /// No public source gives the duration: the open Nano 3S firmware shows only that
    /// the unit refuses changes until `aging_finished` (`ADJ[1]`), and no owner report,
    /// pyasic or hass-miner thread, or Canaan page found in this project's research
    /// times it. 90 s is a conservative guess inside the 60–120 s a re-clocked hash
    /// board plausibly needs; `CALIALL[7]` on real units (every mode calibrated once)
    /// suggests later switches may be shorter, so a device that plans with 90 s errs
    /// on the side of fewer changes.
    public var recalibration: Seconds
    /// How long the unit is unreachable after `ascset|0,reboot,N` fires (control time).
    /// No public figure either; a K230 board booting Linux and cgminer: 60 s assumed.
    public var bootDuration: Seconds
    /// Control time now, monotonic. The default is the wall clock since the emulator was made.
    public var clock: @Sendable () -> Seconds
    /// The unit's unix time (`When`, soft off/on times) when `clock` reads zero. The
    /// default makes the unit's clock read the wall clock when the configuration is made,
    /// so a client that stamps `softoff,1:<now+5>` from its own clock (as pyasic does)
    /// is understood; in a simulation faster than real time the unit's clock runs ahead,
    /// so such stamps are already due. A device layer should rather take `When` from
    /// the unit's own replies: a real unit's clock may be off too.
    public var unixTimeAtClockZero: Int64
    /// Network behaviour at start; change it live with the emulator's setters.
    public var behaviour: AvalonBehaviour
    /// Seeds latency and drop draws.
    public var seed: UInt64
    /// The firmware's one `recv` waits this long for a request before it gives up (wall time).
    public var receiveTimeout: Duration
    /// How often the emulator applies due timed changes on its own (wall time), for
    /// real-time use; a simulation calls `AvalonEmulator.update()` every step as well.
    public var housekeepingInterval: Duration
    /// `inf`/`nan` printed bare as the firmware does (`MHS av` at zero uptime), or as 0.
    public var nonFinite: ReplyEncoder.NonFinite
    /// The pool the unit reports in `pools`, `summary` and `lcd` (the emulator mines nothing).
    public var poolURL: String
    public var poolUser: String
    /// Share difficulty the reported accepted shares are counted at.
    public var poolDifficulty: Double

    public init(model: AvalonModel, clock: (@Sendable () -> Seconds)? = nil) {
        self.model = model
        self.firmware = AvalonFirmwareProfile(model)
        self.initialSetting = model.profile.settings.first?.value ?? 0
        self.recalibration = Seconds(90)
        self.bootDuration = Seconds(60)
        let clock = clock ?? Self.wallClock()
        self.clock = clock
        self.unixTimeAtClockZero = Int64(time(nil)) - Int64(clock().value.rounded(.down))
        self.behaviour = AvalonBehaviour()
        self.seed = 1
        self.receiveTimeout = .seconds(10)
        self.housekeepingInterval = .milliseconds(50)
        self.nonFinite = .firmware
        self.poolURL = "stratum+tcp://pool.example.invalid:3333"
        self.poolUser = "hearth.emulated"
        self.poolDifficulty = 65_536
    }

    /// Seconds of wall time since the call, on the monotonic clock.
    public static func wallClock() -> @Sendable () -> Seconds {
        let start = ContinuousClock.now
        return { Seconds((ContinuousClock.now - start).seconds) }
    }
}
