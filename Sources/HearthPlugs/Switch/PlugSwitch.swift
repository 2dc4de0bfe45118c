import HearthCore
import HearthSupport
import Logging

/// The plug as the remote device uses it: remembers the state Hearth wants, sends it,
/// checks it with `status()`, retries with the project's backoff, bounds the commands
/// per minute, and reports "not answering" after repeated failures, until the plug
/// answers again by itself.
///
/// It acts only when called (`want` or `service`), one exchange at a time, at most two
/// per call, so the caller's poll loop sets the pace and tests drive it with an injected
/// clock. Logs only changes (first failure, not answering, answering again, a plug found
/// in the wrong state), never a line per retry.
public actor PlugSwitch {
    public nonisolated let plug: any SmartPlug
    public nonisolated let policy: PlugSwitchPolicy
    private let now: @Sendable () -> Seconds
    private let logger: Logger
    private var schedule: RetrySchedule

    private var wanted: Bool?
    private var reported: PlugStatus?
    private var health = PlugHealth.unknown
    private var failures = 0
    private var firstFailureAt: Seconds?
    private var lastError: String?
    /// Earliest time of the next exchange: a failure's backoff.
    private var backoffUntil: Seconds?
    private var lastCheckAt: Seconds?
    /// When each command of the last minute went out.
    private var recentCommands: [Seconds] = []
    private var deferredUntil: Seconds?
    private var commandsSent = 0
    private var commandsDeferred = 0
    private var busy = false

    /// - Parameters:
    ///   - jitterSeed: seeds the backoff's jitter (tests, simulations); nil takes the system's random source.
    ///   - now: control time (monotonic seconds), the clock of the loop that calls this.
    public init(plug: any SmartPlug, policy: PlugSwitchPolicy = PlugSwitchPolicy(), jitterSeed: UInt64? = nil,
                logger: Logger = Logger(label: "hearth.plug"), now: @escaping @Sendable () -> Seconds)
    {
        self.plug = plug
        self.policy = policy
        self.now = now
        var logger = logger
        logger[metadataKey: "plug"] = "\(plug.name)"
        self.logger = logger
        self.schedule = jitterSeed.map { RetrySchedule(policy: policy.retry, seed: $0) } ?? RetrySchedule(policy: policy.retry)
    }

    /// Sets the state the socket should be in and acts on it now if the backoff and the
    /// rate limit allow; else a later `service()` does.
    @discardableResult
    public func want(_ on: Bool) async -> PlugSwitchReport {
        if wanted != on {
            wanted = on
            deferredUntil = nil
        }
        return await service()
    }

    /// `want(on)` as a call that succeeds only once the plug confirmed the state, for a
    /// device that just needs the power on or off (HearthAvalon's `PowerSwitch` has this
    /// shape). A failure leaves the wish in place: later calls, or `service()`, go on trying
    /// within the backoff and the rate limit.
    public func set(on: Bool) async throws(PlugSwitchError) {
        let report = await want(on)
        guard report.isSettled else { throw PlugSwitchError(report: report) }
    }

    /// The plug's name, as messages give it (no password).
    public nonisolated var name: String { plug.name }

    /// Does what is due: the wanted command (then a check), or the periodic check. Call it
    /// from the device's poll; it returns at once when nothing is due or another call is
    /// in an exchange.
    @discardableResult
    public func service() async -> PlugSwitchReport {
        guard !busy else { return report }
        busy = true
        defer { busy = false }
        // A check that finds the plug in the wrong state is followed by the command at once.
        for _ in 0..<2 {
            guard let step = nextStep(at: now()) else { break }
            await perform(step)
        }
        return report
    }

    public var report: PlugSwitchReport {
        PlugSwitchReport(plug: plug.name, wanted: wanted, reported: reported, health: health, lastError: lastError,
                         nextAttemptAt: [backoffUntil, deferredUntil].compactMap { $0 }.max(),
                         commandsSent: commandsSent, commandsDeferred: commandsDeferred)
    }

    // MARK: - Steps

    private enum Step {
        case command(Bool)
        case check
    }

    private func nextStep(at t: Seconds) -> Step? {
        if let until = backoffUntil, t < until { return nil }
        if let wanted, reported?.isOn != wanted {
            recentCommands.removeAll { t - $0 >= Seconds(60) }
            if recentCommands.count >= policy.maxCommandsPerMinute {
                let until = recentCommands[0] + Seconds(60)
                if deferredUntil != until {
                    deferredUntil = until
                    commandsDeferred += 1
                    logger.notice("plug \(plug.name): \(policy.maxCommandsPerMinute) commands in the last minute; switching \(wanted ? "on" : "off") waits \(Self.format(until - t)) s")
                }
                return nil
            }
            deferredUntil = nil
            return .command(wanted)
        }
        if let last = lastCheckAt, t - last < Seconds(policy.statusInterval.seconds) { return nil }
        return .check
    }

    private func perform(_ step: Step) async {
        let started = now()
        switch step {
        case .command(let on):
            recentCommands.append(started)
            commandsSent += 1
            do {
                try await plug.setOn(on)
                let status = try await plug.status()
                record(status)
                guard status.isOn == on else {
                    failed("plug \(plug.name): switched \(on ? "on" : "off"), but the plug reports \(status)")
                    return
                }
                succeeded()
            } catch {
                failed(error.description)
            }
        case .check:
            do {
                let status = try await plug.status()
                record(status)
                succeeded()
                if let wanted, status.isOn != wanted {
                    logger.warning("plug \(plug.name): found \(status.isOn ? "on" : "off") while Hearth wants it \(wanted ? "on" : "off") (switched by hand, or restarted after a power cut?); switching it again")
                }
            } catch {
                failed(error.description)
            }
        }
    }

    private func record(_ status: PlugStatus) {
        reported = status
        lastCheckAt = now()
    }

    private func succeeded() {
        if case .notAnswering(let count, let since) = health {
            logger.notice("plug \(plug.name): answering again after \(count) failures over \(Self.format(now() - since)) s")
        }
        health = .answering
        failures = 0
        firstFailureAt = nil
        lastError = nil
        backoffUntil = nil
        schedule.reset()
    }

    private func failed(_ error: String) {
        let t = now()
        failures += 1
        if failures == 1 { firstFailureAt = t }
        lastError = error
        let delay = schedule.failed()
        backoffUntil = t + Seconds(delay.seconds)
        lastCheckAt = t
        if failures >= policy.failuresBeforeNotAnswering {
            let since = firstFailureAt ?? t
            if !health.isNotAnswering {
                logger.error("plug \(plug.name) not answering (\(failures) failures in a row); retrying with backoff: \(error)")
            } else {
                logger.debug("\(error); next try in \(Self.format(Seconds(delay.seconds))) s")
            }
            health = .notAnswering(failures: failures, since: since)
        } else {
            if failures == 1 {
                logger.warning("\(error); retrying in \(Self.format(Seconds(delay.seconds))) s")
            } else {
                logger.debug("\(error); next try in \(Self.format(Seconds(delay.seconds))) s")
            }
            health = .failing(failures: failures)
        }
    }

    private static func format(_ s: Seconds) -> String {
        let tenths = (s.value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))" : "\(tenths)"
    }
}
