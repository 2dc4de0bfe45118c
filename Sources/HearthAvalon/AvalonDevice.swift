import HearthCGMinerAPI
import HearthCore
import HearthHAL
import HearthSupport
import Synchronization

/// A stock Avalon steered over its own API, as a `HeaterMiner`.
///
/// Every call blocks on the network, so it belongs behind `BackgroundDevice`, whose
/// worker is the only caller: one request at a time, as the single-threaded firmware
/// needs. `read()` polls `estats`; `apply(_:)` only records what the controller wants;
/// both then reconcile the unit with it, sending a command only when the unit's
/// limits allow: a setting change restarts the hashing, so it waits out the dwell and
/// the recalibration, and no more than `maximumCommandsPerMinute` go out. A failed
/// poll keeps the last good readings with their old time, so a unit that stops
/// answering shows up as readings growing stale (the supervisor's `stale_reading`).
public final class AvalonDevice: HeaterMiner, @unchecked Sendable {
    public let profile: BoardProfile
    public let map: AvalonSettingMap
    public let offSwitch: OffSwitch
    public let options: AvalonDeviceOptions
    public var readingAgeLimit: Seconds { options.readingAgeLimit }
    /// The firmware protects the chips itself: losing the unit or the room sensor stops
    /// the heat until both are back, then Hearth resumes without a person.
    /// An implausible jump in a value polled every few seconds is weak evidence, and
    /// the firmware guards the chips itself, so it too clears once the readings are sound.
    public var recoverableTrips: Set<TripCode> { [.staleReading, .sensorFailure, .implausibleReading] }

    private let link: any AvalonLink
    private let room: @Sendable () -> Reading<Celsius>
    private let now: @Sendable () -> Seconds
    private let unixTime: @Sendable () -> Int64
    /// The unit's clock at the last poll and our monotonic time then: timed soft off/on are
    /// stamped on the unit's clock, so neither clock being wrong (a Pi without RTC, an NTP
    /// step, a unit that never synced) delays a stop.
    private var unitClock: (unix: Int64, at: Seconds)?
    // Touched only by the caller (the background worker); status is shared.
    private var last: DeviceReadings?
    private var unit: UnitState?
    private var wanted: DeviceCommand?
    private var lastSettingChange: Seconds?
    private var lastFanChange: Seconds?
    private var sentFanPercent: Int?
    private var commandTimes: [Seconds] = []
    private var powerCut = false
    /// When the plug cut the unit's power, and when it gave it back (the unit then boots).
    private var powerCutAt: Seconds?
    private var powerOnAt: Seconds?
    /// The plug cut a unit that had stopped answering: its silence proves nothing then, so
    /// it stays a stale unit (a person clears it) instead of passing for a sound, unpowered one.
    private var cutWhileUnreachable = false
    /// The first attempt of the current cut, and since when polls have failed (a unit the
    /// cut itself silenced, its plug confirming late, is not one that was lost before).
    private var cutRequestedAt: Seconds?
    private var unreachableSince: Seconds?
    /// Since when the controller has wanted no heat that the unit still gives.
    private var offWantedSince: Seconds?
    private var lastPollFailed = false
    /// A unit that does not answer is asked again after a growing pause (the project's
    /// one backoff: ≥ 1 s, doubling to 20 s), not on every poll.
    private var retry = RetrySchedule(policy: RetryPolicy(cap: .seconds(20)), seed: 0x4156_4C4E)
    private var nextPollAt: Seconds?
    private let shared: Mutex<AvalonDeviceStatus>

    /// What the unit reported in its last good poll.
    struct UnitState {
        var settingValue: Int?
        var hashing: Bool
        var calibrating: Bool
    }

