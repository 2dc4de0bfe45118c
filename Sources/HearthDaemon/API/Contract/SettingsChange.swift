import HearthCore

/// The request body of `PATCH /v1/settings`: every field optional, absent means
/// "leave as it is". The CLI encodes this type instead of writing JSON by hand, and
/// `SettingsPatch` takes its list of accepted field names from `Field`, so a field
/// renamed here is renamed on both sides (and `SettingsPatch` must handle every case).
public struct SettingsChange: Sendable, Hashable, Codable {
    public var mode: Mode?
    /// Room target; the API also accepts text with a unit ("70F"), the CLI sends °C.
    public var target: Celsius?
    /// Weekly schedule text ("" clears it).
    public var schedule: String?
    /// Fan duty in percent (0…100), or `.auto` for the fan loop.
    public var fanOverride: Override<Double>?
    /// An operating point name or its frequency in MHz as text, or `.auto` for the planner.
    public var pointOverride: Override<String>?
    /// The whole pool list (replaces the current one).
    public var pools: [PoolInput]?
    /// Index into `pools` to mine on first, or `.auto` (the first pool, none without pools).
    public var activePool: Override<Int>?

    public init(mode: Mode? = nil, target: Celsius? = nil, schedule: String? = nil,
                fanOverride: Override<Double>? = nil, pointOverride: Override<String>? = nil,
                pools: [PoolInput]? = nil, activePool: Override<Int>? = nil) {
        self.mode = mode
        self.target = target
        self.schedule = schedule
        self.fanOverride = fanOverride
        self.pointOverride = pointOverride
        self.pools = pools
        self.activePool = activePool
    }

    /// The field names on the wire: the one list both sides use.
    public enum Field: String, CodingKey, CaseIterable, Sendable {
        case mode, target, schedule, pools
        case fanOverride = "fan_override"
        case pointOverride = "point_override"
        case activePool = "active_pool"
    }

    /// A value fixed by a person, or `auto` (JSON `null`): the daemon decides.
    public enum Override<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
        case auto
        case fixed(Value)

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            self = c.decodeNil() ? .auto : .fixed(try c.decode(Value.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .auto: try c.encodeNil()
            case .fixed(let v): try c.encode(v)
            }
        }

        public var value: Value? {
            if case .fixed(let v) = self { v } else { nil }
        }
    }

    /// A pool as a client sends it; without a password the daemon keeps the stored one
    /// for the same url and user.
    public struct PoolInput: Sendable, Hashable, Codable {
        public var url: String
        public var user: String
        public var password: String?

        public init(url: String, user: String, password: String? = nil) {
            self.url = url
            self.user = user
            self.password = password
        }
    }

    // Absent fields stay absent; a present `null` is `.auto` (synthesized decoding
    // would read both as nil and lose "back to automatic").
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Field.self)
        mode = try c.decodeIfPresent(Mode.self, forKey: .mode)
        target = try c.decodeIfPresent(Celsius.self, forKey: .target)
        schedule = try c.decodeIfPresent(String.self, forKey: .schedule)
        pools = try c.decodeIfPresent([PoolInput].self, forKey: .pools)
        func override<V>(_ key: Field, _: V.Type) throws -> Override<V>? {
            guard c.contains(key) else { return nil }
            return try c.decodeNil(forKey: key) ? .auto : .fixed(c.decode(V.self, forKey: key))
        }
        fanOverride = try override(.fanOverride, Double.self)
        pointOverride = try override(.pointOverride, String.self)
        activePool = try override(.activePool, Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Field.self)
        try c.encodeIfPresent(mode, forKey: .mode)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encodeIfPresent(schedule, forKey: .schedule)
        try c.encodeIfPresent(fanOverride, forKey: .fanOverride)
        try c.encodeIfPresent(pointOverride, forKey: .pointOverride)
        try c.encodeIfPresent(pools, forKey: .pools)
        try c.encodeIfPresent(activePool, forKey: .activePool)
    }
}
