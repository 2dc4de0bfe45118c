import HearthCGMinerAPI
import HearthSupport
import Testing

@Suite struct ReplyEncoderTests {
    private let summary = CGMinerReply.success(
        code: CGMinerStatusCode.summary, message: "Summary", when: 1_765_004_063,
        sections: [CGMinerSection(name: "SUMMARY", records: [[
            ("Elapsed", .integer(133_923)), ("MHS av", .double(6_564_727.78)), ("Accepted", .integer(2612)),
            ("Difficulty Accepted", .double(200_844_480)), ("Pool Rejected%", .double(0.0875)),
            ("Last getwork", .integer(0)),
        ]])])

    @Test func jsonIsCompactInTheFirmwaresOrderWithItsDecimalsAndTerminator() {
        let bytes = ReplyEncoder(form: .json).encode(summary)
        #expect(bytes.last == 0)
        #expect(String(decoding: bytes.dropLast(), as: UTF8.self)
            == #"{"STATUS":[{"STATUS":"S","When":1765004063,"Code":11,"Msg":"Summary","Description":"cgminer 4.11.1"}],"SUMMARY":[{"Elapsed":133923,"MHS av":6564727.78,"Accepted":2612,"Difficulty Accepted":200844480.00000000,"Pool Rejected%":0.0875,"Last getwork":0}],"id":1}"#)
    }

    @Test func plainHasTheHeaderSectionsOfApiC() {
        let bytes = ReplyEncoder(form: .plain).encode(summary)
        #expect(String(decoding: bytes.dropLast(), as: UTF8.self)
            == "STATUS=S,When=1765004063,Code=11,Msg=Summary,Description=cgminer 4.11.1|SUMMARY,Elapsed=133923,MHS av=6564727.78,Accepted=2612,Difficulty Accepted=200844480.00000000,Pool Rejected%=0.0875,Last getwork=0|")
    }

    @Test func bothFormsReadBackToTheSameValues() throws {
        for form in [CGMinerResponse.Form.json, .plain] {
            let reply = try ReplyDecoder.decodeSingle(ReplyEncoder(form: form).encode(summary))
            #expect(reply.status == summary.status)
            let fields = try reply.firstRecord("SUMMARY")
            #expect(try fields.double("MHS av") == 6_564_727.78)
            #expect(try fields.integer("Accepted") == 2612)
        }
    }

    @Test func plainEscapesWhatWouldCutARecord() throws {
        let reply = CGMinerReply.success(code: 7, message: "1 Pool(s)", when: 1, sections: [
            CGMinerSection(name: "POOLS", records: [[("POOL", .integer(0)), ("User", .string(#"a,b|c=d\e"#))]]),
        ])
        let bytes = ReplyEncoder(form: .plain).encode(reply)
        #expect(String(decoding: bytes.dropLast(), as: UTF8.self).hasSuffix(#"POOL=0,User=a\,b\|c\=d\\e|"#))
        #expect(try ReplyDecoder.decodeSingle(bytes).firstRecord("POOLS").optionalString("User") == #"a,b|c=d\e"#)
    }

    @Test func invalidCommandCarriesNoDescription() {
        let reply = CGMinerReply.status(.error, code: CGMinerStatusCode.invalidCommand, message: "Invalid command", when: 9)
        #expect(String(decoding: ReplyEncoder(form: .json).encode(reply).dropLast(), as: UTF8.self)
            == #"{"STATUS":[{"STATUS":"E","When":9,"Code":14,"Msg":"Invalid command"}],"id":1}"#)
    }

    @Test func nonFiniteNumbersAreZeroUnlessTheQuirkIsWanted() throws {
        let reply = CGMinerReply.success(code: 11, message: "Summary", when: 1, sections: [
            CGMinerSection(name: "SUMMARY", records: [[("Elapsed", .integer(0)), ("MHS av", .double(.infinity))]]),
        ])
        let clean = String(decoding: ReplyEncoder(form: .json).encode(reply), as: UTF8.self)
        #expect(clean.contains(#""MHS av":0.00"#))
        let quirky = ReplyEncoder(form: .json, nonFinite: .firmware).encode(reply)
        #expect(String(decoding: quirky, as: UTF8.self).contains(#""MHS av":inf"#))
        #expect(try SummaryInfo(ReplyDecoder.decodeSingle(quirky)).averageHashrate == nil)
    }

    @Test func joinedRepliesDecodeToTheirCommands() throws {
        let version = CGMinerReply.success(code: 22, message: "CGMiner versions", when: 1, sections: [
            CGMinerSection(name: "VERSION", records: [[("PROD", .string("Avalon Mini3")), ("MODEL", .string("Mini3"))]]),
        ])
        for form in [CGMinerResponse.Form.json, .plain] {
            let bytes = ReplyEncoder(form: form).encode(joined: [("version", version), ("summary", summary)])
            let response = try ReplyDecoder.decode(bytes)
            #expect(response.parts.map(\.command) == ["version", "summary"])
            #expect(try VersionInfo(response.reply(for: "version")).model == .mini3)
        }
    }

    @Test func fixedDecimalsKeepLargeAndNegativeValuesExact() {
        #expect(FirmwareNumberFormat.fixed(126_271_255_279_306.98, digits: 8) == "126271255279306.98437500")
        #expect(FirmwareNumberFormat.fixed(-0.004, digits: 2) == "0.00")
        #expect(FirmwareNumberFormat.fixed(-2.5, digits: 0) == "-3")
        #expect(FirmwareNumberFormat.fixed(0.999, digits: 2) == "1.00")
        #expect(FirmwareNumberFormat.fixed(1e20, digits: 1) == "100000000000000000000.0")
    }
}