    /// - Parameters:
    ///   - board: the board file's profile for this model; only points the firmware can select are used.
    ///   - room: the room temperature from the owner's sensor (its reading carries its own time).
    ///   - now: control time (the loop's clock).
    ///   - unixTime: wall-clock seconds, for the firmware's timed soft off/on (the caller's clock).
    public init(link: any AvalonLink, board: BoardProfile, model: AvalonModelProfile, offSwitch: OffSwitch,
                options: AvalonDeviceOptions = AvalonDeviceOptions(), room: @escaping @Sendable () -> Reading<Celsius>,
                now: @escaping @Sendable () -> Seconds,
                unixTime: @escaping @Sendable () -> Int64) throws(AvalonDeviceError) {
        let map = try AvalonSettingMap(board: board, model: model)
        var p = map.profile
        p.hasPowerSensor = model.wallPowerIndex != nil
        // The firmware's own loop holds the chips at its TarT (90 °C on the Nano 3S, whose
        // units report TMax 95) and protects them; Hearth's limits sit above it as a backstop.
        p.thermal = ThermalLimits(chipTarget: Celsius(90), chipThrottle: Celsius(100), chipTrip: Celsius(105),
                                  chipLimit: Celsius(110))
        self.profile = p
        self.map = map
        self.offSwitch = offSwitch
        self.options = options
        self.link = link
        self.room = room
        self.now = now
        self.unixTime = unixTime
        self.shared = Mutex(AvalonDeviceStatus(device: link.endpointDescription, model: model.name,
                                               offSwitch: offSwitch.description))
    }

    /// Planner timing sized to the unit: each change restarts the hashing, so few changes.
    public var preferredTiming: OperatingPointPlanner.Timing {
        OperatingPointPlanner.Timing(minimumOnTime: .minutes(10), minimumOffTime: .minutes(10),
                                     minimumDwell: options.minimumSettingDwell, stepInterval: .minutes(1))
    }

    public var status: AvalonDeviceStatus { shared.withLock { $0 } }

    // MARK: HeaterMiner

    public func read() -> DeviceReadings {
        let started = now()
        if let next = nextPollAt, started < next {
            return last ?? .pending(link.endpointDescription, since: started)
        }
        let link = self.link
        let model = map.model.model
        do {
            let e = try blocking { () async throws(CGMinerClientError) -> AvalonEstats in try await link.estats(model: model) }
            let readings = convert(e, at: started)
            last = readings
            if let when = e.unitTime { unitClock = (when, started) }
            retry.reset()
            nextPollAt = nil
            lastPollFailed = false
            unreachableSince = nil
            powerOnAt = nil
            unit = UnitState(settingValue: map.model.heatKnob == .workMode ? e.workMode : e.workLevel,
                             hashing: (e.softOffReason ?? 0) == 0 && !powerCut,
                             calibrating: e.line["ADJ"] == "0")
            shared.withLock { s in
                s.polls += 1
                s.consecutiveFailedPolls = 0
                s.hashing = unit?.hashing
                s.setting = unit?.settingValue.flatMap { map.model.setting($0)?.name }
                s.wallPower = e.wallPower
                s.inlet = readings.inletTemperature
                s.calibrating = unit?.calibrating ?? false
            }
            reconcile()
            return readings
        } catch {
            lastPollFailed = true
            if unreachableSince == nil { unreachableSince = started }
            // Unpowered by its plug, or booting after the plug gave power back, the unit has
            // no API: its silence is expected, not a lost unit (ask again soon, not after a
            // backoff grown over the whole cut).
            if let unpowered = unpoweredReadings(at: started) {
                nextPollAt = nil
                retry.reset()
                reconcile()
                return unpowered
            }
            let pause = retry.failed()
            nextPollAt = started + Seconds(pause.seconds)
            shared.withLock { s in
                s.consecutiveFailedPolls += 1
                s.lastError = error.description
            }
            return last ?? .pending(link.endpointDescription, since: started)
        }
    }

    public func apply(_ command: DeviceCommand) throws(BusError) {
        wanted = command
        if unit != nil { reconcile() }
        // A stop the unit has not carried out in time is an actuator failure, reported only
        // while the unit answers (an unreachable one is the stale reading's to report).
        if let since = offWantedSince, now() - since >= options.offDeliveryLimit, !lastPollFailed {
            let last = shared.withLock { $0.lastError }.map { ": \($0)" } ?? ""
            throw BusError(.io, bus: "\(map.model.name) at \(link.endpointDescription)",
                           detail: "asked to stop heating; \(offSwitch) has not stopped it within "
                               + "\(formatted(options.offDeliveryLimit.value, decimals: 0)) s\(last)")
        }
    }

