import HearthSupport
import HearthWork

/// A method the pool calls on the client, with its params checked and typed.
public enum PoolNotification: Sendable, Hashable {
    case notify(MiningJob)
    case setDifficulty(Double)
    /// `mining.set_extranonce`: applies from the next notify on.
    case setExtranonce(ExtranonceSettings)
    case setVersionMask(UInt32)
    /// `client.reconnect [host, port, wait]`; nil host/port mean "the same".
    case reconnect(host: String?, port: Int?, waitSeconds: Int)
    case showMessage(String)
    case getVersion
    case unknown(method: String)

    /// Longest merkle branch accepted (a block of 2^32 transactions needs 32).
    public static let maxMerkleBranch = 32
    /// Extranonce sizes a pool may ask for; more than this is not a real pool.
    public static let maxExtranonceBytes = 32

    public init(method: String, params: [JSONValue]) throws(StratumCodecError) {
        let p = ParamReader(method, params)
        switch method {
        case "mining.notify": self = .notify(try Self.job(p))
        case "mining.set_difficulty":
            let d = try p.number(0)
            guard d.isFinite, d > 0 else { throw .invalidValue(field: p.field(0), reason: "difficulty must be > 0") }
            self = .setDifficulty(d)
        case "mining.set_extranonce":
            let e1 = try p.hex(0)
            let size = try p.integer(1)
            self = .setExtranonce(try Self.extranonce(e1, size, fields: (p.field(0), p.field(1))))
        case "mining.set_version_mask": self = .setVersionMask(try p.word(0))
        case "client.reconnect":
            let host = try p.optional(0).map { v throws(StratumCodecError) in
                guard let s = v.stringValue else { throw .wrongType(field: p.field(0), expected: "string", found: v.typeName) }
                return s
            }
            let port = try p.optional(1).map { v throws(StratumCodecError) in try Self.port(v, field: p.field(1)) }
            var wait = 0
            if let w = p.optional(2) {
                guard let n = w.integerValue ?? w.stringValue.flatMap({ Int64($0) }), n >= 0 else {
                    throw .wrongType(field: p.field(2), expected: "non-negative integer", found: w.typeName)
                }
                wait = Int(clamping: n)
            }
            self = .reconnect(host: host.flatMap { $0.isEmpty ? nil : $0 }, port: port, waitSeconds: wait)
        case "client.show_message": self = .showMessage(try p.string(0))
        case "client.get_version": self = .getVersion
        default: self = .unknown(method: method)
        }
    }

    static func job(_ p: ParamReader) throws(StratumCodecError) -> MiningJob {
        try p.require(count: 9)
        let branchValues = try p.array(4)
        guard branchValues.count <= maxMerkleBranch else {
            throw .invalidValue(field: p.field(4), reason: "\(branchValues.count) hashes, at most \(maxMerkleBranch)")
        }
        let branch = ParamReader(p.field(4), branchValues)
        var hashes: [[UInt8]] = []
        for i in branchValues.indices { hashes.append(try branch.hex(i, bytes: 32)) }
        let jobID = try p.string(0)
        guard !jobID.isEmpty else { throw .invalidValue(field: p.field(0), reason: "empty job id") }
        return MiningJob(
            jobID: jobID, previousHash: try p.hex(1, bytes: 32), coinbase1: try p.hex(2), coinbase2: try p.hex(3),
            merkleBranch: hashes, version: try p.word(5), nbits: try p.word(6), ntime: try p.word(7),
            cleanJobs: try p.bool(8))
    }

    static func extranonce(_ e1: [UInt8], _ size: Int64, fields: (String, String)) throws(StratumCodecError)
        -> ExtranonceSettings
    {
        guard e1.count <= maxExtranonceBytes else {
            throw .invalidValue(field: fields.0, reason: "\(e1.count) bytes, at most \(maxExtranonceBytes)")
        }
        guard (1...Int64(maxExtranonceBytes)).contains(size) else {
            throw .invalidValue(field: fields.1, reason: "extranonce2 size \(size) not in 1…\(maxExtranonceBytes)")
        }
        return ExtranonceSettings(extranonce1: e1, extranonce2Size: Int(size))
    }

    static func port(_ v: JSONValue, field: String) throws(StratumCodecError) -> Int {
        guard let n = v.integerValue ?? v.stringValue.flatMap({ Int64($0) }) else {
            throw .wrongType(field: field, expected: "port number", found: v.typeName)
        }
        guard (1...65535).contains(n) else { throw .invalidValue(field: field, reason: "port \(n) not in 1…65535") }
        return Int(n)
    }
}
