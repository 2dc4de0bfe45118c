import HearthCore
import HearthRoomSensors
import Synchronization

/// The owner's room sensor as the fault matrix plays it: a Zigbee/Wi-Fi thermometer that
/// reports the room air to 0.1 °C on a change of 0.1 K or at least every minute, pushed
/// into the production `RoomTemperature` (a `push` source with the default 900 s
/// staleness), so a silent sensor reaches the device exactly as in the daemon.
final class RoomSensorFeed: Sendable {
    /// Seconds between two reports of an unchanged room (a typical Zigbee heartbeat).
    static let heartbeat = Seconds(60)
    /// Report on a change of this much (the sensor's own resolution).
    static let step = 0.1

    let room: RoomTemperature
    private let sensor: PushRoomSensor
    private let state = Mutex<(last: Double?, at: Seconds)>((nil, .zero))

    init(now: @escaping @Sendable () -> Seconds) {
        sensor = PushRoomSensor(name: "room")
        room = RoomTemperature(entries: [.init(source: sensor, kind: "push",
                                               staleAfter: RoomSensorSpec.defaultStaleAfter(for: .push))],
                               combination: .median, now: now)
    }

    /// One control step: report `air` if the sensor would (unless it is `silent`).
    func feed(air: Celsius, at t: Seconds, silent: Bool) {
        guard !silent else { return }
        let value = (air.value * 10).rounded() / 10
        let due: Bool = state.withLock { s in
            guard let last = s.last else { return true }
            return abs(value - last) >= Self.step - 1e-9 || t - s.at >= Self.heartbeat
        }
        guard due else { return }
        if (try? sensor.submit(Celsius(value), sender: nil, at: t)) != nil {
            state.withLock { $0 = (value, t) }
        }
    }
}
