import HearthCore
import HearthHAL

/// The one control loop: read → supervise → decide → apply → record, once per tick,
/// on any `HeaterMiner`. The simulator runner, the daemon and the benchmarks all use it.
///
/// Time comes from the caller (`tick(at:)`), so the same loop runs in real time on
/// hardware, faster than real time on the simulator, and in tests. The policy runs
/// inside a `SupervisedController`, so safety decides first whatever policy is given.
/// A device whose I/O may be slow goes behind `BackgroundDevice`, which keeps the
/// tick's device I/O within `ioBudget`.
public final class ControlLoop {
    public let device: any HeaterMiner
    public private(set) var controller: SupervisedController
    /// The longest the tick may spend on device I/O; a device that can take longer
    /// belongs behind `BackgroundDevice`. Exceeding it is reported in the tick record.
    public let ioBudget: Duration
    public private(set) var last: TickRecord?
    private var actuatorError: String?
    private let clock = ContinuousClock()

    public init(device: any HeaterMiner, policy: any HeatingPolicy, ioBudget: Duration = .milliseconds(250)) {
        self.device = device
        var safety = SafetySupervisor.Policy()
        safety.maximumReadingAge = device.readingAgeLimit
        safety.recoverable = device.recoverableTrips
        // A device whose own firmware protects its chips names recoverable trips; the board
        // model's heat balance does not describe what that firmware does out of our sight.
        safety.checksHeatBalance = device.recoverableTrips.isEmpty
        self.controller = SupervisedController(policy: policy, safety: safety)
        self.ioBudget = ioBudget
    }

    public var profile: BoardProfile { device.profile }

    /// One tick at control time `time`.
    @discardableResult
    public func tick(at time: ControlTime) -> TickRecord {
        let t0 = clock.now
        let readings = device.read()
        let t1 = clock.now
        let decision = controller.tick(readings, at: time, actuatorError: actuatorError)
        let t2 = clock.now
        do {
            try device.apply(decision.command)
            actuatorError = nil
        } catch {
            actuatorError = error.description
        }
        let t3 = clock.now
        let record = TickRecord(time: time, readings: readings, decision: decision, actuatorError: actuatorError,
                                timing: TickTiming(read: t1 - t0, decide: t2 - t1, apply: t3 - t2))
        last = record
        return record
    }

    /// A person changed the settings; the policy transfers bumplessly.
    public func update(settings: ControlSettings) { controller.settings = settings }

    /// A person cleared the latched trip.
    public func clearTrip() { controller.clearTrip() }

    /// Leave the hardware safe: hashing off, fan at the board's safe duty. Tried
    /// twice, because this is the one command that must land. Returns the errors met.
    @discardableResult
    public func shutDown() -> [String] {
        let safe = DeviceCommand.safe(device.profile)
        var errors: [String] = []
        for _ in 1...2 {
            do {
                try device.apply(safe)
                return errors
            } catch {
                errors.append(error.description)
            }
        }
        return errors
    }
}
