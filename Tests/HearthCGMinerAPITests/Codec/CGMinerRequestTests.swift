import HearthCGMinerAPI
import Testing

@Suite struct CGMinerRequestTests {
    @Test func bothFormsAreWrittenWithoutANewline() {
        let ascset = CGMinerRequest("ascset", parameter: "0,worklevel,set,1")
        #expect(String(decoding: ascset.encoded(.json), as: UTF8.self) == #"{"command":"ascset","parameter":"0,worklevel,set,1"}"#)
        #expect(String(decoding: ascset.encoded(.plain), as: UTF8.self) == "ascset|0,worklevel,set,1")
        #expect(String(decoding: CGMinerRequest("estats").encoded(.json), as: UTF8.self) == #"{"command":"estats"}"#)
        #expect(CGMinerRequest("version+summary+estats").commands == ["version", "summary", "estats"])
    }

    @Test func serverReadsPlainAndJSONAsTheFirmwareDoes() throws {
        let plain = try CGMinerRequest.decode(Array("ascset|0,fan-spd,-1\n".utf8))
        #expect(plain.form == .plain)
        #expect(plain.request == CGMinerRequest("ascset", parameter: "0,fan-spd,-1"))
        let json = try CGMinerRequest.decode(Array(#"{"command":"switchpool","parameter":2}"#.utf8) + [0])
        #expect(json.form == .json)
        #expect(json.request.parameter == "2")
        // The firmware drops the parameter of joined commands.
        #expect(try CGMinerRequest.decode(Array("summary+pools|x".utf8)).request.parameter == nil)
    }

    @Test func badRequestsMapToTheFirmwaresCodes() {
        #expect(throws: CGMinerRequestError.invalidJSON(offset: 11, reason: "unexpected end of input")) {
            try CGMinerRequest.decode(Array(#"{"command":"#.utf8))
        }
        #expect(throws: CGMinerRequestError.missingCommand) { try CGMinerRequest.decode(Array(#"{"cmd":"x"}"#.utf8)) }
        #expect(throws: CGMinerRequestError.commandNotText(found: "integer")) {
            try CGMinerRequest.decode(Array(#"{"command":5}"#.utf8))
        }
        #expect(CGMinerRequestError.missingCommand.statusCode == 24)
        #expect(CGMinerRequestError.invalidJSON(offset: 0, reason: "").statusCode == 23)
        #expect(throws: CGMinerRequestError.tooLong(5000, limit: 4095)) {
            try CGMinerRequest.decode([UInt8](repeating: 0x61, count: 5000))
        }
    }
}
