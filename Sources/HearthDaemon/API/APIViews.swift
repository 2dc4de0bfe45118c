/// Settings as the API shows them: pool passwords are never sent back.
struct SettingsView: Encodable {
    var settings: DaemonSettings
    init(_ s: DaemonSettings) { settings = s }

    struct Pool: Encodable { var url: String; var user: String }

    enum CodingKeys: String, CodingKey {
        case mode, target, schedule, pools, revision
        case fanOverride = "fan_override"
        case pointOverride = "point_override"
        case activePool = "active_pool"
        case tripsCleared = "trips_cleared"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(settings.mode.rawValue, forKey: .mode)
        try c.encode(settings.target, forKey: .target)
        try c.encode(settings.schedule, forKey: .schedule)
        try c.encode(settings.fanOverride, forKey: .fanOverride)
        try c.encode(settings.pointOverride, forKey: .pointOverride)
        try c.encode(settings.pools.map { Pool(url: $0.url, user: $0.user) }, forKey: .pools)
        try c.encode(settings.activePool, forKey: .activePool)
        try c.encode(settings.tripsCleared, forKey: .tripsCleared)
        try c.encode(settings.revision, forKey: .revision)
    }
}

struct HistoryView: Encodable {
    var resolution: Double
    var samples: [HistoryRing.Sample]
    enum CodingKeys: String, CodingKey {
        case samples
        case resolution = "resolution_s"
    }
}

struct TripsView: Encodable {
    var trips: [TripRecord]
    var latched: TripRecord?
}