    /// What an unpowered (or booting) unit shows: no API, chips cooling towards the air.
    /// The cooling is an estimate (half way in 60 s, faster than a still heatsink): it only
    /// has to stay within the supervisor's rate check against the first real reading after boot.
    private func unpoweredReadings(at t: Seconds) -> DeviceReadings? {
        let booting = powerOnAt.map { t - $0 < options.bootAllowance } ?? false
        guard (powerCut && !cutWhileUnreachable) || booting, let last else { return nil }
        let room = room()
        let air = room.value ?? last.inletTemperature?.value ?? last.chipTemperature.value
        var chip = last.chipTemperature
        if let before = last.chipTemperature.value, let air {
            let since = powerCutAt.map { max(0, (t - $0).value) } ?? 0
            chip = Reading(Celsius(air.value + (before.value - air.value) / (1 + since / 60)), takenAt: t)
        }
        return DeviceReadings(chipTemperature: chip, inletTemperature: nil, roomTemperature: room, fanSpeed: nil,
                              power: last.power.map { _ in Reading(Watts(0), takenAt: t) })
    }

    // MARK: Reconciling the unit with what the controller wants

    private func convert(_ e: AvalonEstats, at t: Seconds) -> DeviceReadings {
        let source = "\(map.model.name) at \(link.endpointDescription)"
        var chip: Reading<Celsius> = e.hottestChip.map { Reading($0, takenAt: t) }
            ?? Reading(error: ReadingError(source: source, reason: "estats has no TMax"), takenAt: t)
        // An idle unit reports TMax[0] (recorded from a real Q): its chips are at the air
        // around them, not at 0 °C; without this, the first poll after soft-on reads as a
        // 60 K jump.
        if (e.softOffReason ?? 0) != 0, let tmax = e.hottestChip, tmax.value <= 0 {
            let air = e.inletTemperature ?? room().value
            chip = air.map { Reading($0, takenAt: t) }
                ?? Reading(error: ReadingError(source: source, reason: "idle, and no inlet or room reading to stand in"), takenAt: t)
        }
        return DeviceReadings(
            chipTemperature: chip,
            inletTemperature: e.inletTemperature.map { Reading($0, takenAt: t) },
            roomTemperature: room(),
            // With the firmware running its fan, stalls are its business (FanErr); Hearth
            // judges a tach only against speeds it asked for itself.
            fanSpeed: options.fanControl == .hearth ? e.fanSpeeds.first.map { Reading($0, takenAt: t) } : nil,
            power: e.wallPower.map { Reading($0, takenAt: t) })
    }

    private func reconcile() {
        guard let wanted, let unit else { return }
        let t = now()
        commandTimes.removeAll { t - $0 >= Seconds(60) }
        if !wanted.hashing {
            stop(unit, at: t)
        } else {
            start(unit, at: t)
            if let point = map.setting(forPoint: wanted.operatingPoint), let now = self.unit,
               now.settingValue != point.value {
                change(to: wanted.operatingPoint, now, at: t)
            }
        }
        if options.fanControl == .hearth, wanted.hashing { fan(wanted.fanDuty, at: t) }
        if wanted.hashing || offDelivered { offWantedSince = nil } else if offWantedSince == nil { offWantedSince = t }
        shared.withLock { s in
            s.floorNote = !wanted.hashing && { if case .floor = offSwitch { true } else { false } }()
                ? "asked for no heat, but \(map.model.name) firmware has no soft off and no plug is configured: running at its lowest setting (\(map.entries[0].setting.name), ≈ \(formatted(map.entries[0].point.power.value, decimals: 0)) W)"
                : nil
        }
    }

    /// Whether the unit gives no more heat than its off switch allows: soft off taken, plug
    /// cut, or (no off switch at all) the lowest setting, which is the most Hearth can do.
    private var offDelivered: Bool {
        guard let unit else { return false }
        switch offSwitch {
        case .softOff: return !unit.hashing
        case .power: return powerCut
        case .floor: return unit.settingValue == map.entries[0].setting.value
        }
    }

