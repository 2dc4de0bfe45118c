import HearthCore
import HearthSupport

/// `summary`: uptime, hashrate averages and share counts since cgminer started.
/// Hashrates are in MH/s on the wire; a rate the firmware printed as `inf` or `nan`
/// (uptime zero) reads as nil.
public struct SummaryInfo: Sendable, Hashable {
    public var elapsed: Seconds
    public var averageHashrate: HashRate?
    /// The rolling rate of the firmware's log interval (`MHS 5s` on the home models).
    public var recentHashrate: HashRate?
    public var hashrate1m: HashRate?
    public var hashrate5m: HashRate?
    public var hashrate15m: HashRate?
    public var accepted: Int64?
    public var rejected: Int64?
    public var stale: Int64?
    public var hardwareErrors: Int64?
    public var bestShare: Int64?
    public var foundBlocks: Int64?
    public var fields: JSONObject

    public init(_ reply: CGMinerReply) throws(CGMinerCodecError) {
        let r = try reply.firstRecord("SUMMARY")
        fields = r.record
        func rate(_ key: String) throws(CGMinerCodecError) -> HashRate? {
            try r.optionalDouble(key).map { HashRate($0 * 1e6) }
        }
        elapsed = Seconds(try r.double("Elapsed"))
        averageHashrate = try rate("MHS av")
        let rolling = r.record.keys.first { $0.hasPrefix("MHS ") && $0.hasSuffix("s") && $0 != "MHS av" }
        if let rolling { recentHashrate = try rate(rolling) }
        hashrate1m = try rate("MHS 1m")
        hashrate5m = try rate("MHS 5m")
        hashrate15m = try rate("MHS 15m")
        accepted = try r.optionalInteger("Accepted")
        rejected = try r.optionalInteger("Rejected")
        stale = try r.optionalInteger("Stale")
        hardwareErrors = try r.optionalInteger("Hardware Errors")
        bestShare = try r.optionalInteger("Best Share")
        foundBlocks = try r.optionalInteger("Found Blocks")
    }
}
