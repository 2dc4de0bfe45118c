import HearthCGMinerAPI
import Testing

@Suite struct AvalonStatsLineTests {
    @Test func pairsKeepSpacesCommasAndSeveralNumbers() throws {
        let line = try AvalonStatsLine("Ver[Nano3s-1] SYSTEMSTATU[Work: In Work, Hash Board: 1] PS[0 0 27541 4 0 3756 133] FanR[33%] PVT_T0[ 85  91 ]")
        #expect(line.keys == ["Ver", "SYSTEMSTATU", "PS", "FanR", "PVT_T0"])
        #expect(line["SYSTEMSTATU"] == "Work: In Work, Hash Board: 1")
        #expect(try line.numbers("PS") == [0, 0, 27541, 4, 0, 3756, 133])
        #expect(try line.number("FanR") == 33)
        #expect(try line.numbers("PVT_T0") == [85, 91])
    }

    @Test func unknownKeysAreKeptInOrder() throws {
        let line = try AvalonStatsLine("Zeta[1] Alpha[x y] Zeta[2]")
        #expect(line.keys == ["Zeta", "Alpha", "Zeta"])
        #expect(line["Zeta"] == "1")
    }

    @Test func anEmptyListThatLostItsBracketIsAnEmptyValue() throws {
        // The firmware overwrites the `[` of an empty list with `]`: ` MH]`.
        let line = try AvalonStatsLine("LW[5] MH] DHW[0]")
        #expect(line.keys == ["LW", "MH", "DHW"])
        #expect(line["MH"] == "")
        #expect(try line.numbers("MH") == [])
    }

    @Test func aKeyWithASpaceIsOneKey() throws {
        #expect(try AvalonStatsLine("ADJ[1] Nonce Mask[25]")["Nonce Mask"] == "25")
    }

    @Test func newerFirmwaresWrappedGroupsAreUnwrapped() throws {
        let line = try AvalonStatsLine("'STATS':{Ver[Q-25052801_14a19a2] ITemp[26] WORKMODE[0] Nonce Mask[25]}")
        #expect(line.keys == ["Ver", "ITemp", "WORKMODE", "Nonce Mask"])
        #expect(line.entries.allSatisfy { $0.group == "STATS" })
        let boards = try AvalonStatsLine("'HB0':{PVT_T0[ 58  59] MW0[526 664]}")
        #expect(try boards.numbers("MW0") == [526, 664])
        #expect(boards.entries.first?.group == "HB0")
    }

    @Test func anUnclosedBracketNamesTheKey() {
        #expect(throws: CGMinerCodecError.invalidValue(field: "STATS[0].MM ID0", reason: "the '[' of PS at character 11 is never closed")) {
            try AvalonStatsLine("TMax[95] PS[0 0 27541")
        }
    }

    @Test func aValueThatIsNotANumberNamesTheKey() throws {
        let line = try AvalonStatsLine("TMax[hot] PS[1 x 3]")
        #expect(throws: CGMinerCodecError.invalidValue(field: "STATS[0].MM ID0 TMax", reason: "'hot' is not a number")) {
            try line.number("TMax")
        }
        #expect(throws: CGMinerCodecError.invalidValue(field: "STATS[0].MM ID0 PS", reason: "'x' in '1 x 3' is not a number")) {
            try line.numbers("PS")
        }
    }
}
