import HearthStratum
import HearthWork
import Testing

@Suite struct CodecTests {
    func decode(_ text: String) throws -> StratumMessage {
        try StratumMessage(line: Array(text.utf8))
    }

    func error(_ text: String) -> StratumCodecError? {
        do {
            _ = try decode(text)
            return nil
        } catch let error as StratumCodecError { return error } catch { return nil }
    }

    @Test func requestResponseNotification() throws {
        #expect(try decode(#"{"id":1,"method":"mining.subscribe","params":["hearth/0.1"]}"#)
            == .request(id: .number(1), method: "mining.subscribe", params: [.string("hearth/0.1")]))
        #expect(try decode(#"{"id":null,"method":"mining.set_difficulty","params":[0.0005]}"#)
            == .notification(method: "mining.set_difficulty", params: [.double(0.0005)]))
        #expect(try decode(#"{"method":"client.show_message","params":["hi"]}"#)
            == .notification(method: "client.show_message", params: [.string("hi")]))
        #expect(try decode(#"{"id":"a7","result":true,"error":null}"#)
            == .response(id: .string("a7"), result: .bool(true), error: nil))
        #expect(try decode(#" {"id":4,"result":null,"error":[23,"low difficulty share",null]} "#)
            == .response(id: .number(4), result: .null, error: StratumRPCError(code: 23, message: "low difficulty share")))
        #expect(try decode(#"{"id":5,"error":{"code":-32601,"message":"nope"}}"#)
            == .response(id: .number(5), result: .null, error: StratumRPCError(code: -32601, message: "nope")))
        #expect(try decode(#"{"id":3.0,"result":true,"error":null}"#) == .response(id: .number(3), result: .bool(true), error: nil))
        #expect(try decode(#"{"id":null,"result":null,"error":"parse error"}"#)
            == .response(id: nil, result: .null, error: StratumRPCError(code: 20, message: "parse error")))
    }

    @Test func encodeRoundTrips() throws {
        let messages: [StratumMessage] = [
            StratumRequests.configure(id: 1, versionMask: 0xFFFF_FFFF, minBitCount: 2),
            StratumRequests.subscribe(id: 2, userAgent: "hearth/0.1", sessionID: "deadbeef"),
            StratumRequests.authorize(id: 3, user: "bc1q.worker", password: "x\"\\\n\u{01}é😀"),
            StratumRequests.suggestDifficulty(id: 4, difficulty: 1e-05),
            StratumRequests.submit(id: 5, user: "w", share: ShareSubmission(
                jobID: "1a", extranonce2: [0, 0, 0, 1], ntime: 0x6774_2A01, nonce: 0xDEAD_BEEF, versionBits: 0x0000_6000)),
            .notification(method: "mining.set_difficulty", params: [.double(.infinity)]),
            .response(id: .number(9), result: .null, error: StratumRPCError(code: 21, message: "stale")),
        ]
        for message in messages {
            let line = message.encodedLine
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
            let back = try StratumMessage(line: line.dropLast())
            if case .notification(_, [.double(.infinity)]) = message {
                #expect(back == .notification(method: "mining.set_difficulty", params: [.null]))
            } else {
                #expect(back == message)
            }
        }
        #expect(String(decoding: StratumRequests.submit(id: 5, user: "w", share: ShareSubmission(
            jobID: "1a", extranonce2: [0, 0, 0, 1], ntime: 0x6774_2A01, nonce: 0xDEAD_BEEF, versionBits: 0x6000)
        ).encodedLine, as: UTF8.self)
            == #"{"id":5,"method":"mining.submit","params":["w","1a","00000001","67742a01","deadbeef","00006000"]}"# + "\n")
        #expect(StratumRequests.configure(id: 1, versionMask: 0xFFFF_FFFF, minBitCount: 2).jsonText
            == #"{"id":1,"method":"mining.configure","params":[["version-rolling"],{"version-rolling.mask":"ffffffff","version-rolling.min-bit-count":2}]}"#)
    }

    @Test func malformedJSON() {
        let bad = [
            "", "not json", "{", #"{"id":1,}"#, #"{"id":01,"result":true}"#, #"{"id":1 "result":true}"#,
            #"{"a":"\x"}"#, #"{"a":"\ud800"}"#, "{\"a\":\"\u{01}\"}", #"{"id":1,"result":true} x"#,
            #"{"id":1,"id":2,"result":true}"#, #"{"a":tru}"#, #"{"a":1.}"#, #"{"a":-}"#, #"{"a":1e}"#,
            String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
        ]
        for text in bad {
            guard case .malformedJSON? = error(text) else {
                Issue.record("\(text.prefix(40)) should be malformed JSON, got \(String(describing: error(text)))")
                continue
            }
        }
        #expect(throws: StratumCodecError.self) { try StratumMessage(line: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
        #expect(error("{\"a\"") == .malformedJSON(offset: 4, reason: "expected ':' after key \"a\""))
    }

    @Test func structuralErrorsNameTheField() {
        #expect(error("[1,2]") == .wrongType(field: "message", expected: "object", found: "array"))
        #expect(error(#"{"id":1}"#) == .missingField("method or result"))
        #expect(error(#"{"result":true}"#) == .missingField("id"))
        #expect(error(#"{"id":1,"method":"x"}"#) == .missingField("params"))
        #expect(error(#"{"id":1,"method":7,"params":[]}"#) == .wrongType(field: "method", expected: "string", found: "integer"))
        #expect(error(#"{"id":1,"method":"x","params":{}}"#) == .wrongType(field: "params", expected: "array", found: "object"))
        #expect(error(#"{"id":1.5,"result":true}"#)
            == .wrongType(field: "id", expected: "integer, string or null", found: "number"))
        #expect(error(#"{"id":true,"result":true}"#)
            == .wrongType(field: "id", expected: "integer, string or null", found: "boolean"))
        #expect(error(#"{"id":1,"result":null,"error":[23]}"#) == .missingField("error[1]"))
        #expect(error(#"{"id":1,"result":null,"error":5}"#)
            == .wrongType(field: "error", expected: "array, object or string", found: "integer"))
    }
}
