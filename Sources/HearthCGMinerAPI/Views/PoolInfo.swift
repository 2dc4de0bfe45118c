import HearthSupport

/// One entry of `pools`: where the miner sends its work and how that goes.
public struct PoolInfo: Sendable, Hashable {
    public var index: Int
    public var url: String
    /// `Alive`, `Dead`, `Disabled`, `Rejecting`.
    public var status: String?
    public var priority: Int?
    public var user: String?
    public var accepted: Int64?
    public var rejected: Int64?
    public var stale: Int64?
    public var stratumActive: Bool?
    public var stratumDifficulty: Double?
    /// Unix time of the last share the pool accepted.
    public var lastShareTime: Int64?
    public var fields: JSONObject

    public init(_ record: RecordFields) throws(CGMinerCodecError) {
        fields = record.record
        index = Int(try record.integer("POOL"))
        url = try record.string("URL")
        status = record.optionalString("Status")
        priority = try record.optionalInteger("Priority").map { Int($0) }
        user = record.optionalString("User")
        accepted = try record.optionalInteger("Accepted")
        rejected = try record.optionalInteger("Rejected")
        stale = try record.optionalInteger("Stale")
        stratumActive = try record.optionalBool("Stratum Active")
        stratumDifficulty = try record.optionalDouble("Stratum Difficulty")
        lastShareTime = try record.optionalInteger("Last Share Time")
    }

    /// Every pool of a `pools` reply; an empty list when the firmware says "No pools" (code 8).
    public static func all(_ reply: CGMinerReply) throws(CGMinerCodecError) -> [PoolInfo] {
        if reply.status.code == CGMinerStatusCode.noPools { return [] }
        var out: [PoolInfo] = []
        for (i, record) in try reply.records("POOLS").enumerated() {
            out.append(try PoolInfo(RecordFields(record, path: "POOLS[\(i)]")))
        }
        return out
    }
}
