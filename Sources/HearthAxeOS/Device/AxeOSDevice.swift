import HearthCore
import HearthHAL
import HearthSupport
import Synchronization

/// A stock Bitaxe-class board steered over AxeOS, as a `HeaterMiner`.
///
/// The shape of `AvalonDevice`: every call blocks on the network, so it belongs behind
/// `BackgroundDevice`, whose worker is the only caller. `read()` polls `system/info`
/// (readings stamped when the poll was taken); `apply(_:)` records what the controller
/// wants; both then reconcile the board with it: pause/resume for off/on, one PATCH of
/// frequency and core voltage for a point (never more often than the dwell), and the fan
/// when Hearth runs it; no more than `maximumCommandsPerMinute` changes go out. A failed
/// poll keeps the last good readings with their old time, so a board that stops
/// answering shows up as stale readings; it is asked again after a growing pause.
public final class AxeOSDevice: HeaterMiner, @unchecked Sendable {
    public let profile: BoardProfile
    public let map: AxeOSPointMap
    public let options: AxeOSDeviceOptions
    public var readingAgeLimit: Seconds { options.readingAgeLimit }
    /// The firmware protects the chip itself (overheat mode, VR limits): losing the board
    /// or the room sensor stops the heat until both are back, then Hearth resumes.
    public var recoverableTrips: Set<TripCode> { [.staleReading, .sensorFailure, .implausibleReading] }

    private let link: any AxeOSLink
    private let room: @Sendable () -> Reading<Celsius>
    private let now: @Sendable () -> Seconds
    // Touched only by the caller (the background worker); status is shared.
    private var last: DeviceReadings?
    private var board: BoardState?
    private var wanted: DeviceCommand?
    private var lastSettingChange: Seconds?
    private var lastFanChange: Seconds?
    private var sentFanPercent: Int?
    private var commandTimes: [Seconds] = []
    /// ≥ 1 s, doubling to 20 s: the project's one backoff.
    private var retry = RetrySchedule(policy: RetryPolicy(cap: .seconds(20)), seed: 0x4158_454F)
    private var nextPollAt: Seconds?
    /// Since when the controller has wanted the board paused while it still hashes.
    private var offWantedSince: Seconds?
    private var lastPollFailed = false
    private let shared: Mutex<AxeOSDeviceStatus>

    /// What the board last reported (or was last told successfully).
    struct BoardState {
        var frequency: Megahertz
        var voltage: Millivolts
        var paused: Bool
    }

    /// - Parameters:
    ///   - board: the board file's profile; only points the firmware offers are used.
    ///   - asic: the firmware's `/api/system/asic` (its frequency and voltage options).
    ///   - room: the room temperature from the owner's sensor.
    ///   - now: control time (the loop's clock).
    public init(link: any AxeOSLink, board: BoardProfile, asic: AxeOSASICInfo, options: AxeOSDeviceOptions = AxeOSDeviceOptions(),
                room: @escaping @Sendable () -> Reading<Celsius>, now: @escaping @Sendable () -> Seconds) throws(AxeOSError) {
        map = try AxeOSPointMap(board: board, asic: asic, peer: link.endpointDescription)
        var p = map.profile
        // AxeOS reports the board's power, but polled every few seconds it lags each V/f
        // change: judged against the point just commanded it tripped "power implausible"
        // ~20 times in a simulated day. The firmware guards its own power (and overheat);
        // the power still goes to status and metrics.
        p.hasPowerSensor = false
        profile = p
        self.options = options
        self.link = link
        self.room = room
        self.now = now
        shared = Mutex(AxeOSDeviceStatus(device: link.endpointDescription, asicModel: asic.asicModel))
    }

    /// Frequency changes are ramped by the firmware without a restart: shorter dwell than a stock Avalon.
    public var preferredTiming: OperatingPointPlanner.Timing {
        OperatingPointPlanner.Timing(minimumOnTime: .minutes(5), minimumOffTime: .minutes(5),
                                     minimumDwell: options.minimumSettingDwell, stepInterval: .minutes(1))
    }

    public var status: AxeOSDeviceStatus { shared.withLock { $0 } }

    // MARK: HeaterMiner

