/// Something that can cut and restore a unit's power: a smart plug (HearthPlugs) or
/// a test double. Async: a plug answers over the network.
public protocol PowerSwitch: Sendable {
    /// For messages: "shelly 192.0.2.7" (never a password).
    var name: String { get }
    func set(on: Bool) async throws
}

/// How Hearth stops a unit's heat, in order of preference.
public enum OffSwitch: Sendable, CustomStringConvertible {
    /// The firmware's `softoff`/`softon` (its `help` lists them: Q, Mini 3).
    case softOff
    /// A smart plug in front of the unit.
    case power(any PowerSwitch)
    /// Neither: the lowest setting is as low as it goes, and Hearth says so.
    case floor

    public var description: String {
        switch self {
        case .softOff: "the firmware's soft off"
        case .power(let p): "the plug (\(p.name))"
        case .floor: "none: the lowest setting is the floor"
        }
    }
}
