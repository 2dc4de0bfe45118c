/// How several fresh room sensors make one room temperature.
public enum RoomSensorCombination: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The median of every fresh sensor: one sensor in the sun or by the door is outvoted.
    case median
    /// The first fresh sensor by priority (then by the order given): a trusted sensor with backups.
    case priority

    /// Parses `median` or `priority`, naming the allowed values otherwise.
    public init(parsing text: String) throws(RoomSensorSpecError) {
        guard let value = Self(rawValue: text.lowercased()) else {
            throw RoomSensorSpecError(spec: text, part: "combination",
                                      problem: "unknown; allowed: \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = value
    }

    public var description: String { rawValue }
}
