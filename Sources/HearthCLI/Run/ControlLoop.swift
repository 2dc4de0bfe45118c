import HearthCore
import HearthHAL
import Logging

/// The foreground control loop: read → decide → apply, once per tick, on any
/// `HeaterMiner`. Time comes from the caller (`tick(at:)`), so the same loop runs
/// in real time on hardware, faster than real time on the simulator, and in tests.
/// It logs one line per event (mode or target change, point change, trip, actuator
/// error) rather than one per tick.
final class ControlLoop {
    private let device: any HeaterMiner
    private(set) var controller: HeaterController
    private let logger: Logger
    private var actuatorError: String?
    private var last: ControlDecision?
    /// What the last tick read, for status and history.
    private(set) var lastReadings: DeviceReadings?

    init(device: any HeaterMiner, controller: HeaterController, logger: Logger) {
        self.device = device
        self.controller = controller
        self.logger = logger
    }

    @discardableResult
    func tick(at time: ControlTime) -> ControlDecision {
        let readings = device.read()
        lastReadings = readings
        let decision = controller.tick(readings, at: time, actuatorError: actuatorError)
        do {
            try device.apply(decision.command)
            if let e = actuatorError { logger.notice("actuators answer again (last error: \(e))") }
            actuatorError = nil
        } catch {
            if actuatorError == nil { logger.error("applying \(describe(decision.command)) failed: \(error)") }
            actuatorError = error.description
        }
        logChanges(decision, readings)
        last = decision
        return decision
    }

    /// A person changed the settings (the daemon's API); the controller transfers bumplessly.
    func update(settings: ControlSettings) { controller.settings = settings }

    /// A person cleared the latched trip.
    func clearTrip() {
        controller.clearTrip()
        logger.notice("trip cleared by a person; control resumes")
    }

    var profile: BoardProfile { device.profile }

    /// Leave the hardware safe: hashing off, fan at the board's safe duty. Tried twice,
    /// because this is the one command that must land.
    func shutDown() {
        let safe = DeviceCommand.safe(device.profile)
        for attempt in 1...2 {
            do {
                try device.apply(safe)
                logger.notice("stopped: hashing off, fan at \(safe.fanDuty)")
                return
            } catch {
                logger.critical("could not reach the safe state (attempt \(attempt)): \(error)")
            }
        }
    }

    private func describe(_ c: DeviceCommand) -> String {
        c.hashing ? "\(device.profile.operatingPoints[c.operatingPoint].name), fan \(c.fanDuty)" : "hashing off, fan \(c.fanDuty)"
    }

    private func logChanges(_ d: ControlDecision, _ r: DeviceReadings) {
        let room = r.roomTemperature.value.map { "\($0)" } ?? "?"
        let chip = r.chipTemperature.value.map { "\($0)" } ?? "?"
        guard let last else {
            logger.info("started: mode \(d.mode), target \(d.target), room \(room), chip \(chip)")
            return
        }
        if let trip = d.trip, last.trip == nil {
            logger.critical("TRIP at \(formatted(trip.time.value, decimals: 0)) s: \(trip.reason) — safe state latched until cleared")
        }
        if d.mode != last.mode || d.target != last.target {
            logger.info("mode \(d.mode), target \(d.target)\(d.reasons.contains("schedule") ? " (schedule)" : "")")
        }
        // Starting and stopping are events; dithering between neighbouring points is routine.
        if d.command.hashing != last.command.hashing {
            logger.info("\(describe(d.command)); demand \(d.demand), room \(room), chip \(chip)")
        } else if d.command.hashing && d.command.operatingPoint != last.command.operatingPoint {
            logger.debug("\(describe(d.command)); demand \(d.demand), room \(room), chip \(chip)")
        }
    }
}
