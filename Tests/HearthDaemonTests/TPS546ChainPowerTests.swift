import Foundation
import HearthCore
import HearthHAL
import HearthSimulator
import HearthWork
import Synchronization
import Testing
@testable import HearthDaemon

/// A Bitaxe Gamma-class board: the TPS546's output is the BM13xx chain's only supply (no
/// `asic_enable`). The virtual chain answers only while the virtual regulator's output is on;
/// the start check, hashing on and off, and a NACKed or dead output, at register level.
@Suite struct TPS546ChainPowerTests {
    /// The chain, its port, the regulator on a watched bus, and the setter `LinuxPlant` would build.
    struct Rig {
        let chain: VirtualBM13xxChain
        let port: VirtualSerialPort
        let tps: VirtualTPS546
        let bus: WatchedRegulatorBus
        let setter: CoreVoltageSetter
        let asic = ASICSpec(model: .bm1366, count: 1, port: "virtual-uart", ticketDifficultyScale: 1e-5)

        init() throws {
            (chain, port) = VirtualBM13xxChain.attached(.init(model: .bm1366, chips: 1, hashesPerSecondAtDefault: 1_000_000,
                                                              difficultyScale: 1e-5))
            tps = VirtualTPS546(initial: Millivolts(1000))
            let i2c = VirtualI2CBus(name: "i2c-0")
            i2c.attach(tps, at: 0x24)
            bus = WatchedRegulatorBus(i2c, regulator: tps, chain: chain)
            let spec = CoreVoltageSpec(control: .init(regulator: .tps546, bus: "i2c-0", address: 0x24, minimum: Millivolts(1000),
                                                      maximum: Millivolts(1250), dacFeedback: nil),
                                       nominal: Millivolts(1150), source: "test")
            let clock = ManualClock()   // the power-up wait runs on it: no test waits for the output
            setter = try #require(try CoreVoltageSetter.make(spec, buses: OneBus(bus),
                                                             clock: .init(sleep: { clock.advance($0) }, now: { clock.now })))
        }

        func start() throws(DaemonError) -> BoardHashChips {
            try BoardHashChips(asic: asic, boardFile: "test/bitaxe-gamma.toml", port: port, reset: nil, power: nil,
                               voltage: setter, initialVoltage: Millivolts(1150), replyTimeout: Seconds(0.2), closePort: {})
        }
    }

    static let point = OperatingPoint(name: "100MHz", frequency: Megahertz(100), voltage: Millivolts(1200), power: Watts(5),
                                      hashrate: HashRate(gigahashes: 90))

    @Test(.timeLimit(.minutes(1)))
    func aChainPoweredOnlyByTheRegulatorStartsEnumeratesAndMines() async throws {
        let rig = try Rig()
        rig.chain.start()   // its hashing thread
        defer { rig.chain.stop() }
        #expect(!rig.chain.isPowered)   // the regulator powers up off
        let chips = try rig.start()
        defer { chips.stop() }
        #expect(chips.chain.chips.count == 1 && chips.chain.chips[0].chipID == 0x1366)
        #expect(!rig.tps.on && !rig.chain.isPowered)   // the start check ends off
        // VOUT_COMMAND (and the hand-over to OPERATION) before the first OPERATION on; off after.
        let writes = rig.bus.writes
        let firstOn = try #require(writes.firstIndex(of: [TPS546.Command.operation, TPS546.operationOn]))
        let vout = try #require(writes.firstIndex { $0.first == TPS546.Command.voutCommand })
        let onOff = try #require(writes.firstIndex { $0.first == TPS546.Command.onOffConfig })
        #expect(vout < firstOn && onOff < firstOn)
        #expect(writes.last == [TPS546.Command.operation, TPS546.operationOff])

        // As the assembly does on the first hashing command: the point (VOUT, output still off), then hashing.
        let control = chips.control
        #expect(control is RegulatorSwitchedHashBoard)
        try control.setOperatingPoint(Self.point)
        #expect(rig.tps.voutCommand == 614 && !rig.tps.on)   // 1.2 V × 512
        let shares = Mutex(0)
        chips.driver.setNonceHandler { _ in shares.withLock { $0 += 1 } }
        try control.setHashing(true)
        #expect(rig.tps.on && rig.chain.isPowered)
        try chips.driver.send(WorkUnit(id: 1, jobID: "tps546", extranonce2: [], header: BM13xxDriver.heatWork.header,
                                       versionMask: 0x1FFF_E000, shareDifficulty: 1e-5, ntime: 0))
        for _ in 0..<200 where shares.withLock({ $0 }) < 3 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(shares.withLock { $0 } >= 3)
        #expect(chips.driver.statistics.hardwareErrors == 0)

        // Hashing off (the safe state's path): the driver stops, then the chips lose their power.
        try control.setHashing(false)
        #expect(!chips.driver.isHashing)
        #expect(!rig.tps.on && !rig.chain.isPowered)
        #expect(rig.bus.writes.last == [TPS546.Command.operation, TPS546.operationOff])
    }

    @Test func aNackedOperationOnAtStartIsOneErrorNamingTheRegulatorAndTheOutputStaysOff() throws {
        let rig = try Rig()
        rig.bus.refusedOperation = TPS546.operationOn
        do {
            _ = try rig.start()
            Issue.record("started without powering the chips")
        } catch {
            let text = error.description
            #expect(text.contains("i2c-0 address 0x24: nack (TPS546 OPERATION on"), "\(text)")
            #expect(text.contains("test/bitaxe-gamma.toml: [asic] 1 × BM1366 on virtual-uart"), "\(text)")
        }
        #expect(!rig.tps.on && !rig.chain.isPowered)
        #expect(rig.bus.writes.last == [TPS546.Command.operation, TPS546.operationOff])
    }

    @Test func aNackedOperationWhileHashingIsABusErrorForTheControlLoop() throws {
        let rig = try Rig()
        let chips = try rig.start()
        defer { chips.stop() }
        try chips.control.setOperatingPoint(Self.point)

        // On refused: one bus error naming the part, bus and address; nothing powered, nothing hashing.
        rig.bus.refusedOperation = TPS546.operationOn
        #expect { try chips.control.setHashing(true) } throws: { error in
            guard let e = error as? BusError else { return false }
            return e.kind == .nack && e.bus == "i2c-0" && e.address == 0x24 && e.detail.hasPrefix("TPS546 OPERATION on")
        }
        #expect(!rig.tps.on && !rig.chain.isPowered && !chips.driver.isHashing)

        // Off refused: the driver has stopped all the same, and the error reaches the loop (which resends the stop).
        rig.bus.refusedOperation = nil
        try chips.control.setHashing(true)
        rig.bus.refusedOperation = TPS546.operationOff
        #expect { try chips.control.setHashing(false) } throws: { error in
            (error as? BusError)?.detail.hasPrefix("TPS546 OPERATION off") == true
        }
        #expect(!chips.driver.isHashing)
        rig.bus.refusedOperation = nil
        try chips.control.setHashing(false)
        #expect(!rig.tps.on && !rig.chain.isPowered)
    }

    @Test func anOutputThatNeverComesUpFailsTheStartCheckAndIsSwitchedOff() throws {
        let rig = try Rig()
        rig.tps.outputFails = true
        do {
            _ = try rig.start()
            Issue.record("started on a dead regulator")
        } catch {
            let text = error.description
            #expect(text.contains("i2c-0 address 0x24: timeout (TPS546 output at 0 mV"), "\(text)")
            #expect(text.contains("VOUT_COMMAND 1150 mV"), "\(text)")
        }
        #expect(rig.tps.operation == TPS546.operationOff && !rig.chain.isPowered)
    }

    @Test func aDS4432UHasNoOutputToSwitch() throws {
        let i2c = VirtualI2CBus(name: "i2c-1")
        i2c.attach(VirtualDS4432U(), at: 0x48)
        let setter = try #require(try CoreVoltageSetter.make(LinuxPlantCoreVoltageTests.spec(.ds4432u, address: 0x48),
                                                             buses: OneBus(i2c)))
        #expect(!setter.switchesOutput)
        #expect(ChainPower(line: nil, regulator: setter).regulator == nil)
    }
}

