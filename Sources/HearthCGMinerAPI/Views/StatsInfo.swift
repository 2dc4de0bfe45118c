import HearthCore
import HearthSupport

/// `stats` and `estats`: one record per device (`ID=AVALON0`, `AVA100`, `AVANANO0`)
/// and, for `stats`, one per pool (`ID=POOL0`). Each device record carries the
/// Avalon telemetry string under `MM ID0` (newer firmware: `MM ID0:Summary`).
public struct StatsInfo: Sendable, Hashable {
    public struct Record: Sendable, Hashable {
        public var id: String?
        public var elapsed: Seconds?
        /// The key the telemetry string came under, if the record has one.
        public var telemetryKey: String?
        public var record: JSONObject
        /// `STATS[1]`
        public var path: String
    }

    public var records: [Record]
    /// The unit's own clock when it answered (the reply's `STATUS` `When`, Unix seconds).
    public var unitTime: Int64?

    public init(_ reply: CGMinerReply) throws(CGMinerCodecError) {
        unitTime = reply.status.when
        var out: [Record] = []
        for (i, record) in try reply.records("STATS").enumerated() {
            let r = RecordFields(record, path: "STATS[\(i)]")
            out.append(Record(id: r.optionalString("ID"),
                              elapsed: try r.optionalDouble("Elapsed").map(Seconds.init),
                              telemetryKey: Self.telemetryKey(in: record),
                              record: record, path: r.path))
        }
        records = out
    }

    /// cgminer's uptime: the first record's `Elapsed`.
    public var elapsed: Seconds? { records.lazy.compactMap(\.elapsed).first }

    /// The telemetry string of the first device record that has one, parsed.
    public func telemetry() throws(CGMinerCodecError) -> AvalonStatsLine {
        guard let record = records.first(where: { $0.telemetryKey != nil }), let key = record.telemetryKey else {
            throw .missingField("STATS[0].MM ID0")
        }
        let fields = RecordFields(record.record, path: record.path)
        return try AvalonStatsLine(try fields.string(key), field: fields.field(key))
    }

    /// The typed estats readings of the first device.
    public func estats(model: AvalonModel? = nil) throws(CGMinerCodecError) -> AvalonEstats {
        var e = try AvalonEstats(try telemetry(), model: model)
        e.unitTime = unitTime
        return e
    }

    /// `MM ID0`, or a variant such as `MM ID0:Summary`.
    static func telemetryKey(in record: JSONObject) -> String? {
        if record["MM ID0"] != nil { return "MM ID0" }
        return record.keys.first { $0.hasPrefix("MM ID") }
    }
}
