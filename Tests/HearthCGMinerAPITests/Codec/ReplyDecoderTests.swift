import HearthCGMinerAPI
import HearthSupport
import Testing

@Suite struct ReplyDecoderTests {
    private func decode(_ text: String, terminated: Bool = true) throws -> CGMinerResponse {
        try ReplyDecoder.decode(Array(text.utf8) + (terminated ? [0] : []))
    }

    @Test func aJSONReplyKeepsStatusSectionsAndId() throws {
        let response = try decode(#"{"STATUS":[{"STATUS":"S","When":5,"Code":22,"Msg":"CGMiner versions","Description":"cgminer 4.11.1"}],"VERSION":[{"PROD":"Avalon Q","MODEL":"Q"}],"id":1}"#)
        #expect(response.form == .json)
        let reply = try response.single()
        #expect(reply.status == CGMinerStatus(severity: .success, code: 22, message: "CGMiner versions", when: 5,
                                              minerDescription: "cgminer 4.11.1"))
        #expect(reply.sections.map(\.name) == ["VERSION"])
        #expect(reply.id == 1)
    }

    @Test func infinityInASummaryReadsAsAbsent() throws {
        let reply = try decode(#"{"STATUS":[{"STATUS":"S","When":5,"Code":11,"Msg":"Summary"}],"SUMMARY":[{"Elapsed":0,"MHS av":inf,"MHS 5s":-nan,"MHS 1m":0.00,}],"id":1}"#).single()
        let summary = try SummaryInfo(reply)
        #expect(summary.elapsed.value == 0)
        #expect(summary.averageHashrate == nil)
        #expect(summary.recentHashrate == nil)
        #expect(summary.hashrate1m?.value == 0)
    }

    @Test func theFirmwaresJoinedJSONGivesOnePartPerCommand() throws {
        let response = try decode(#"{"version":[{"STATUS":[{"STATUS":"S","Code":22,"Msg":"CGMiner versions"}],"VERSION":[{"PROD":"Avalon Nano3s"}],"id":1}],"summary":[{"STATUS":[{"STATUS":"S","Code":11,"Msg":"Summary"}],"SUMMARY":[{"Elapsed":9}],"id":1}],"id":1}"#)
        #expect(response.parts.map(\.command) == ["version", "summary"])
        #expect(try VersionInfo(response.reply(for: "version")).product == "Avalon Nano3s")
        #expect(try SummaryInfo(response.reply(for: "summary")).elapsed.value == 9)
    }

    @Test func repliesJammedTogetherAreRead() throws {
        let response = try decode(#"{"STATUS":[{"STATUS":"S","Code":11,"Msg":"Summary"}],"SUMMARY":[{"Elapsed":1}],"id":1}{"STATUS":[{"STATUS":"S","Code":7,"Msg":"1 Pool(s)"}],"POOLS":[{"POOL":0,"URL":"stratum+tcp://p:3333"}],"id":1}"#)
        #expect(response.parts.count == 2)
        #expect(try PoolInfo.all(response.parts[1].reply).map(\.url) == ["stratum+tcp://p:3333"])
    }

    @Test func garbageIsReportedAtItsByteInTheReplyAsSent() {
        // The `inf` before it grows by one byte when normalized; the offset must not move.
        let text = #"{"STATUS":[{"STATUS":"S","Code":1,"Msg":"x"}],"A":[{"v":inf}],"B":@}"#
        let at = Array(text.utf8).firstIndex(of: UInt8(ascii: "@"))!
        #expect(throws: CGMinerCodecError.garbage(offset: at, reason: "unexpected character '@'")) {
            try decode(text)
        }
    }

    @Test func aReplyThatLostItsHeadIsGarbageAtByteZero() {
        // pyasic patches `,"id":1}` into `{"id":1}`; Hearth reports it.
        #expect(throws: CGMinerCodecError.garbage(offset: 0, reason: "unexpected character ','")) {
            try decode(#","id":1}"#)
        }
    }

    @Test func jsonWithoutStatusIsNotAReply() {
        #expect(throws: CGMinerCodecError.unexpectedShape(path: "reply.foo", reason: "expected a list holding one reply, found integer")) {
            try decode(#"{"foo":1}"#)
        }
    }

    @Test func aStatusWithAnUnknownSeverityIsNamed() {
        #expect(throws: CGMinerCodecError.invalidValue(field: "STATUS[0].STATUS", reason: "'X' is not one of S, I, W, E, F")) {
            try decode(#"{"STATUS":[{"STATUS":"X","Code":1,"Msg":"?"}],"id":1}"#)
        }
    }

    @Test func plainRepliesSplitRecordsFieldsAndSections() throws {
        let reply = try decode("STATUS=S,When=7,Code=7,Msg=2 Pool(s),Description=cgminer 4.11.1|POOL=0,URL=stratum+tcp://a:1,Status=Alive|POOL=1,URL=stratum+tcp://b:2,Status=Dead|").single()
        #expect(reply.status.code == 7)
        #expect(reply.status.when == 7)
        let pools = try PoolInfo.all(reply)
        #expect(pools.map(\.index) == [0, 1])
        #expect(pools.map(\.status) == ["Alive", "Dead"])
    }

    @Test func plainEscapesAndTheUnescapedEstatsCommaAreRead() throws {
        let reply = try decode(#"STATUS=S,Code=70,Msg=CGMiner stats|STATS=0,ID=AVALON0,MM ID0=Ver[Mini3-1] SYSTEMSTATU[Work: In Work, Hash Board: 1] TMax[86],User=a\,b\|c\=d,MM Count=1|"#).single()
        let record = try reply.firstRecord("STATS")
        #expect(record.optionalString("MM ID0") == "Ver[Mini3-1] SYSTEMSTATU[Work: In Work, Hash Board: 1] TMax[86]")
        #expect(record.optionalString("User") == "a,b|c=d")
        #expect(try record.integer("MM Count") == 1)
    }

    @Test func aCommaOutsideBracketsContinuesTheValueBeforeIt() throws {
        let reply = try decode("STATUS=S,Code=70,Msg=x|STATS=0,Note=one, two,ID=AVA|").single()
        let record = try reply.firstRecord("STATS")
        #expect(record.optionalString("Note") == "one, two")
        #expect(record.optionalString("ID") == "AVA")
    }

    @Test func plainJoinedRepliesFollowTheirCMDMarkers() throws {
        let response = try decode("CMD=version|STATUS=S,Code=22,Msg=CGMiner versions|VERSION,PROD=Avalon Q,MODEL=Q|CMD=summary|STATUS=S,Code=11,Msg=Summary|SUMMARY,Elapsed=3|")
        #expect(response.parts.map(\.command) == ["version", "summary"])
        #expect(try VersionInfo(response.reply(for: "version")).model == .q)
    }

    @Test func plainTextThatIsNotUTF8IsGarbageAtTheBadByte() {
        let bytes = Array("STATUS=S,Code=1,Msg=ok".utf8) + [0xFF] + Array("|".utf8) + [0]
        #expect(throws: CGMinerCodecError.garbage(offset: 22, reason: "not UTF-8 text")) {
            try ReplyDecoder.decode(bytes)
        }
    }

    @Test func plainTextWithoutStatusIsGarbage() {
        #expect(throws: CGMinerCodecError.garbage(offset: 0, reason: "expected a STATUS=… record, found 'HTTP/1.1 400 Bad Request'")) {
            try decode("HTTP/1.1 400 Bad Request|")
        }
    }
}
