import HearthCore
import Synchronization

/// The miner's own inlet air plus an offset: the last resort when no room sensor is
/// fresh. The inlet sits low, beside the heater, so it reads the room only roughly;
/// the offset is the owner's correction.
public final class InletRoomSensor: RoomTemperatureSource {
    public let name: String
    public let offset: Kelvin
    private let inlet: @Sendable () -> Reading<Celsius>?
    private let state = Mutex<RoomSensorObservation>(RoomSensorObservation())

    /// - Parameter inlet: the miner's latest inlet reading (nil while it has none).
    public init(name: String, offset: Kelvin, inlet: @escaping @Sendable () -> Reading<Celsius>?) {
        self.name = name
        self.offset = offset
        self.inlet = inlet
    }

    public func observe(now: Seconds) -> RoomSensorObservation {
        let reading = inlet()
        return state.withLock { s in
            guard let reading else {
                s.problem = "the miner has not delivered an inlet reading"
                return s
            }
            if let error = reading.error {
                s.problem = error.description
            } else if let t = reading.value.map({ $0 + offset }), t.isFinite, plausibleRoomTemperature.contains(t) {
                s.last = Reading(t, raw: reading.raw, takenAt: reading.takenAt ?? now)
                s.problem = nil
            } else {
                s.problem = "inlet \(reading.value.map { "\($0)" } ?? "?") with offset \(offset) is not a plausible room temperature"
            }
            return s
        }
    }
}