    public func read() -> DeviceReadings {
        let started = now()
        if let next = nextPollAt, started < next {
            return last ?? .pending(link.endpointDescription, since: started)
        }
        let link = self.link
        do {
            let info = try blocking { () async throws(AxeOSError) -> AxeOSSystemInfo in try await link.systemInfo() }
            let readings = convert(info, at: started)
            last = readings
            retry.reset()
            nextPollAt = nil
            lastPollFailed = false
            // Older firmware does not say whether it is paused: keep what Hearth last told it.
            let paused = info.miningPaused ?? board?.paused ?? false
            board = BoardState(frequency: info.frequency, voltage: info.coreVoltage, paused: paused)
            shared.withLock { s in
                s.polls += 1
                s.consecutiveFailedPolls = 0
                s.frequency = info.frequency
                s.coreVoltage = info.coreVoltage
                s.hashing = !paused
                s.power = info.power
                s.overheat = info.overheatMode
            }
            reconcile()
            // While the board still runs something else than the controller asked (a change
            // held back by the dwell or the rate bound, or one that failed), its power belongs
            // to that other point: left out, so the supervisor does not judge it against the
            // commanded one.
            var delivered = readings
            if !boardRunsWanted() { delivered.power = nil }
            last = delivered
            return delivered
        } catch {
            lastPollFailed = true
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
        if board != nil { reconcile() }
        // A pause the board has not taken in time is an actuator failure, reported only while
        // it answers (an unreachable board is the stale reading's to report).
        if let since = offWantedSince, now() - since >= options.offDeliveryLimit, !lastPollFailed {
            let last = shared.withLock { $0.lastError }.map { ": \($0)" } ?? ""
            throw BusError(.io, bus: "AxeOS at \(link.endpointDescription)",
                           detail: "asked to stop heating; the board has not paused within "
                               + "\(formatted(options.offDeliveryLimit.value, decimals: 0)) s\(last)")
        }
    }

    // MARK: Reconciling the board with what the controller wants

    private func boardRunsWanted() -> Bool {
        guard let wanted, let board else { return true }
        if !wanted.hashing { return board.paused }
        return !board.paused && map.pointIndex(frequency: board.frequency, voltage: board.voltage) == wanted.operatingPoint
    }

    private func convert(_ info: AxeOSSystemInfo, at t: Seconds) -> DeviceReadings {
        DeviceReadings(
            chipTemperature: Reading(info.chipTemperature, takenAt: t),
            inletTemperature: nil,
            roomTemperature: room(),
            // With the firmware running its fan, stalls are its business; Hearth judges a
            // tach only against speeds it asked for itself.
            fanSpeed: options.fanControl == .hearth ? info.fanSpeed.map { Reading($0, takenAt: t) } : nil,
            power: Reading(info.power, takenAt: t))
    }

    private func reconcile() {
        guard let wanted, let board else { return }
        let t = now()
        commandTimes.removeAll { t - $0 >= Seconds(60) }
        if !wanted.hashing {
            if !board.paused, send("pause", at: t, { (link: any AxeOSLink) async throws(AxeOSError) in try await link.pause() }) { self.board?.paused = true }
            if self.board?.paused == true { offWantedSince = nil } else if offWantedSince == nil { offWantedSince = t }
            return
        }
        offWantedSince = nil
        if board.paused, send("resume", at: t, { (link: any AxeOSLink) async throws(AxeOSError) in try await link.resume() }) { self.board?.paused = false }
        if map.points.indices.contains(wanted.operatingPoint) {
            let point = map.points[wanted.operatingPoint]
            if map.pointIndex(frequency: board.frequency, voltage: board.voltage) != wanted.operatingPoint {
                change(to: point, at: t)
            }
        }
        if options.fanControl == .hearth { fan(wanted.fanDuty, at: t) }
    }

    private func change(to point: OperatingPoint, at t: Seconds) {
        if let last = lastSettingChange, t - last < options.minimumSettingDwell { return deferred() }
        let settings = AxeOSSettings(frequency: point.frequency, coreVoltage: point.voltage)
        if send(settings.description, at: t, { (link: any AxeOSLink) async throws(AxeOSError) in try await link.update(settings) }) {
            lastSettingChange = t
            board?.frequency = point.frequency
            board?.voltage = point.voltage
            shared.withLock { $0.settingChanges += 1 }
        }
    }

    private func fan(_ duty: DutyCycle, at t: Seconds) {
        let floor = Int((profile.fan.minimumDuty.percent).rounded(.up))
        let percent = min(100, max(floor, Int((duty.percent).rounded())))
        if sentFanPercent == percent { return }
        if let sent = sentFanPercent, abs(sent - percent) < options.fanHysteresis, percent != 100 { return }
        if let last = lastFanChange, t - last < options.fanInterval, percent != 100 { return }
        let settings = AxeOSSettings(fanDuty: .percent(Double(percent)), autoFan: false)
        if send(settings.description, at: t, { (link: any AxeOSLink) async throws(AxeOSError) in try await link.update(settings) }) {
            sentFanPercent = percent
            lastFanChange = t
        }
    }

    private func deferred() { shared.withLock { $0.commandsDeferred += 1 } }

    /// Sends one change; true when the board took it.
    private func send(_ what: String, at t: Seconds, _ body: @escaping @Sendable (any AxeOSLink) async throws(AxeOSError) -> Void) -> Bool {
        if commandTimes.count >= options.maximumCommandsPerMinute {
            deferred()
            return false
        }
        commandTimes.append(t)
        let link = self.link
        do {
            try blocking { () async throws(AxeOSError) -> Void in try await body(link) }
            shared.withLock { $0.commandsSent += 1 }
            return true
        } catch {
            shared.withLock { s in
                s.commandsSent += 1
                s.commandsFailed += 1
                s.lastError = "\(what): \(error)"
            }
            return false
        }
    }
}
