import Dispatch
import HearthCore
import HearthHAL
import Synchronization

/// A device whose I/O is slow or remote, kept off the control tick.
///
/// A stock miner answers one TCP connection per command in 10–500 ms, and sometimes
/// never. Behind this adapter one worker does all of the device's I/O, one call at
/// a time (never two requests at once), while the tick only swaps values under a
/// lock: `read()` returns the latest readings stamped with the control time they
/// were taken, `apply(_:)` leaves the wanted command for the worker (the newest wins)
/// and reports the worker's last failure. A device that stops answering therefore
/// shows up as readings growing old, which the supervisor turns into a trip once they
/// pass the device's `readingAgeLimit`.
public final class BackgroundDevice: HeaterMiner, Sendable {
    public let profile: BoardProfile
    public let readingAgeLimit: Seconds
    public let recoverableTrips: Set<TripCode>
    /// What the worker is doing, for tests and status.
    public struct Counters: Sendable, Hashable {
        public var reads = 0
        public var applies = 0
        public var applyFailures = 0
    }

    private struct State {
        var latest: DeviceReadings
        var wanted: DeviceCommand?
        var applied: DeviceCommand?
        var applyError: BusError?
        var reportedError = false
        /// A read happened since the last apply: the wanted command is confirmed again, so a
        /// device that could not carry it out (a unit that refuses to stop, a plug that does
        /// not answer) reports that even while the controller's command stays the same.
        var confirmDue = false
        var running = true
        var counters = Counters()
    }

    private let device: UncheckedDevice
    private let now: @Sendable () -> Seconds
    private let pollInterval: Duration
    private let state: Mutex<State>
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - device: the slow device; from now on only the worker touches it.
    ///   - readingAgeLimit: readings older than this are no readings (default: the device's own).
    ///   - pollInterval: wall time between the starts of two reads.
    ///   - now: control time (the loop's clock), to stamp readings with.
    public init(wrapping device: any HeaterMiner, readingAgeLimit: Seconds? = nil, pollInterval: Duration,
                now: @escaping @Sendable () -> Seconds) {
        self.profile = device.profile
        self.readingAgeLimit = readingAgeLimit ?? device.readingAgeLimit
        self.recoverableTrips = device.recoverableTrips
        self.device = UncheckedDevice(device: device)
        self.now = now
        self.pollInterval = pollInterval
        self.state = Mutex(State(latest: .pending(device.profile.id, since: now())))
        DispatchQueue(label: "hearth.device.\(device.profile.id)").async { [self] in work() }
    }

    deinit { stop() }

    public var counters: Counters { state.withLock { $0.counters } }

    /// The latest readings, however old: never waits on the device.
    public func read() -> DeviceReadings { state.withLock { $0.latest } }

    /// Leaves `command` for the worker and returns at once. Throws the worker's last
    /// failure to apply, once, so the supervisor hears of it.
    public func apply(_ command: DeviceCommand) throws(BusError) {
        let (changed, failure): (Bool, BusError?) = state.withLock { s in
            let changed = s.wanted != command
            s.wanted = command
            guard let e = s.applyError, !s.reportedError else { return (changed, nil) }
            s.reportedError = true
            return (changed, e)
        }
        if changed { wake.signal() }
        if let failure { throw failure }
    }

    /// Stops the worker after the call it is in (if any) returns. The wanted command
    /// still goes out first if it has not, so a shutdown's safe command lands.
    public func stop() {
        let wasRunning = state.withLock { s in defer { s.running = false }; return s.running }
        guard wasRunning else { return }
        wake.signal()
    }

    /// Waits (wall time, bounded) for the worker to end; for tests and shutdown.
    @discardableResult
    public func waitUntilStopped(timeout: Duration) -> Bool {
        let ns = max(0, timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        let ok = finished.wait(timeout: .now() + .nanoseconds(Int(ns))) == .success
        if ok { finished.signal() }
        return ok
    }

    private enum Job { case apply(DeviceCommand), read, wait(DispatchTime), exit }

    private func work() {
        var nextRead = DispatchTime.now()
        // A refused command is tried again only after another read: never a tight loop,
        // and the readings keep coming while the device refuses.
        var retryAfterReads = 0
        while true {
            let job: Job = state.withLock { s in
                let now = DispatchTime.now()
                if let w = s.wanted, w != s.applied || s.applyError != nil || s.confirmDue {
                    if !s.running && s.applyError != nil { return .exit }   // tried; don't retry forever
                    if s.applyError == nil || s.counters.reads >= retryAfterReads { return .apply(w) }
                }
                if !s.running { return .exit }
                return now >= nextRead ? .read : .wait(nextRead)
            }
            switch job {
            case .exit:
                finished.signal()
                return
            case .wait(let until):
                _ = wake.wait(timeout: until)
            case .read:
                let started = now()
                nextRead = DispatchTime.now() + Self.dispatch(pollInterval)
                let readings = device.device.read().stamped(started)
                state.withLock { s in
                    s.latest = readings
                    s.counters.reads += 1
                    s.confirmDue = true
                }
            case .apply(let command):
                var error: BusError?
                do { try device.device.apply(command) } catch let e { error = e }
                state.withLock { s in
                    retryAfterReads = s.counters.reads + 1
                    s.confirmDue = false
                    s.counters.applies += 1
                    if let error {
                        s.counters.applyFailures += 1
                        if s.applyError != error { s.reportedError = false }
                        s.applyError = error
                    } else {
                        s.applied = command
                        s.applyError = nil
                        s.reportedError = false
                    }
                }
            }
        }
    }

    private static func dispatch(_ d: Duration) -> DispatchTimeInterval {
        let (s, atto) = d.components
        return .nanoseconds(Int(max(0, s * 1_000_000_000 + atto / 1_000_000_000)))
    }
}

/// The wrapped device, touched only by the worker after `init`.
private struct UncheckedDevice: @unchecked Sendable {
    let device: any HeaterMiner
}
