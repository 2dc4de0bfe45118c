import HearthCGMinerAPI
import HearthCore
import Testing

@Suite struct AvalonEstatsTests {
    @Test func aNano3sInHighModeReadsAsTypedQuantities() throws {
        let estats = try AvalonEstats(AvalonStatsLine(Fixtures.text("nano3s-estats.mmid0.txt")))
        #expect(estats.model == .nano3s)
        #expect(estats.versionTag == "Nano3s-25021401_56abae7")
        #expect(estats.inletTemperature == nil)  // ITemp[-273]: the Nano 3S has no inlet sensor
        #expect(estats.outletTemperature == Celsius(65))
        #expect(estats.hottestChip == Celsius(95))
        #expect(estats.averageChip == Celsius(90))
        #expect(estats.targetTemperature == Celsius(90))
        #expect(estats.fanSpeeds == [RPM(1520)])
        #expect(estats.fanDuty == DutyCycle(0.33))
        #expect(estats.wallPower == Watts(133))
        #expect(estats.maxPowerOutput == Watts(133))
        #expect(estats.hashrate == HashRate(gigahashes: 6598.84))
        #expect(estats.nominalHashrate == HashRate(gigahashes: 6783.65))
        #expect(estats.averageHashrate == HashRate(gigahashes: 6695.18))
        #expect(estats.frequency == Megahertz(464.89))
        #expect(estats.workMode == 2)
        #expect(estats.workLevel == 0)
        #expect(estats.softOffReason == 0)
        #expect(estats.systemStatus?.isWorking == true)
        #expect(estats.systemStatus?.hashBoards == 1)
        #expect(estats.elapsed == Seconds(10027))
        #expect(estats.chipTemperatures?.count == 12)
        #expect(estats.missingKeys.isEmpty)
        try estats.requireKeys()
    }

    @Test func missingKeysAreReportedByName() throws {
        let estats = try AvalonEstats(AvalonStatsLine("Ver[Nano3s-1] TMax[80] PS[0 0 1 2 0 3 70]"))
        #expect(estats.missingKeys.contains("OTemp"))
        #expect(!estats.missingKeys.contains("TMax"))
        #expect(throws: CGMinerCodecError.missingKeys(field: "STATS[0].MM ID0", keys: estats.missingKeys)) {
            try estats.requireKeys()
        }
    }

    @Test func theNano3ReportsTempAndItsPowerInPS5() throws {
        let estats = try AvalonEstats(AvalonStatsLine("Ver[nano3-24071801_42c628d] Temp[38] OTemp[41] PS[0 0 0 3 2792 89 324] WORKLEVEL[1] MPO[90]"))
        #expect(estats.model == .nano3)
        #expect(estats.inletTemperature == Celsius(38))
        #expect(estats.wallPower == Watts(89))
        #expect(estats.workMode == nil)
        #expect(estats.workLevel == 1)
    }

    @Test func aPSListTooShortForWallPowerIsAnError() throws {
        #expect(throws: CGMinerCodecError.invalidValue(field: "STATS[0].MM ID0 PS", reason: "3 values, no PS[6] for wall power")) {
            try AvalonEstats(AvalonStatsLine("Ver[Q-1] PS[0 1 2]"))
        }
    }

    @Test func anUnknownUnitStillReadsButExpectsNothing() throws {
        let estats = try AvalonEstats(AvalonStatsLine("Ver[1246-83-21072802] TMax[77] PS[0 1214 1316 242 3189 1320 3504]"))
        #expect(estats.model == nil)
        #expect(estats.wallPower == nil)  // which PS element is watts depends on the model
        #expect(estats.hottestChip == Celsius(77))
        #expect(estats.missingKeys.isEmpty)
    }
}
