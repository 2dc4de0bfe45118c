/// Every room sensor of one thermostat and how they combine: checked as a whole (names
/// unique, so status lines and `POST /v1/room-temperature` can tell them apart).
public struct RoomSensorSetup: Sendable, Hashable {
    public var specs: [RoomSensorSpec]
    public var combination: RoomSensorCombination

    public init(specs: [RoomSensorSpec], combination: RoomSensorCombination = .median) throws(RoomSensorSpecError) {
        var seen: Set<String> = []
        for spec in specs where !seen.insert(spec.name).inserted {
            throw RoomSensorSpecError(spec: spec.description, part: "name",
                                      problem: "two room sensors are named '\(spec.name)'; give each its own ?name=")
        }
        self.specs = specs
        self.combination = combination
    }

    /// Parses each `--room-sensor` value in turn; the first bad one is the error.
    public init(parsing texts: [String], combination: RoomSensorCombination = .median) throws(RoomSensorSpecError) {
        var specs: [RoomSensorSpec] = []
        for text in texts { specs.append(try RoomSensorSpec(parsing: text)) }
        try self.init(specs: specs, combination: combination)
    }
}
