/// A room sensor spec that could not be understood: which spec (password hidden), which
/// part of it, and what is allowed there. One line, for the command line and the config.
public struct RoomSensorSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The spec as written, with any password replaced by `<hidden>`.
    public var spec: String
    /// The part at fault: "kind", "host", "port", "topic", "field", "bus", "address", "driver",
    /// "offset", or an option name.
    public var part: String
    public var problem: String

    public init(spec: String, part: String, problem: String) {
        self.spec = spec
        self.part = part
        self.problem = problem
    }

    public var description: String { "room sensor '\(spec)': \(part): \(problem)" }

    /// The forms a spec may take, for errors that don't know which was meant.
    public static let forms = "mqtt://[user:pass@]HOST[:PORT]/TOPIC[#field], push, i2c:BUS:ADDRESS:DRIVER, inlet:OFFSET"
}
