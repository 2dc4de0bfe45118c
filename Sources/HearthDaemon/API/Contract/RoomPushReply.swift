/// What `POST /v1/room-temperature` answers.
public struct RoomPushReply: Sendable, Hashable, Codable {
    public var accepted: Bool
    public var temperatureC: Double
    public init(accepted: Bool, temperatureC: Double) {
        self.accepted = accepted
        self.temperatureC = temperatureC
    }
    enum CodingKeys: String, CodingKey {
        case accepted
        case temperatureC = "temperature_c"
    }
}
