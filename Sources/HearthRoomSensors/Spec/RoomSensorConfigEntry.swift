import HearthCore

/// One `[[room_sensor]]` table of the daemon's config, as its TOML reader found it:
///
///     [[room_sensor]]
///     spec = "mqtt://hearth@192.168.1.10/zigbee2mqtt/study"
///     password = "…"          # kept out of the URL: no %-encoding needed
///     name = "study"
///     stale = 900             # seconds
///     priority = 1
///     interval = 2            # i2c only
///
/// The keys other than `spec` are the spec's `?options` spelled apart; giving one both
/// ways is an error. Each error's `part` is the key to point at.
public struct RoomSensorConfigEntry: Sendable, Hashable {
    public static let keys = ["spec", "password", "name", "stale", "priority", "interval"]

    public var spec: String
    public var password: String?
    public var name: String?
    public var stale: Double?
    public var priority: Int?
    public var interval: Double?

    public init(spec: String, password: String? = nil, name: String? = nil, stale: Double? = nil, priority: Int? = nil,
                interval: Double? = nil) {
        self.spec = spec
        self.password = password
        self.name = name
        self.stale = stale
        self.priority = priority
        self.interval = interval
    }
}

extension RoomSensorSpec {
    public init(config entry: RoomSensorConfigEntry) throws(RoomSensorSpecError) {
        var spec = try RoomSensorSpec(parsing: entry.spec, password: entry.password)
        let shown = spec.description
        func fail(_ key: String, _ problem: String) -> RoomSensorSpecError {
            RoomSensorSpecError(spec: shown, part: key, problem: problem)
        }
        let (_, inline) = Self.splitOptions(Substring(redactedSpec(entry.spec)))
        let inlineKeys = Set((inline ?? "").split(separator: "&").compactMap { $0.split(separator: "=").first.map { String($0).lowercased() } })
        for key in ["name", "stale", "priority", "interval"] where inlineKeys.contains(key) {
            let given = switch key {
            case "name": entry.name != nil
            case "stale": entry.stale != nil
            case "priority": entry.priority != nil
            default: entry.interval != nil
            }
            if given { throw fail(key, "given both in spec (?\(key)=) and as its own key; keep one") }
        }
        if let name = entry.name {
            guard !name.isEmpty, name.count <= 40, name.allSatisfy({ !$0.isNewline }) else {
                throw fail("name", "1…40 printable characters")
            }
            spec.name = name
            spec.hasExplicitName = true
        }
        if let stale = entry.stale {
            guard Self.staleRange.contains(Seconds(stale)) else {
                throw fail("stale", "\(plain(stale)) is out of range; allowed: 5…86400 seconds")
            }
            spec.staleAfter = Seconds(stale)
        }
        if let priority = entry.priority {
            guard Self.priorityRange.contains(priority) else { throw fail("priority", "\(priority) is not allowed; allowed: 0…99, lower is used first") }
            spec.priority = priority
        }
        if let interval = entry.interval {
            guard case .i2c = spec.source else {
                throw fail("interval", "only an i2c: sensor is polled; \(spec.source.kind) sensors report by themselves")
            }
            guard Self.pollIntervalRange.contains(Seconds(interval)) else {
                throw fail("interval", "\(plain(interval)) is out of range; allowed: 0.5…3600 seconds")
            }
            spec.pollInterval = Seconds(interval)
        }
        self = spec
    }
}
