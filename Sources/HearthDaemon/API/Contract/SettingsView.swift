import HearthCore

/// The reply of `GET` and `PATCH /v1/settings`: the settings as a client sees them.
/// Pool passwords are never sent back. The daemon encodes it, the CLI decodes it.
public struct SettingsView: Sendable, Hashable, Codable {
    public var mode: Mode
    public var target: Celsius
    public var schedule: String
    /// Fixed fan duty in percent; nil: the fan loop decides.
    public var fanOverride: Double?
    /// Fixed operating point name; nil: the planner decides.
    public var pointOverride: String?
    public var pools: [Pool]
    public var activePool: Int?
    public var tripsCleared: Int
    public var revision: Int

    public struct Pool: Sendable, Hashable, Codable {
        public var url: String
        public var user: String

        public init(url: String, user: String) {
            self.url = url
            self.user = user
        }
    }

    public init(_ s: DaemonSettings) {
        mode = s.mode
        target = Celsius(s.target)
        schedule = s.schedule
        fanOverride = s.fanOverride
        pointOverride = s.pointOverride
        pools = s.pools.map { Pool(url: $0.url, user: $0.user) }
        activePool = s.activePool
        tripsCleared = s.tripsCleared
        revision = s.revision
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case mode, target, schedule, pools, revision
        case fanOverride = "fan_override"
        case pointOverride = "point_override"
        case activePool = "active_pool"
        case tripsCleared = "trips_cleared"
    }

    // Every key is always present (null when unset), as the OpenAPI schema requires.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mode, forKey: .mode)
        try c.encode(target, forKey: .target)
        try c.encode(schedule, forKey: .schedule)
        try c.encode(fanOverride, forKey: .fanOverride)
        try c.encode(pointOverride, forKey: .pointOverride)
        try c.encode(pools, forKey: .pools)
        try c.encode(activePool, forKey: .activePool)
        try c.encode(tripsCleared, forKey: .tripsCleared)
        try c.encode(revision, forKey: .revision)
    }
}
