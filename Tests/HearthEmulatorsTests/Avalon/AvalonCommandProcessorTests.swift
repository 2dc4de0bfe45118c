import HearthCGMinerAPI
import HearthCore
import HearthSupport
import Testing
@testable import HearthEmulators

/// The API thread minus the socket: requests in, the firmware's bytes out.
@Suite struct AvalonCommandProcessorTests {
    let pool = AvalonPoolReport(url: "stratum+tcp://pool.example.invalid:3333", user: "u", difficulty: 65_536)

    func state(_ model: AvalonModel) -> AvalonFirmwareState {
        AvalonFirmwareState(profile: AvalonFirmwareProfile(model), setting: 0, recalibration: Seconds(60),
                            bootDuration: Seconds(30), unixTimeAtClockZero: 1_765_000_000, now: .zero)
    }

    func snapshot(fans: Int = 1, hashing: Bool = true) -> AvalonHardwareSnapshot {
        AvalonHardwareSnapshot(hottestChip: Celsius(85.6), averageChip: Celsius(80.2), inlet: Celsius(21.3),
                               outlet: Celsius(44.9), fanSpeeds: Array(repeating: RPM(1520), count: fans),
                               fanDuty: .percent(33), wallPower: Watts(71.4),
                               hashrate: hashing ? HashRate(terahashes: 3) : .zero,
                               nominalHashrate: HashRate(terahashes: 3), frequency: Megahertz(209), hashing: hashing)
    }

    func respond(_ text: String, _ s: inout AvalonFirmwareState, at t: Double = 100, fans: Int = 1) -> [UInt8] {
        AvalonCommandProcessor.respond(to: Array(text.utf8), state: &s, snapshot: snapshot(fans: fans), now: Seconds(t),
                                       pool: pool, nonFinite: .firmware).reply
    }

    func decode(_ bytes: [UInt8]) throws -> CGMinerResponse {
        #expect(bytes.last == 0, "every reply ends with the firmware's \\0")
        return try ReplyDecoder.decode(Array(bytes.dropLast()))
    }

