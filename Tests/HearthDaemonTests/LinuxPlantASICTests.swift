#if os(Linux)
import Foundation
import HearthCore
import HearthHAL
import HearthLinux
import HearthSimulator
import HearthWork
import Logging
import Synchronization
import Testing
@testable import HearthBoardFiles
@testable import HearthDaemon

/// Issue 14 on Linux: `LinuxPlant`'s chip path — LinuxSerialPort on a pseudo-terminal whose
/// master side the virtual BM1366 chain serves (in this process), the start check (power,
/// enumerate, power off), errors that name the port and the board file, and the core voltage
/// through a DS4432U. (The assembly's I2C/GPIO need /dev/i2c-N and gpiochips: that part runs
/// in the qemu kernel test.)
@Suite(.serialized) struct LinuxPlantASICTests {
    static let piaxePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("boards/piaxe.toml").path

    /// The PiAxe's board file with the chips on `port`, written as `<dir>/piaxe.toml`; no GPIO lines
    /// (this machine has no gpiochip), so the plant gets as far as the chips.
    static func board(port: String, in dir: String) throws -> BoardDefinition {
        var text = try String(contentsOfFile: piaxePath, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"/dev/ttyS0\"", with: "\"\(port)\"")
        text = text.replacingOccurrences(of: "reset = \"asic_reset\"", with: "")
        // Whole [[gpio]] tables only (a comment in [asic] mentions "[[gpio]]" too).
        while let start = text.range(of: "\n[[gpio]]\n") {
            let rest = text[start.upperBound...]
            let end = rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex
            text.removeSubrange(start.lowerBound..<end)
        }
        let path = "\(dir)/piaxe.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try BoardLoader.load(path: path)
    }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "hearth-linuxplant-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aMissingPortIsOneErrorNamingPortAndBoardFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let board = try Self.board(port: "/dev/ttyHEARTHmissing", in: dir)
        do {
            _ = try LinuxPlant(board: board, logger: Logger(label: "test"))
            Issue.record("started without its port")
        } catch {
            #expect(error.description.contains("/dev/ttyHEARTHmissing"), "\(error)")
            #expect(error.description.contains("\(dir)/piaxe.toml"), "\(error)")
            #expect(error.description.contains("[asic] port"), "\(error)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aSilentChainIsOneErrorAndThePowerEndsOff() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pty = try PseudoTerminal()   // nobody answers on the master side
        let board = try Self.board(port: pty.slavePath, in: dir)
        let asic = try #require(board.asic)
        let power = RecordingLine()
        let port = try LinuxSerialPort(path: asic.port, baud: BM13xxRegister.defaultBaud)
        do {
            _ = try BoardHashChips(asic: asic, boardFile: board.path, port: port, reset: nil, power: power, voltage: nil,
                                   initialVoltage: nil, replyTimeout: Seconds(0.2), closePort: { port.close() })
            Issue.record("a silent chain passed the start check")
        } catch {
            #expect(error.description.contains(pty.slavePath), "\(error)")
            #expect(error.description.contains(board.path), "\(error)")
            #expect(error.description.contains("BM1366"), "\(error)")
        }
        #expect(power.history == [true, false])
        // And through the plant itself (no power line on this board): the same one error.
        do {
            _ = try LinuxPlant(board: board, logger: Logger(label: "test"))
            Issue.record("the plant started on a silent chain")
        } catch {
            #expect(error.description.contains(pty.slavePath) && error.description.contains(board.path), "\(error)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func chipsAnswerOverThePtyThenRampMineAndTakeTheCoreVoltage() async throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try PtyChain(scale: 1e-5)
        defer { server.stop() }
        var asic = try #require(try Self.board(port: server.pty.slavePath, in: dir).asic)
        asic.ticketDifficultyScale = 1e-5
        // A DS4432U on a virtual bus, with a Bitaxe Ultra 204's feedback network.
        let i2c = VirtualI2CBus(name: "i2c-1")
        let dac = VirtualDS4432U()
        i2c.attach(dac, at: 0x48)
        let spec = CoreVoltageSpec(control: .init(regulator: .ds4432u, bus: "i2c-1", address: 0x48,
                                                  minimum: Millivolts(1100), maximum: Millivolts(1300),
                                                  dacFeedback: .init(fullScaleResistorOhms: 80_000, topResistorOhms: 4750,
                                                                     bottomResistorOhms: 3320, reference: Millivolts(600))),
                                   nominal: Millivolts(1250), source: "test")
        let voltage = try #require(try CoreVoltageSetter.make(spec, buses: OneBus(i2c)))
        let power = SupplyLine(chain: server.chain)
        let port = try LinuxSerialPort(path: asic.port, baud: BM13xxRegister.defaultBaud)
        let chips = try BoardHashChips(asic: asic, boardFile: "\(dir)/piaxe.toml", port: port,
                                       reset: VirtualBM13xxResetLine(chain: server.chain), power: power,
                                       voltage: voltage, initialVoltage: spec.nominal, closePort: { port.close() })
        defer { chips.stop() }
        // The start check powered, enumerated and powered off; the regulator got the board's default first.
        #expect(power.history == [true, false])
        #expect(chips.chain.chips.count == 1 && chips.chain.chips[0].chipID == 0x1366)
        #expect(dac.writes.first?.value == 0xB9)     // 1250 mV → source 57 (DS4432UTests' hand-worked table)

        // As the assembly does on the first hashing command: power, point, hashing.
        try power.set(true)
        let point = OperatingPoint(name: "485MHz", frequency: Megahertz(485), voltage: Millivolts(1200), power: Watts(10),
                                   hashrate: HashRate(gigahashes: 433))
        try chips.driver.setOperatingPoint(point)
        #expect(dac.out0 == 0xC6)                    // 1200 mV → source 70
        let shares = Mutex(0)
        chips.driver.setNonceHandler { _ in shares.withLock { $0 += 1 } }
        try chips.driver.setHashing(true)
        let work = try TestWork.unit(difficulty: 1e-5)
        try chips.driver.send(work)
        // The ramp: 6.25 MHz per 100 ms from 56.25 MHz, about 7 s; then shares.
        for _ in 0..<300 where server.chain.frequency != Megahertz(485) || shares.withLock({ $0 }) < 3 {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(server.chain.frequency == Megahertz(485))
        #expect(shares.withLock { $0 } >= 3)
        #expect(chips.driver.statistics.hardwareErrors == 0)
        #expect(chips.driver.statistics.crcErrors == 0)
        #expect(server.pty.slaveBaud == 1_000_000)   // the port followed the chain to 1 Mbaud

        // A DS4432U refusal reaches the control loop as a bus error naming the limit.
        var high = point
        high.voltage = Millivolts(1400)
        #expect { try chips.driver.setOperatingPoint(high) } throws: { "\($0)".contains("max_mv 1300 mV") }
    }
}

/// Records what a GPIO line was set to.
final class RecordingLine: GPIOLine, @unchecked Sendable {
    let name = "asic_enable (recorded)"
    private(set) var history: [Bool] = []
    func set(_ active: Bool) throws(BusError) { history.append(active) }
    func get() throws(BusError) -> Bool { history.last ?? false }
}

/// The enable line as the virtual chain's supply.
final class SupplyLine: GPIOLine, @unchecked Sendable {
    let name = "asic_enable (virtual supply)"
    let chain: VirtualBM13xxChain
    private(set) var history: [Bool] = []
    init(chain: VirtualBM13xxChain) { self.chain = chain }
    func set(_ active: Bool) throws(BusError) { history.append(active); chain.setSupply(active) }
    func get() throws(BusError) -> Bool { history.last ?? false }
}

/// The virtual chain on the master side of a pty, served by its own thread (bounded turns).
final class PtyChain: @unchecked Sendable {
    let pty: PseudoTerminal
    let chain: VirtualBM13xxChain
    private let running = Mutex(true)
    private let done = DispatchSemaphore(value: 0)

    init(scale: Double) throws {
        let pty = try PseudoTerminal()
        let lock = NSLock()
        chain = VirtualBM13xxChain(.init(model: .bm1366, chips: 1, hashesPerSecondAtDefault: 1_000_000, difficultyScale: scale)) { bytes in
            lock.withLock { _ = try? pty.send(bytes) }
        }
        self.pty = pty
        chain.start()
        Thread { [self] in
            while running.withLock({ $0 }) {
                guard let bytes = try? pty.receive(timeout: Seconds(0.02)), !bytes.isEmpty else { continue }
                chain.receive(bytes, baud: chain.baud)
            }
            done.signal()
        }.start()
    }

    func stop() {
        running.withLock { $0 = false }
        _ = done.wait(timeout: .now() + 2)
        chain.stop()
    }
}

/// One work unit on a fixed header (the driver checks its nonces against the share target itself).
enum TestWork {
    static func unit(difficulty: Double) throws -> WorkUnit {
        var header = [UInt8](repeating: 0, count: 80)
        header[3] = 0x20                                   // version 0x20000000
        for i in 4..<68 { header[i] = UInt8(truncatingIfNeeded: i &* 37) }
        header[72] = 0xFF; header[73] = 0xFF; header[75] = 0x1D   // nbits 0x1d00ffff
        return WorkUnit(id: 1, jobID: "linux-plant", extranonce2: [], header: header, versionMask: 0x1FFF_E000,
                        shareDifficulty: difficulty, ntime: 0)
    }
}
#endif
