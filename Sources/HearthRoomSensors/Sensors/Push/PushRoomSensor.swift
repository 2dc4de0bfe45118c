import HearthCore
import Synchronization

/// Room temperatures pushed to the daemon (`POST /v1/room-temperature`) by ESPHome, a
/// Shelly H&T, Home Assistant or a script. Thread-safe: the API calls `submit` from its
/// handlers while the control loop observes.
public final class PushRoomSensor: RoomTemperatureSource {
    public let name: String
    private let state = Mutex<(last: Reading<Celsius>?, sender: String?)>((nil, nil))

    public init(name: String) {
        self.name = name
    }

    /// Take a value measured now. Range-checked with the plausibility range the safety
    /// supervisor uses, so a typo (210 instead of 21.0) is refused here, with a reason.
    public func submit(_ value: Celsius, sender: String?, at now: Seconds) throws(RoomSensorPushError) {
        guard value.isFinite, plausibleRoomTemperature.contains(value) else { throw .implausible(value) }
        state.withLock { $0 = (Reading(value, takenAt: now), sender) }
    }

    /// Who pushed the last value, when the request said.
    public var lastSender: String? { state.withLock { $0.sender } }

    public func observe(now: Seconds) -> RoomSensorObservation {
        RoomSensorObservation(last: state.withLock { $0.last })
    }
}

/// Why a pushed room temperature was refused (the API answers 400 or 404 with it).
public enum RoomSensorPushError: Error, Sendable, Hashable, CustomStringConvertible {
    case implausible(Celsius)
    /// No `push` sensor is configured.
    case noPushSensor
    /// The request named a sensor that is not a `push` sensor.
    case unknownSensor(String, known: [String])
    /// Several push sensors and the request named none.
    case ambiguous(known: [String])

    public var description: String {
        switch self {
        case .implausible(let t):
            "room temperature \(t) is outside the plausible \(plausibleRoomTemperature.lowerBound)…\(plausibleRoomTemperature.upperBound)"
        case .noPushSensor:
            "no room sensor takes pushed values; start with --room-sensor push (or [[room_sensor]] source = \"push\")"
        case .unknownSensor(let name, let known):
            "no push room sensor is named '\(name)'; push sensors: \(known.joined(separator: ", "))"
        case .ambiguous(let known):
            "there are several push room sensors; name the one this value is for: \(known.joined(separator: ", "))"
        }
    }
}
