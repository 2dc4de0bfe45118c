/// Operating modes a person chooses (or a schedule sets).
public enum Mode: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Thermostat: hold the room at the target with the most efficient points.
    case heat
    /// Maximum hashrate within thermal and power limits; room target ignored.
    case mine
    /// Thermostat with the fan capped at the board's quiet rpm (e.g. at night).
    case quiet
    /// Thermostat with a power cap (a fraction of the board's maximum).
    case eco
    /// Hashing off, fan idle once the chips are cool.
    case off

    public var description: String { rawValue }
    /// Modes in which the room thermostat decides the power.
    public var isThermostatic: Bool { self == .heat || self == .quiet || self == .eco }
}
