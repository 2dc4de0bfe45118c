import HearthStratum
import HearthSupport
import HearthWork
import Testing

/// Typed decoding of what pools send, on real-shaped params.
@Suite struct PoolMessageTests {
    static let prevhash = "4d16b6f85af6e2198f44ae2a6de67f78487ae5611b77c6c0440b921e00000000"
    static let coinb1 = "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff20020862062f503253482f04b8864e5008"
    static let coinb2 = "072f736c7573682f000000000100f2052a010000001976a914d23fcdf86f7e756a64a7a9688ef9903327048ed988ac00000000"

    func notifyParams(_ changes: (inout [JSONValue]) -> Void = { _ in }) -> [JSONValue] {
        var p: [JSONValue] = [
            .string("bf"), .string(Self.prevhash), .string(Self.coinb1), .string(Self.coinb2),
            .array([.string(String(repeating: "ab", count: 32))]), .string("20000000"), .string("1d00ffff"),
            .string("504e86b9"), .bool(true),
        ]
        changes(&p)
        return p
    }

    func notifyError(_ changes: (inout [JSONValue]) -> Void) -> StratumCodecError? {
        do {
            _ = try PoolNotification(method: "mining.notify", params: notifyParams(changes))
            return nil
        } catch { return error }
    }

    @Test func notifyBecomesAJob() throws {
        guard case .notify(let job) = try PoolNotification(method: "mining.notify", params: notifyParams()) else {
            Issue.record("not a notify")
            return
        }
        #expect(job.jobID == "bf")
        #expect(job.previousHash.hex == Self.prevhash)
        #expect(job.coinbase1.hex == Self.coinb1 && job.coinbase2.hex == Self.coinb2)
        #expect(job.merkleBranch == [[UInt8](repeating: 0xAB, count: 32)])
        #expect(job.version == 0x2000_0000 && job.nbits == 0x1D00_FFFF && job.ntime == 0x504E_86B9)
        #expect(job.cleanJobs)
    }