    private func stop(_ unit: UnitState, at t: Seconds) {
        switch offSwitch {
        case .softOff:
            if unit.hashing, send(.softOff(atUnixTime: unitNow(at: t)), at: t) { self.unit?.hashing = false }
        case .power(let plug):
            if !powerCut, allowed(at: t) {
                if cutRequestedAt == nil { cutRequestedAt = t }
                if switchPower(plug, on: false, at: t) {
                    powerCut = true
                    powerCutAt = t
                    cutWhileUnreachable = unreachableSince.map { lost in cutRequestedAt.map { lost < $0 } ?? true } ?? false
                    cutRequestedAt = nil
                } else if !lastPollFailed, unit.settingValue != map.entries[0].setting.value {
                    // The plug did not cut: the least heat the firmware itself can give meanwhile.
                    change(to: 0, unit, at: t, urgent: true)
                }
            }
        case .floor:
            if unit.settingValue != map.entries[0].setting.value { change(to: 0, unit, at: t) }
        }
    }

    private func start(_ unit: UnitState, at t: Seconds) {
        switch offSwitch {
        case .softOff:
            if !unit.hashing, send(.softOn(atUnixTime: unitNow(at: t)), at: t) { self.unit?.hashing = true }
        case .power(let plug):
            cutRequestedAt = nil
            if powerCut, allowed(at: t), switchPower(plug, on: true, at: t) {
                powerCut = false
                powerOnAt = t
                cutWhileUnreachable = false
            }
        case .floor:
            break
        }
    }

    /// - Parameter urgent: a stop that the off switch failed to deliver: the dwell (a comfort
    ///   and wear rule) does not hold it back; the firmware's recalibration still does.
    private func change(to index: Int, _ unit: UnitState, at t: Seconds, urgent: Bool = false) {
        guard let command = map.command(forPoint: index) else { return }
        if unit.calibrating { return deferred() }
        if !urgent, let last = lastSettingChange {
            if t - last < max(options.minimumSettingDwell, options.recalibration) { return deferred() }
        }
        if send(command, at: t) {
            lastSettingChange = t
            self.unit?.settingValue = map.setting(forPoint: index)?.value
            self.unit?.calibrating = true
            shared.withLock { $0.settingChanges += 1 }
        }
    }

    private func fan(_ duty: DutyCycle, at t: Seconds) {
        let percent = min(100, max(AscsetCommand.fanPercentRange.lowerBound, Int((duty.value * 100).rounded())))
        if sentFanPercent == percent { return }
        if let sent = sentFanPercent, abs(sent - percent) < options.fanHysteresis, percent != 100 { return }
        if let last = lastFanChange, t - last < options.fanInterval, percent != 100 { return }
        if send(.fan(.percent(percent)), at: t) {
            sentFanPercent = percent
            lastFanChange = t
        }
    }

    private func allowed(at t: Seconds) -> Bool {
        if commandTimes.count >= options.maximumCommandsPerMinute {
            deferred()
            return false
        }
        return true
    }

    /// Now on the unit's clock (our own wall clock until the unit has said its time).
    private func unitNow(at t: Seconds) -> Int64 {
        guard let c = unitClock else { return unixTime() }
        return c.unix + Int64(max(0, (t - c.at).value).rounded(.down))
    }

    private func deferred() { shared.withLock { $0.commandsDeferred += 1 } }

    /// Sends one `ascset`; true when the unit took it.
    @discardableResult
    private func send(_ command: AscsetCommand, at t: Seconds) -> Bool {
        guard allowed(at: t) else { return false }
        commandTimes.append(t)
        let link = self.link
        do {
            let result = try blocking { () async throws(CGMinerClientError) -> AscsetResult in try await link.ascset(command) }
            shared.withLock { s in
                s.commandsSent += 1
                if !result.accepted {
                    s.commandsRefused += 1
                    s.lastError = "\(command) refused: \(result)"
                }
            }
            return result.accepted
        } catch {
            shared.withLock { s in
                s.commandsSent += 1
                s.lastError = error.description
            }
            return false
        }
    }

    private func switchPower(_ plug: any PowerSwitch, on: Bool, at t: Seconds) -> Bool {
        commandTimes.append(t)
        do {
            try blocking { () async throws -> Void in try await plug.set(on: on) }
            return true
        } catch {
            shared.withLock { $0.lastError = "\(plug.name): \(error)" }
            return false
        }
    }
}
