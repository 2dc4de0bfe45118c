import HearthCore
import HearthHAL
import Logging
import Synchronization

/// A temperature chip on an I²C bus of this machine, polled when observed.
///
/// Setting up and measuring each take two steps with a wait between (a Sensirion part
/// NACKs until its conversion is done); the wait is spread over observations instead of
/// slept, so one observation costs a few short transfers at most. A failure (NACK,
/// checksum, wrong chip) becomes the source's problem, is logged when it changes, and
/// sends the chip back to set-up at the next poll (a part that lost power comes back
/// unconfigured). A value is stamped with the time its conversion finished.
public final class I2CRoomSensor: RoomTemperatureSource {
    public let name: String
    public let pollInterval: Seconds
    private let logger: Logger
    private let state: Mutex<State>

    private enum Phase {
        case unprepared
        case preparing(readyAt: Seconds)
        case idle(nextStart: Seconds)
        case converting(started: Seconds, readyAt: Seconds)
    }

    /// The chip and its bus are used only under this source's lock. A bus shared with the
    /// board's own drivers must still be used from one thread: `RoomTemperature.reading()`
    /// runs on the control tick, where those drivers run too.
    private struct State: @unchecked Sendable {
        var chip: any RoomThermometer
        var phase = Phase.unprepared
        var nextAttempt: Seconds?
        var observation = RoomSensorObservation()
        var humidity: RelativeHumidity?
        var loggedProblem: String?
    }

    public init(name: String, thermometer: any RoomThermometer, pollInterval: Seconds, logger: Logger) {
        self.name = name
        self.pollInterval = pollInterval
        var logger = logger
        logger[metadataKey: "room_sensor"] = "\(name)"
        self.logger = logger
        self.state = Mutex(State(chip: thermometer))
    }

    /// The last humidity the chip reported, when it measures one.
    public var humidity: RelativeHumidity? { state.withLock { $0.humidity } }

    public func observe(now: Seconds) -> RoomSensorObservation {
        let (observation, log) = state.withLock { s -> (RoomSensorObservation, (String, recovered: Bool)?) in
            // At most one pass through the four phases per observation.
            for _ in 0..<4 {
                if !step(&s, now: now) { break }
            }
            let problem = s.observation.problem
            defer { s.loggedProblem = problem }
            if problem == s.loggedProblem { return (s.observation, nil) }
            if let problem { return (s.observation, (problem, false)) }
            return (s.observation, s.loggedProblem.map { ($0, true) })
        }
        if let (text, recovered) = log {
            if recovered {
                logger.notice("room sensor '\(name)' reads again (after: \(text))")
            } else {
                logger.warning("room sensor '\(name)': \(text)")
            }
        }
        return observation
    }

    /// One phase; true when the next one may follow at once.
    private func step(_ s: inout State, now: Seconds) -> Bool {
        do throws(DriverError) {
            switch s.phase {
            case .unprepared:
                if let next = s.nextAttempt, now < next { return false }
                let wait = try s.chip.beginPreparing()
                s.phase = .preparing(readyAt: now + wait)
            case .preparing(let readyAt):
                guard now >= readyAt else { return false }
                try s.chip.finishPreparing()
                s.phase = .idle(nextStart: now)
            case .idle(let nextStart):
                guard now >= nextStart else { return false }
                let wait = try s.chip.startConversion()
                s.phase = .converting(started: now, readyAt: now + wait)
            case .converting(let started, let readyAt):
                guard now >= readyAt else { return false }
                let sample = try s.chip.readConversion()
                s.phase = .idle(nextStart: started + pollInterval)
                s.humidity = sample.humidity
                if sample.temperature.isFinite, plausibleRoomTemperature.contains(sample.temperature) {
                    s.observation.last = Reading(sample.temperature, raw: sample.rawTemperature, takenAt: readyAt)
                    s.observation.problem = nil
                } else {
                    s.observation.problem = "\(s.chip.partName) reads \(sample.temperature), not a plausible room temperature"
                }
                return false
            }
            return true
        } catch {
            s.observation.problem = error.description
            s.phase = .unprepared
            s.nextAttempt = now + pollInterval
            return false
        }
    }
}
