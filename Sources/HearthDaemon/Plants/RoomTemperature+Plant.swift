import HearthCore
import HearthRoomSensors

/// What a plant that reads the room from the owner's sensors (a stock Avalon, a stock
/// Bitaxe) says about them: one home for the stale-sensor notes and the push handler.
extension RoomTemperature {
    /// One status note per room sensor that has gone quiet.
    func staleNotes() -> [String] {
        status().filter(\.isStale).map { sensor in
            let age = sensor.age.map { "silent for \(formatted($0.value, decimals: 0)) s" } ?? "no reading yet"
            return "room sensor \(sensor.name): \(age)\(sensor.problem.map { ": \($0)" } ?? "")"
        }
    }

    /// `POST /v1/room-temperature` feeds the push sensors; nil when none is configured.
    var pushHandler: (@Sendable (Celsius, String?) throws -> Void)? {
        guard entries.contains(where: { $0.kind == "push" }) else { return nil }
        let room = self
        return { value, sender in try room.push(value, sender: sender) }
    }
}
