import HearthCGMinerAPI
import HearthCore
import HearthSupport
import Testing

/// The client against a fake single-threaded firmware on loopback; each test has
/// its own address in 127.0.0.80…99.
@Suite struct CGMinerClientTests {
    /// A reply the way the fake firmware sends it for `request`, from the recorded fixtures.
    static func fixtureReply(_ text: String) -> FakeReply {
        let fixture: (String) -> String = { (try? Fixtures.text($0)) ?? "" }
        let ok = #"{"STATUS":[{"STATUS":"S","When":1,"Code":119,"Msg":"ASC 0 set OK","Description":"cgminer 4.11.1"}],"id":1}"#
        guard let request = try? CGMinerRequest.decode(Array(text.utf8)).request else {
            return .reply(#"{"STATUS":[{"STATUS":"E","When":1,"Code":23,"Msg":"Invalid JSON"}],"id":1}"#)
        }
        switch (request.command, request.parameter) {
        case ("version", _): return .reply(fixture("nano3s-version.json"))
        case ("summary", _): return .reply(fixture("nano3s-summary.json"))
        case ("stats", _), ("estats", _):
            let line = fixture("nano3s-estats.mmid0.txt")
            return .reply(#"{"STATUS":[{"STATUS":"S","When":1,"Code":70,"Msg":"CGMiner stats","Description":"cgminer 4.11.1"}],"STATS":[{"STATS":0,"ID":"AVA100","Elapsed":10010,"MM ID0":"\#(line)","MM Count":1,"Nonce Mask":25}],"id":1}"#)
        case ("pools", _):
            return .reply(#"{"STATUS":[{"STATUS":"S","When":1,"Code":7,"Msg":"1 Pool(s)","Description":"cgminer 4.11.1"}],"POOLS":[{"POOL":0,"URL":"stratum+tcp://pool.example:3333","Status":"Alive","Priority":0,"User":"w.nano","Accepted":2612,"Rejected":2,"Stale":14,"Stratum Active":true,"Stratum Difficulty":40000.00000000,"Last Share Time":1765004143,}],"id":1}"#)
        case ("ascset", "0,help"?):
            return .reply(#"{"STATUS":[{"STATUS":"I","When":1,"Code":118,"Msg":"ASC 0 set info: help|voltage|fan-spd|ledmode|ledset|lcd|nightlamp|wallpaper|hash-sn-read|volt-adjust-switch|workmode|worklevel|work_mode_lvl|reboot|filter-clean|facopts|faclock|frequency|loop|password|qr_auth|","Description":"cgminer 4.11.1"}],"id":1}"#)
        case ("ascset", let parameter?) where parameter.hasPrefix("0,softoff"):
            return .reply(#"{"STATUS":[{"STATUS":"E","When":1,"Code":120,"Msg":"ASC 0 set failed: Unknown option: softoff","Description":"cgminer 4.11.1"}],"id":1}"#)
        case ("ascset", _): return .reply(ok)
        default: return .reply(#"{"STATUS":[{"STATUS":"E","When":1,"Code":14,"Msg":"Invalid command"}],"id":1}"#)
        }
    }

    private func withServer(_ host: String, options: CGMinerClientOptions = CGMinerClientOptions(),
                            respond: @escaping @Sendable (String) -> FakeReply = fixtureReply,
                            _ body: (FakeFirmwareServer, CGMinerClient) async throws -> Void) async throws
    {
        let server = try await FakeFirmwareServer(host: host, respond: respond)
        let client = CGMinerClient(endpoint: server.endpoint, options: options)
        do {
            try await body(server, client)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    private func failure(_ body: () async throws -> Void) async -> CGMinerClientError? {
        do {
            try await body()
            return nil
        } catch let error as CGMinerClientError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func everyReadingCommandComesBackTyped() async throws {
        try await withServer("127.0.0.80") { server, client in
            let version = try await client.version()
            #expect(version.model == .nano3s)
            #expect(version.firmware == "25021401_56abae7")
            let summary = try await client.summary()
            #expect(summary.accepted == 2612)
            let estats = try await client.estats()
            #expect(estats.wallPower == Watts(133))
            #expect(estats.workMode == 2)
            let stats = try await client.stats()
            #expect(stats.elapsed == Seconds(10010))
            #expect(try stats.estats().hottestChip == Celsius(95))
            let pools = try await client.pools()
            #expect(pools.map(\.url) == ["stratum+tcp://pool.example:3333"])
            #expect(pools.first?.stratumActive == true)
            #expect(server.counters.requests == [
                #"{"command":"version"}"#, #"{"command":"summary"}"#, #"{"command":"estats"}"#, #"{"command":"stats"}"#,
                #"{"command":"pools"}"#,
            ])
            #expect(await client.counters.opened == 5)
        }
    }

    @Test func ascsetWritesAndHelpAreResults() async throws {
        try await withServer("127.0.0.81") { server, client in
            #expect(try await client.ascset(.setWorkMode(1)) == .ok)
            let options = try await client.supportedOptions()
            #expect(!options.supports("softoff"))
            #expect(options.options == AvalonOptions.nano3sOpenFirmware)
            // Refused by the firmware: a result, not an error.
            #expect(try await client.ascset(.softOff(atUnixTime: 1_753_434_821)) == .failed("Unknown option: softoff"))
            #expect(server.counters.requests.first == #"{"command":"ascset","parameter":"0,workmode,set,1"}"#)
        }
    }

    @Test func plainRequestsGoOutPlain() async throws {
        try await withServer("127.0.0.82", options: CGMinerClientOptions(requestForm: .plain),
                             respond: { _ in .reply((try? Fixtures.text("mini3-version.txt")) ?? "") }) { server, client in
            let version = try await client.version()
            #expect(version.model == .mini3)
            #expect(version.firmware == "25011701_3f53b19")
            #expect(try await client.ascset(.setWorkLevel(1)) == .other(CGMinerStatus(
                severity: .success, code: 22, message: "CGMiner versions", when: 1_742_265_580, minerDescription: "cgminer 4.11.1")))
            #expect(server.counters.requests == ["version", "ascset|0,worklevel,set,1"])
        }
    }

    @Test func quirkyRepliesAreRead() async throws {
        let quirky = #"{"STATUS":[{"STATUS":"S","When":1,"Code":11,"Msg":"Summary","Description":"cgminer 4.11.1",}],"SUMMARY":[{"Elapsed":0,"MHS av":inf,"MHS 5s":-nan,"Accepted":0,}],"id":1}"#
        try await withServer("127.0.0.83", respond: { _ in .reply(quirky) }) { _, client in
            let summary = try await client.summary()
            #expect(summary.averageHashrate == nil)
            #expect(summary.accepted == 0)
        }
    }

    @Test func aReplyWithoutItsTerminatorIsCutShort() async throws {
        let body = Array(#"{"STATUS":[{"STATUS":"S","Code":11,"Msg":"Summary"}],"SUMMARY":[{"Elapsed":1}],"id":1}"#.utf8)
        try await withServer("127.0.0.84", respond: { _ in .bytes(body) }) { server, client in
            let error = await failure { _ = try await client.summary() }
            #expect(error?.kind == .closedEarly(receivedBytes: body.count))
            #expect(error?.description == "cgminer API \(server.endpoint), summary: closed the connection after \(body.count) bytes, before the reply's \\0 (reply cut short)")
        }
    }

    @Test func aReplyCutInTheMiddleIsCutShort() async throws {
        let half = Array(#"{"STATUS":[{"STATUS":"S","Code":70,"Msg":"CGMiner st"#.utf8)
        try await withServer("127.0.0.85", respond: { _ in .bytes(half) }) { _, client in
            let error = await failure { _ = try await client.estats() }
            #expect(error?.kind == .closedEarly(receivedBytes: half.count))
            #expect(error?.request == "estats")
        }
    }

    @Test func aConnectionClosedWithoutAnswerSaysSo() async throws {
        try await withServer("127.0.0.86", respond: { _ in .close }) { _, client in
            let error = await failure { _ = try await client.ascset(.softOn(atUnixTime: 1)) }
            #expect(error?.kind == .closedEarly(receivedBytes: 0))
            #expect(error?.reason == "closed the connection without replying")
            #expect(error?.request == "ascset|0,softon,1:1")
        }
    }

    @Test func garbageIsReportedAtItsByte() async throws {
        try await withServer("127.0.0.87", respond: { _ in .reply("{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":1,\"Msg\":\"x\"}],<html>") }) { _, client in
            let error = await failure { _ = try await client.version() }
            #expect(error?.kind == .malformedReply(.garbage(offset: 46, reason: "expected a string key in object")))
        }
    }

    @Test func aSlowReplyTimesOutWithoutWaitingForIt() async throws {
        let options = CGMinerClientOptions(replyTimeout: .milliseconds(200))
        try await withServer("127.0.0.88", options: options,
                             respond: { _ in .delayed(.seconds(5), .reply("{}")) }) { _, client in
            // Had the client waited, the reply ("{}") would have arrived and decoded; a
            // timeout proves it did not. (A wall-clock bound here failed under full-suite load.)
            let error = await failure { _ = try await client.version() }
            #expect(error?.kind == .replyTimedOut(milliseconds: 200, receivedBytes: 0))
            #expect(error?.reason == "timed out after 200 ms waiting for the reply (0 bytes received)")
        }
    }

    @Test func statusEIsAnErrorWithItsMessage() async throws {
        try await withServer("127.0.0.89") { _, client in
            let error = await failure { _ = try await client.command("minerstats") }
            #expect(error?.kind == .status(CGMinerStatus(severity: .error, code: 14, message: "Invalid command", when: 1)))
            #expect(error?.reason == "the miner answered STATUS=E Code=14: Invalid command")
        }
    }

    @Test func aRefusedConnectionNamesTheDevice() async throws {
        // A port that was free a moment ago: bind, learn it, close.
        let probe = try await FakeFirmwareServer(host: "127.0.0.90") { _ in .close }
        let endpoint = probe.endpoint
        try await probe.stop()
        let client = CGMinerClient(endpoint: endpoint)
        let error = await failure { _ = try await client.version() }
        #expect(error?.kind == .refused)
        #expect(error?.description == "cgminer API 127.0.0.90:\(endpoint.port), version: connection refused (API off, or not a cgminer device)")
        #expect(await client.counters.failed == 1)
        #expect(await client.counters.opened == 0)
    }

    @Test func anOversizedReplyIsRefused() async throws {
        let options = CGMinerClientOptions(maxReplyBytes: 1024)
        try await withServer("127.0.0.91", options: options,
                             respond: { _ in .bytes([UInt8](repeating: UInt8(ascii: "x"), count: 4096)) }) { _, client in
            let error = await failure { _ = try await client.version() }
            #expect(error?.kind == .replyTooLarge(limit: 1024))
        }
    }

    @Test func concurrentCallersNeverOverlapConnections() async throws {
        try await withServer("127.0.0.92", respond: { request in
            .delayed(.milliseconds(5), Self.fixtureReply(request))
        }) { server, client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<24 {
                    group.addTask {
                        switch i % 3 {
                        case 0: _ = try await client.version()
                        case 1: _ = try await client.estats()
                        default: _ = try await client.ascset(.fan(.auto))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(server.counters.accepted == 24)
            #expect(server.counters.maxOpenAtOnce == 1)
            let counters = await client.counters
            #expect(counters.opened == 24)
            #expect(counters.maxOpenAtOnce == 1)
            #expect(counters.open == 0)
        }
    }
}
