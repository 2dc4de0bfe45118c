/// Why a decision is what it is. Each has a stable string form (`code`) used in
/// JSON reports, the API, metrics and logs; nothing matches on free text.
public enum DecisionReason: Sendable, Hashable, CustomStringConvertible {
    /// The weekly schedule set this tick's mode or target.
    case schedule
    /// The supervisor's thermal throttle lowered the power ceiling.
    case throttle
    case ecoCap
    case priceCap
    /// Quiet mode: the capped fan can't hold the chips, so power gives way.
    case quietLimit
    /// Demand is under the lowest useful point: boiler-style off phase.
    case cyclingOff
    case pointOverride
    case fanOverride
    /// A slow or remote device has not delivered its first readings: nothing runs yet.
    case awaitingDevice
    /// The supervisor latched the safe state.
    case tripped(TripCode)

    public var code: String {
        switch self {
        case .schedule: "schedule"
        case .throttle: "throttle"
        case .ecoCap: "eco_cap"
        case .priceCap: "price_cap"
        case .quietLimit: "quiet_limit"
        case .cyclingOff: "cycling_off"
        case .pointOverride: "point_override"
        case .fanOverride: "fan_override"
        case .awaitingDevice: "awaiting_device"
        case .tripped(let trip): "tripped:\(trip.rawValue)"
        }
    }

    public var description: String { code }

    /// Reads the stable string form back (API clients, tests).
    public init?(code: String) {
        if code.hasPrefix("tripped:") {
            guard let trip = TripCode(rawValue: String(code.dropFirst("tripped:".count))) else { return nil }
            self = .tripped(trip)
            return
        }
        let simple: [DecisionReason] = [.schedule, .throttle, .ecoCap, .priceCap, .quietLimit, .cyclingOff,
                                        .pointOverride, .fanOverride, .awaitingDevice]
        guard let match = simple.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}

extension Array where Element == DecisionReason {
    /// The stable string forms, in order.
    public var codes: [String] { map(\.code) }
}
