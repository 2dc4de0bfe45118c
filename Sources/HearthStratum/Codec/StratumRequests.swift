import HearthSupport
import HearthWork

/// The requests a miner sends, as messages ready to encode.
public enum StratumRequests {
    public static func configure(id: Int64, versionMask: UInt32, minBitCount: Int) -> StratumMessage {
        .request(id: .number(id), method: "mining.configure", params: [
            .array([.string("version-rolling")]),
            .object([
                "version-rolling.mask": .string(StratumHex.word(versionMask)),
                "version-rolling.min-bit-count": .integer(Int64(minBitCount)),
            ]),
        ])
    }

    public static func subscribe(id: Int64, userAgent: String, sessionID: String?) -> StratumMessage {
        var params: [JSONValue] = [.string(userAgent)]
        if let sessionID { params.append(.string(sessionID)) }
        return .request(id: .number(id), method: "mining.subscribe", params: params)
    }

    public static func extranonceSubscribe(id: Int64) -> StratumMessage {
        .request(id: .number(id), method: "mining.extranonce.subscribe", params: [])
    }

    public static func authorize(id: Int64, user: String, password: String) -> StratumMessage {
        .request(id: .number(id), method: "mining.authorize", params: [.string(user), .string(password)])
    }

    public static func suggestDifficulty(id: Int64, difficulty: Double) -> StratumMessage {
        .request(id: .number(id), method: "mining.suggest_difficulty", params: [.double(difficulty)])
    }

    /// `[worker, job_id, extranonce2, ntime, nonce, (version bits)]`; numbers as 8 big-endian hex digits.
    public static func submit(id: Int64, user: String, share: ShareSubmission) -> StratumMessage {
        var params: [JSONValue] = [
            .string(user), .string(share.jobID), .string(share.extranonce2.hex),
            .string(StratumHex.word(share.ntime)), .string(StratumHex.word(share.nonce)),
        ]
        if let bits = share.versionBits { params.append(.string(StratumHex.word(bits))) }
        return .request(id: .number(id), method: "mining.submit", params: params)
    }
}

/// `mining.submit` params as a pool reads them.
public struct SubmitParams: Sendable, Hashable {
    public var worker: String
    public var share: ShareSubmission

    public init(params: [JSONValue]) throws(StratumCodecError) {
        let p = ParamReader("mining.submit", params)
        try p.require(count: 5)
        worker = try p.string(0)
        share = ShareSubmission(
            jobID: try p.string(1), extranonce2: try p.hex(2), ntime: try p.word(3), nonce: try p.word(4),
            versionBits: try p.optional(5).map { _ throws(StratumCodecError) in try p.word(5) })
    }
}