    @Test(arguments: AvalonModel.allCases)
    func estatsLineHasEveryKeyTheModelReports(_ model: AvalonModel) throws {
        var s = state(model)
        let fans = AvalonFirmwareProfile(model).fanCount
        let reply = try decode(respond(#"{"command":"estats"}"#, &s, fans: fans)).single()
        #expect(reply.status.code == 70)
        let estats = try StatsInfo(reply).estats()
        #expect(estats.model == model, "Ver[…] names the model")
        try estats.requireKeys()
        #expect(estats.wallPower == Watts(71))
        #expect(estats.hashrate == HashRate(terahashes: 3))
        #expect(estats.workMode == (model == .nano3 ? nil : 0))
        #expect(estats.workLevel == 0)
        #expect(estats.softOffReason == 0)
        #expect(estats.fanSpeeds.count == fans)
        #expect(estats.targetTemperature == AvalonFirmwareProfile(model).settings[0].targetTemperature)
        #expect(estats.line["ADJ"] == "1")
        if model == .nano3s {
            #expect(estats.inletTemperature == nil, "the Nano 3S prints ITemp[-273]")
        } else {
            #expect(estats.inletTemperature == Celsius(21))
        }
        if model != .nano3 { #expect(estats.systemStatus?.isWorking == true) }
    }

    @Test func nano3sLineKeepsTheRealUnitsKeyOrder() throws {
        var s = state(.nano3s)
        let reply = try decode(respond("estats", &s)).single()
        let line = try StatsInfo(reply).telemetry()
        let recorded = ["Ver", "LVer", "BVer", "FW", "LED", "LEDUser", "LcdOnoff", "LcdSwitch", "DNA", "MEMFREE",
                        "PFCnt", "NETFAIL", "SYSTEMSTATU", "Elapsed", "BOOTBY", "LW", "MH", "DHW", "HW", "DH", "ITemp",
                        "OTemp", "TMax", "TAvg", "TarT", "Fan1", "FanR", "PS", "GHSspd", "DHspd", "GHSmm", "GHSavg",
                        "WU", "Freq", "MGHS", "MTmax", "MTavg", "TA", "Core", "BIN", "PING", "SoftOFF", "ECHU", "ECMM",
                        "PLL0", "SF0", "PVT_T0", "PVT_V0", "MW0", "CRC", "COMCRC", "ATA0", "WORKMODE", "WORKLEVEL",
                        "MPO", "CALIALL", "ADJ"]
        #expect(line.keys == recorded)
        #expect(try line.numbers("PVT_T0")?.count == 12)
        #expect(try line.numbers("PVT_T0")?.max() == 86)
    }

    @Test func qWrapsItsLineAndReportsChipsApart() throws {
        var s = state(.q)
        let reply = try decode(respond("stats", &s, fans: 4)).single()
        let info = try StatsInfo(reply)
        #expect(info.records.map(\.id) == ["AVALON0", "POOL0"])
        #expect(info.records[0].telemetryKey == "MM ID0:Summary")
        let line = try info.telemetry()
        #expect(line.entries.first?.group == "STATS")
        #expect(line.contains("Nonce Mask"))
        guard case .string(let hb)? = info.records[0].record["HBinfo"] else {
            Issue.record("HBinfo")
            return
        }
        #expect(try AvalonStatsLine(hb).numbers("PVT_T0")?.count == 160)
    }

    @Test func plainCommandWithANewlineIsInvalidAsOnTheUnit() throws {
        var s = state(.nano3s)
        let reply = try decode(respond("version\n", &s)).single()
        #expect(reply.status.code == 14)
        #expect(reply.status.minerDescription == nil, "no Description for an invalid command")
        let ok = try decode(respond("version", &s)).single()
        #expect(try VersionInfo(ok).model == .nano3s)
    }

    @Test func malformedJSONGetsTheFirmwaresCodes() throws {
        var s = state(.nano3s)
        #expect(try decode(respond(#"{"command":"#, &s)).single().status.code == 23)
        #expect(try decode(respond(#"{"parameter":"x"}"#, &s)).single().status.code == 24)
        #expect(try decode(respond(#"{"command":5}"#, &s)).single().status.code == 14)
        #expect(try decode(respond(#"{"command":"minerstats"}"#, &s)).single().status.code == 14)
    }

    @Test func joinedReadsAnswerEachOnceAndRefuseWrites() throws {
        var s = state(.nano3s)
        let response = try decode(respond("version+summary+version+ascset", &s))
        #expect(response.parts.map(\.command) == ["version", "summary", "ascset"])
        #expect(try response.reply(for: "ascset").status.code == 45)
        #expect(try response.reply(for: "ascset").status.message == "Access denied to 'ascset' command")
        let json = try decode(respond(#"{"command":"version+estats"}"#, &s))
        #expect(json.form == .json)
        #expect(try StatsInfo(json.reply(for: "estats")).estats().model == .nano3s)
    }

    @Test func ascsetRepliesCarryTheFirmwaresCodes() throws {
        var s = state(.nano3s)
        func status(_ parameter: String) throws -> CGMinerStatus {
            try decode(respond(#"{"command":"ascset","parameter":"\#(parameter)"}"#, &s)).single().status
        }
        #expect(try status("0,workmode,set,2").code == 119)
        #expect(try status("0,workmode,set,1").code == 120)
        #expect(try status("0,help").code == 118)
        #expect(try status("0,softoff,1:1765000100").message == "ASC 0 set failed: Unknown option: softoff")
        #expect(try status("1,help").code == 107)
        #expect(try status("0").code == 116)
        #expect(try decode(respond(#"{"command":"ascset"}"#, &s)).single().status.code == 15)
        var outcome = AvalonCommandProcessor.respond(to: Array("ascset|0,fan-spd,5".utf8), state: &s,
                                                     snapshot: snapshot(), now: Seconds(1), pool: pool,
                                                     nonFinite: .firmware)
        #expect(outcome.commands == ["ascset fan-spd"])
        #expect(outcome.refusals.count == 1)
        outcome = AvalonCommandProcessor.respond(to: Array("summary".utf8), state: &s, snapshot: snapshot(),
                                                 now: Seconds(1), pool: pool, nonFinite: .firmware)
        #expect(outcome.refusals.isEmpty)
    }

    @Test func summaryAtZeroUptimePrintsNanAsTheFirmwareDoes() throws {
        var s = state(.nano3s)
        let bytes = respond("summary", &s, at: 0)
        #expect(String(decoding: bytes, as: UTF8.self).contains("MHS av=nan"))
        let json = respond(#"{"command":"summary"}"#, &s, at: 0)
        #expect(String(decoding: json, as: UTF8.self).contains(#""MHS av":nan"#))
        let summary = try SummaryInfo(try decode(json).single())
        #expect(summary.averageHashrate == nil)
        #expect(summary.elapsed == Seconds(0))
    }

    @Test func readCommandsParseWithTheLibrarysViews() throws {
        var s = state(.mini3)
        s.advance(to: Seconds(600), hashrate: HashRate(terahashes: 25), difficulty: 65_536)
        let summary = try SummaryInfo(try decode(respond("summary", &s, at: 600)).single())
        #expect(summary.elapsed == Seconds(600))
        #expect(abs((summary.averageHashrate?.terahashes ?? 0) - 25) < 0.01)
        #expect((summary.accepted ?? 0) > 0)
        let pools = try PoolInfo.all(try decode(respond("pools", &s, at: 600)).single())
        #expect(pools.count == 1)
        #expect(pools[0].url == pool.url)
        #expect(pools[0].stratumActive == true)
        let lcd = try decode(respond("lcd", &s, at: 600)).single()
        #expect(lcd.status.code == 125)
        #expect(try lcd.firstRecord("LCD").string("Current Pool") == pool.url)
        let version = try VersionInfo(try decode(respond("version", &s)).single())
        #expect(version.firmware == "25011701_3f53b19")
        #expect(try decode(respond("devdetails", &s)).single().status.code == 69)
        #expect(try decode(respond("devs", &s)).single().status.message == "1 ASC(s)")
        let check = try decode(respond("check|estats", &s)).single()
        #expect(try check.firstRecord("CHECK").string("Exists") == "Y")
    }
}