    @Test func notifyErrorsNameTheParam() {
        #expect(notifyError { $0.removeLast() } == .missingField("mining.notify[8]"))
        #expect(notifyError { $0[0] = .integer(1) } == .wrongType(field: "mining.notify[0]", expected: "string", found: "integer"))
        #expect(notifyError { $0[1] = .string("00") } == .invalidValue(field: "mining.notify[1]", reason: "expected 32 bytes, got 1"))
        #expect(notifyError { $0[2] = .string("0g") } == .invalidValue(field: "mining.notify[2]", reason: "non-hex character at 0"))
        #expect(notifyError { $0[3] = .string("abc") } == .invalidValue(field: "mining.notify[3]", reason: "odd length 3"))
        #expect(notifyError { $0[4] = .string("x") } == .wrongType(field: "mining.notify[4]", expected: "array", found: "string"))
        #expect(notifyError { $0[4] = .array([.string("ab")]) }
            == .invalidValue(field: "mining.notify[4][0]", reason: "expected 32 bytes, got 1"))
        #expect(notifyError { $0[4] = .array(Array(repeating: .string(String(repeating: "00", count: 32)), count: 33)) }
            == .invalidValue(field: "mining.notify[4]", reason: "33 hashes, at most 32"))
        #expect(notifyError { $0[5] = .string("2000000") }
            == .invalidValue(field: "mining.notify[5]", reason: "expected 8 hex characters, got 7"))
        #expect(notifyError { $0[6] = .integer(0x1D00_FFFF) } == .wrongType(field: "mining.notify[6]", expected: "string", found: "integer"))
        #expect(notifyError { $0[7] = .string("zzzzzzzz") } == .invalidValue(field: "mining.notify[7]", reason: "non-hex character at 0"))
        #expect(notifyError { $0[8] = .string("true") } == .wrongType(field: "mining.notify[8]", expected: "boolean", found: "string"))
    }

    @Test func otherPoolCalls() throws {
        #expect(try PoolNotification(method: "mining.set_difficulty", params: [.double(0.0005)]) == .setDifficulty(0.0005))
        #expect(try PoolNotification(method: "mining.set_difficulty", params: [.integer(512)]) == .setDifficulty(512))
        #expect(throws: StratumCodecError.invalidValue(field: "mining.set_difficulty[0]", reason: "difficulty must be > 0")) {
            try PoolNotification(method: "mining.set_difficulty", params: [.integer(0)])
        }
        #expect(try PoolNotification(method: "mining.set_extranonce", params: [.string("0a0b0c0d"), .integer(6)])
            == .setExtranonce(ExtranonceSettings(extranonce1: [10, 11, 12, 13], extranonce2Size: 6)))
        #expect(throws: StratumCodecError.invalidValue(field: "mining.set_extranonce[1]", reason: "extranonce2 size 0 not in 1…32")) {
            try PoolNotification(method: "mining.set_extranonce", params: [.string("0a"), .integer(0)])
        }
        #expect(try PoolNotification(method: "mining.set_version_mask", params: [.string("1fffe000")]) == .setVersionMask(0x1FFF_E000))
        #expect(try PoolNotification(method: "client.reconnect", params: [.string("pool.example"), .string("3334"), .integer(5)])
            == .reconnect(host: "pool.example", port: 3334, waitSeconds: 5))
        #expect(try PoolNotification(method: "client.reconnect", params: []) == .reconnect(host: nil, port: nil, waitSeconds: 0))
        #expect(throws: StratumCodecError.invalidValue(field: "client.reconnect[1]", reason: "port 70000 not in 1…65535")) {
            try PoolNotification(method: "client.reconnect", params: [.null, .integer(70000)])
        }
        #expect(throws: StratumCodecError.wrongType(field: "client.reconnect[2]", expected: "non-negative integer", found: "integer")) {
            try PoolNotification(method: "client.reconnect", params: [.null, .null, .integer(-1)])
        }
        #expect(try PoolNotification(method: "client.show_message", params: [.string("hello miner")]) == .showMessage("hello miner"))
        #expect(try PoolNotification(method: "client.get_version", params: []) == .getVersion)
        #expect(try PoolNotification(method: "mining.frobnicate", params: [.integer(1)]) == .unknown(method: "mining.frobnicate"))
    }

    @Test func handshakeResults() throws {
        let ckpool = try StratumMessage(line: Array(#"{"id":2,"result":[[["mining.notify","ae6812eb4cd7735a302a8a9dd95cf71f"]],"08000002",4],"error":null}"#.utf8))
        guard case .response(_, let result, nil) = ckpool else { Issue.record("not a response"); return }
        #expect(try SubscribeResult(result: result)
            == SubscribeResult(sessionID: "ae6812eb4cd7735a302a8a9dd95cf71f",
                               extranonce: ExtranonceSettings(extranonce1: [8, 0, 0, 2], extranonce2Size: 4)))
        let pairs: JSONValue = .array([
            .array([.array([.string("mining.set_difficulty"), .string("d1")]), .array([.string("mining.notify"), .string("n1")])]),
            .string("f8002c90"), .integer(8),
        ])
        #expect(try SubscribeResult(result: pairs).sessionID == "n1")
        #expect(try SubscribeResult(result: .array([.null, .string(""), .integer(8)])).sessionID == nil)
        #expect(throws: StratumCodecError.missingField("result[2]")) { try SubscribeResult(result: .array([.null, .string("00")])) }
        #expect(throws: StratumCodecError.wrongType(field: "result[2]", expected: "integer", found: "string")) {
            try SubscribeResult(result: .array([.null, .string("00"), .string("4")]))
        }
        #expect(throws: StratumCodecError.wrongType(field: "result", expected: "array", found: "boolean")) {
            try SubscribeResult(result: .bool(true))
        }

        #expect(try ConfigureResult(result: .object(["version-rolling": .bool(true), "version-rolling.mask": .string("1fffe000")]))
            == ConfigureResult(versionMask: 0x1FFF_E000))
        #expect(try ConfigureResult(result: .object(["version-rolling": .bool(false)])).versionMask == 0)
        #expect(try ConfigureResult(result: .object([:])).versionMask == 0)
        #expect(throws: StratumCodecError.missingField("result.version-rolling.mask")) {
            try ConfigureResult(result: .object(["version-rolling": .bool(true)]))
        }
        #expect(throws: StratumCodecError.wrongType(field: "result.version-rolling", expected: "boolean", found: "string")) {
            try ConfigureResult(result: .object(["version-rolling": .string("yes")]))
        }

        #expect(PoolVerdict(result: .bool(true), error: nil) == .yes)
        #expect(PoolVerdict(result: .null, error: StratumRPCError(code: 24, message: "unauthorized worker")) == .no("unauthorized worker"))
        #expect(PoolVerdict(result: .bool(false), error: nil) == .no("pool answered false"))
    }

    @Test func submitParamsRoundTrip() throws {
        let share = ShareSubmission(jobID: "7", extranonce2: [1, 2, 3, 4], ntime: 0x504E_86B9, nonce: 0x0000_00FF, versionBits: nil)
        guard case .request(_, _, let params) = StratumRequests.submit(id: 1, user: "u", share: share) else { return }
        #expect(try SubmitParams(params: params).share == share)
        #expect(throws: StratumCodecError.invalidValue(field: "mining.submit[4]", reason: "expected 8 hex characters, got 2")) {
            try SubmitParams(params: [.string("u"), .string("7"), .string("01020304"), .string("504e86b9"), .string("ff")])
        }
    }
}
