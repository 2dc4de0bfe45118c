import HearthCGMinerAPI
import HearthCore
import Testing

/// Every recorded reply in Fixtures/ must read, and must say what its name says.
@Suite struct FixtureTests {
    @Test func everyFixtureIsListedWithItsSource() throws {
        let readme = try Fixtures.readme()
        let names = try Fixtures.names()
        #expect(names.count >= 8)
        for name in names {
            #expect(readme.contains("`\(name)`"), "Fixtures/README.md does not list \(name)")
        }
    }

    @Test(arguments: try Fixtures.names())
    func fixtureReads(_ name: String) throws {
        let model = name.split(separator: "-").first.map(String.init)
        let expected = AvalonModel.allCases.first { $0.rawValue == model }
        if name.hasSuffix(".mmid0.txt") {
            let estats = try AvalonEstats(AvalonStatsLine(Fixtures.text(name)))
            #expect(estats.model == expected)
            try estats.requireKeys()
            return
        }
        // As it comes off the wire: with the firmware's terminator.
        let reply = try ReplyDecoder.decodeSingle(Fixtures.bytes(name) + [0])
        let command = String(name.dropFirst((model?.count ?? 0) + 1).prefix { $0 != "." })
        switch command {
        case "version":
            let version = try VersionInfo(reply)
            #expect(version.model == expected)
            #expect(version.firmware != nil)
        case "summary":
            let summary = try SummaryInfo(reply)
            #expect(summary.elapsed.value > 0)
            #expect(summary.averageHashrate != nil)
        case "stats", "estats":
            let estats = try StatsInfo(reply).estats()
            #expect(estats.model == expected)
            try estats.requireKeys()
            #expect(estats.wallPower != nil)
        case "lcd", "devdetails":
            #expect(reply.section(command.uppercased()) != nil)
        case "minerstats":
            #expect(reply.status.code == CGMinerStatusCode.invalidCommand)
            #expect(reply.status.minerDescription == nil)
        default:
            Issue.record("no check for the command of \(name)")
        }
        #expect(!reply.status.isError || command == "minerstats")
    }

    @Test func theNano3StatsSayWhatTheUnitShowed() throws {
        let stats = try StatsInfo(ReplyDecoder.decodeSingle(Fixtures.bytes("nano3-stats.txt")))
        #expect(stats.elapsed == Seconds(512_933))
        let estats = try stats.estats()
        #expect(estats.workLevel == 1)
        #expect(estats.maxPowerOutput == Watts(90))
        #expect(estats.wallPower == Watts(89))
        #expect(estats.line["Core"] == "A3198S")
    }
}
