import HearthCore
import HearthSupport

/// What the entities show, as the daemon last saw it. Absent readings stay nil and go
/// out as JSON null, which Home Assistant shows as "unknown" (never as 0 °C).
public struct HeaterState: Sendable, Hashable {
    public var mode: Mode
    public var target: Celsius
    public var room: Celsius?
    public var chip: Celsius?
    public var power: Watts?
    public var hashrate: HashRate
    public var fanDuty: DutyCycle
    public var hashing: Bool
    public var sharesAccepted: Int?
    /// Per kWh of heat, in the configured currency (electricity less mining revenue); nil: unknown.
    public var netCostPerKWhHeat: EnergyPrice?
    /// The latched trip's reason; nil when none is latched.
    public var trip: String?

    public init(mode: Mode, target: Celsius, room: Celsius?, chip: Celsius?, power: Watts?, hashrate: HashRate,
                fanDuty: DutyCycle, hashing: Bool, sharesAccepted: Int?, netCostPerKWhHeat: EnergyPrice?, trip: String?) {
        self.mode = mode
        self.target = target
        self.room = room
        self.chip = chip
        self.power = power
        self.hashrate = hashrate
        self.fanDuty = fanDuty
        self.hashing = hashing
        self.sharesAccepted = sharesAccepted
        self.netCostPerKWhHeat = netCostPerKWhHeat
        self.trip = trip
    }

    /// HA's HVAC mode: everything but `off` heats the room.
    public var hvacMode: String { mode == .off ? "off" : "heat" }

    /// HA's preset: Hearth's other modes; `none` for plain `heat`.
    public var preset: String { HomeAssistantPreset.allCases.first { $0.mode == mode }?.rawValue ?? HomeAssistantPreset.none }

    /// HA's `hvac_action`: heating while the board hashes (every watt is heat), idle while
    /// a thermostatic mode waits, off when switched off.
    public var action: String {
        if mode == .off { return "off" }
        return hashing ? "heating" : "idle"
    }

    /// The retained payload of the state topic; the discovery templates read its keys.
    public var payload: JSONValue {
        func number(_ v: Double?, decimals: Double) -> JSONValue {
            guard let v, v.isFinite else { return .null }
            return .number((v * decimals).rounded() / decimals)
        }
        return .object([
            ("mode", .string(hvacMode)),
            ("preset", .string(preset)),
            ("action", .string(action)),
            ("target_c", number(target.value, decimals: 10)),
            ("room_c", number(room?.value, decimals: 100)),
            ("chip_c", number(chip?.value, decimals: 10)),
            ("power_w", number(power?.value, decimals: 10)),
            ("hashrate_ths", number(hashrate.value / 1e12, decimals: 1000)),
            ("fan_pct", number(fanDuty.value * 100, decimals: 10)),
            ("shares_accepted", sharesAccepted.map { .integer(Int64($0)) } ?? .null),
            ("net_cost_per_kwh_heat", number(netCostPerKWhHeat?.value, decimals: 10_000)),
            ("trip", .string(trip == nil ? "OFF" : "ON")),
            ("trip_reason", trip.map(JSONValue.string) ?? .null),
        ])
    }
}

/// Hearth's modes other than heat and off, as HA climate presets.
public enum HomeAssistantPreset: String, Sendable, CaseIterable {
    case eco, quiet, mine
    /// HA's word for "no preset".
    public static let none = "none"
    public var mode: Mode {
        switch self {
        case .eco: .eco
        case .quiet: .quiet
        case .mine: .mine
        }
    }
}
