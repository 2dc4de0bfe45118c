import HearthCore

/// Something worth one log line: a change between two ticks, never a tick itself
/// (a journal on an SD card must survive months of 1 Hz control).
public struct ControlEvent: Sendable, Hashable, CustomStringConvertible {
    public enum Level: Sendable, Hashable { case debug, info, notice, error, critical }
    public var level: Level
    public var message: String
    public var description: String { message }

    /// The events between the previous tick and this one.
    public static func between(_ previous: TickRecord?, _ current: TickRecord, profile: BoardProfile) -> [ControlEvent] {
        let d = current.decision
        let r = current.readings
        let room = r.roomTemperature.value.map { "\($0)" } ?? "?"
        let chip = r.chipTemperature.value.map { "\($0)" } ?? "?"
        var events: [ControlEvent] = []
        if let error = current.actuatorError, previous?.actuatorError == nil {
            events.append(.init(level: .error, message: "applying \(describe(d.command, profile)) failed: \(error)"))
        } else if current.actuatorError == nil, let error = previous?.actuatorError {
            events.append(.init(level: .notice, message: "actuators answer again (last error: \(error))"))
        }
        guard let last = previous?.decision else {
            events.append(.init(level: .info, message: "started: mode \(d.mode), target \(d.target), room \(room), chip \(chip)"))
            return events
        }
        if let trip = d.trip, last.trip == nil {
            events.append(.init(level: .critical,
                                message: "TRIP at \(formatted(trip.time.value, decimals: 0)) s: \(trip.reason) — safe state latched until cleared"))
        }
        if d.trip == nil, let old = last.trip {
            events.append(.init(level: .notice, message: "safe state lifted: \(old.reason) — over (readings sound again, or cleared)"))
        }
        if d.reasons.contains(.awaitingDevice) != last.reasons.contains(.awaitingDevice) {
            events.append(d.reasons.contains(.awaitingDevice)
                ? .init(level: .notice, message: "waiting for the device's first readings; hashing off")
                : .init(level: .info, message: "device readings arrived; control starts"))
        }
        if d.mode != last.mode || d.target != last.target {
            events.append(.init(level: .info,
                                message: "mode \(d.mode), target \(d.target)\(d.reasons.contains(.schedule) ? " (schedule)" : "")"))
        }
        // Starting and stopping are events; dithering between neighbouring points is routine.
        if d.command.hashing != last.command.hashing {
            events.append(.init(level: .info, message: "\(describe(d.command, profile)); demand \(d.demand), room \(room), chip \(chip)"))
        } else if d.command.hashing && d.command.operatingPoint != last.command.operatingPoint {
            events.append(.init(level: .debug, message: "\(describe(d.command, profile)); demand \(d.demand), room \(room), chip \(chip)"))
        }
        return events
    }

    static func describe(_ c: DeviceCommand, _ profile: BoardProfile) -> String {
        c.hashing ? "\(profile.operatingPoints[c.operatingPoint].name), fan \(c.fanDuty)" : "hashing off, fan \(c.fanDuty)"
    }
}