/// The regulator's bus as the board wires it: every completed write recorded, OPERATION writes
/// of one value refused on request (a NACK), and the chain's supply following the output.
final class WatchedRegulatorBus: I2CBus, @unchecked Sendable {
    private let inner: VirtualI2CBus
    private let regulator: VirtualTPS546
    private let chain: VirtualBM13xxChain
    private(set) var writes: [[UInt8]] = []
    var refusedOperation: UInt8?
    var name: String { inner.name }

    init(_ inner: VirtualI2CBus, regulator: VirtualTPS546, chain: VirtualBM13xxChain) {
        self.inner = inner
        self.regulator = regulator
        self.chain = chain
        chain.setSupply(regulator.output != .zero)
    }

    func write(address: UInt8, _ bytes: [UInt8]) throws(BusError) {
        if let refused = refusedOperation, bytes == [TPS546.Command.operation, refused] {
            throw BusError(.nack, bus: name, address: address, detail: "injected fault")
        }
        try inner.write(address: address, bytes)
        writes.append(bytes)
        chain.setSupply(regulator.output != .zero)
    }

    func writeRead(address: UInt8, _ bytes: [UInt8], readCount count: Int) throws(BusError) -> [UInt8] {
        try inner.writeRead(address: address, bytes, readCount: count)
    }
}
