import HearthCore
import HearthHAL
@testable import HearthSimulator
import Testing

/// The production BM13xx driver against the byte-level virtual chain: bring-up,
/// enumeration, baud switch, ramps on a hand-driven clock, and every misbehaviour
/// reported, never a crash. Nothing here sleeps for a fixed time.
@Suite struct VirtualBM13xxTests {
    struct Rig {
        let chain: VirtualBM13xxChain
        let port: VirtualSerialPort
        let clock: ManualClock
        let driver: BM13xxDriver
    }

    static func rig(model: BM13xxChipModel = .bm1366, chips: Int = 1, expected: Int? = nil,
                    boardModel: BM13xxChipModel? = nil) -> Rig {
        let (chain, port) = VirtualBM13xxChain.attached(.init(model: model, chips: chips))
        let clock = ManualClock()
        var config = BM13xxDriver.Configuration(model: boardModel ?? model, expectedChips: expected ?? chips)
        config.replyTimeout = Seconds(0.2)
        let driver = BM13xxDriver(port: port, reset: VirtualBM13xxResetLine(chain: chain), configuration: config,
                                  sleep: { _ in }, now: { clock.now })
        return Rig(chain: chain, port: port, clock: clock, driver: driver)
    }

    @Test(arguments: [1, 2, 4, 8])
    func enumeratesAndAddressesTheChain(_ count: Int) throws {
        let r = Self.rig(chips: count)
        let info = try r.driver.bringUp()
        #expect(info.chips.count == count)
        #expect(info.chips.allSatisfy { $0.chipID == 0x1366 && $0.coreByte == 112 })
        #expect(info.chips.map(\.address) == (0..<count).map { UInt8($0 * (256 / count)) })
        #expect(r.chain.addresses == info.chips.map(\.address))
        // Both ends moved to 1 Mbaud and still understand each other.
        #expect(info.baud == 1_000_000 && r.port.baudRate == 1_000_000 && r.chain.baud == 1_000_000)
        let ids = try r.driver.readRegister(BM13xxRegister.chipID)
        #expect(ids.count == count)
        #expect(r.chain.badFrames == 0)
    }

    @Test(arguments: BM13xxChipModel.all)
    func eachModelIdentifies(_ model: BM13xxChipModel) throws {
        let r = Self.rig(model: model)   // the rig keeps the chain alive (the port holds it weakly)
        let info = try r.driver.bringUp()
        #expect(info.chips.first?.chipID == model.chipID)
    }

    @Test func wrongChipAndWrongCountAreNamed() {
        let foreign = Self.rig(model: .bm1370, boardModel: .bm1366)
        #expect(throws: BM13xxError.wrongChip(port: "virtual-uart", expected: "BM1366", found: "1370")) {
            try foreign.driver.bringUp()
        }
        let short = Self.rig(chips: 2, expected: 3)
        do {
            try short.driver.bringUp()
            Issue.record("a chain of 2 passed for 3")
        } catch {
            #expect(error.description.contains("2 hash chip(s) answered, the board has 3"))
        }
    }

    @Test func silentChainFailsBringUpWithAnError() {
        let r = Self.rig()
        r.chain.misbehaviour.silent = true
        #expect(throws: BM13xxError.chipCount(port: "virtual-uart", expected: 1, found: 0, detail: "")) {
            try r.driver.bringUp()
        }
    }

    @Test func frequencyRampsInSmallStepsOnTheInjectedClock() throws {
        let r = Self.rig()
        try r.driver.bringUp()
        let target = try r.driver.setFrequency(Megahertz(485))
        #expect(abs(target.error.value) < 0.5)
        var seen: [Double] = [r.chain.frequency.value]
        // One step per 100 ms of the injected clock; never more than 6.25 MHz at a time.
        for _ in 0..<200 where r.driver.isRamping {
            r.driver.receive(timeout: Seconds(0))
            r.clock.advance(Seconds(0.1))
            let f = r.chain.frequency.value
            if f != seen.last { seen.append(f) }
        }
        #expect(!r.driver.isRamping)
        #expect(abs(r.chain.frequency.value - 485) < 0.5)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { abs($1 - $0) <= 6.25 + 0.5 })
        #expect(seen.count >= 60)
        // Without the clock moving, no second step goes out.
        try r.driver.setFrequency(Megahertz(400))
        r.driver.receive(timeout: Seconds(0))
        let first = r.chain.frequency.value
        r.driver.receive(timeout: Seconds(0))
        #expect(r.chain.frequency.value == first)
        #expect(first < 485 && first >= 485 - 6.25 - 0.5)
        // The PLL reads back from the chip as written.
        let pll = try r.driver.readRegister(BM13xxPLL.register)
        #expect(pll.first.flatMap { BM13xxPLL(registerValue: $0.value) }?.frequency.value == first)
    }

    @Test func unreachableFrequencyIsRefused() {
        let r = Self.rig()
        #expect(throws: BM13xxError.self) { try r.driver.setFrequency(Megahertz(5000)) }
        #expect(throws: BM13xxError.self) { try r.driver.setFrequency(Megahertz(.nan)) }
    }

    @Test func silentChipWhileHashingBecomesAFaultTheSupervisorSees() throws {
        let r = Self.rig()
        let point = OperatingPoint(name: "485", frequency: Megahertz(485), voltage: Millivolts(1200), power: Watts(15),
                                   hashrate: HashRate(gigahashes: 433))
        try r.driver.setOperatingPoint(point)
        try r.driver.setHashing(true)
        r.chain.misbehaviour.silent = true
        for _ in 0..<80 {
            r.clock.advance(Seconds(0.1))
            r.driver.receive(timeout: Seconds(0))
        }
        #expect(r.driver.fault != nil)
        #expect(r.driver.statistics.timeouts > 0)
        do {
            try r.driver.setOperatingPoint(point)
            Issue.record("a silent chain accepted an operating point")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.description.contains("silent"))
        }
        // Answers again: the fault clears (the supervisor has latched its trip meanwhile).
        r.chain.misbehaviour.silent = false
        for _ in 0..<20 where r.driver.fault != nil {
            r.clock.advance(Seconds(1.1))
            r.driver.receive(timeout: Seconds(0.2))
        }
        #expect(r.driver.fault == nil)
    }

    @Test func bitErrorsAndShortFramesAreCountedNeverFatal() throws {
        let r = Self.rig(chips: 4)
        try r.driver.bringUp()
        r.chain.misbehaviour = VirtualBM13xxMisbehaviour(bitErrorRate: 0.3, shortFrameRate: 0.2)
        var good = 0
        for _ in 0..<20 { good += try r.driver.readRegister(BM13xxRegister.chipID).count }
        let s = r.driver.statistics
        #expect(good > 0 && good < 80)
        #expect(s.crcErrors > 0)
        #expect(s.discardedBytes > 0)
    }
}
