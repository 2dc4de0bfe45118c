import ArgumentParser
import Foundation
import HearthCore
import HearthHAL
import HearthSimulator
import HearthWork
#if canImport(HearthLinux)
import HearthLinux
#endif

/// `hearth asic`: the bring-up tool for a BM1366/BM1368/BM1370 board — enumerate the
/// chain, set a frequency (ramped), or hash a test job and count nonces.
struct AsicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asic",
        abstract: "Talk to BM1366/BM1368/BM1370 hash chips over their UART (bring-up).",
        discussion: """
        hearth asic --port /dev/ttyS0 [--chip bm1366] [--chips N] enumerate
        hearth asic --port /dev/ttyS0 set-frequency 485
        hearth asic --port virtual hash-test --seconds 5 --json
        `--port virtual` talks to Hearth's virtual chip (no hardware needed).
        """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case enumerate, setFrequency = "set-frequency", hashTest = "hash-test"
    }

    @Option(help: "Serial port of the chain, or 'virtual'.") var port: String
    @Option(help: "Chip model: bm1366, bm1368 or bm1370.") var chip = "bm1366"
    @Option(help: "Chips on the chain.") var chips = 1
    @Argument(help: "enumerate | set-frequency | hash-test") var action: Action
    @Argument(help: "Frequency in MHz (set-frequency; also used by hash-test).") var megahertz: Double?
    @Option(help: "Seconds to hash (hash-test).") var seconds = 5.0
    @Flag(help: "Print one JSON object.") var json = false
    /// For a virtual chain behind a real port (`hearth internal serve-virtual-asic`), which hashes at a scaled difficulty.
    @Option(help: .hidden) var ticketDifficultyScale = 1.0

    func run() throws {
        guard let model = BM13xxChipModel.named(chip) else {
            throw CLIError("--chip \(chip): unknown; use one of \(BM13xxChipModel.all.map { $0.name.lowercased() }.joined(separator: ", "))")
        }
        guard (1...256).contains(chips) else { throw CLIError("--chips must be 1…256") }
        guard seconds.isFinite, seconds > 0, seconds <= 3600 else { throw CLIError("--seconds must be > 0 and at most 3600") }
        guard ticketDifficultyScale.isFinite, ticketDifficultyScale > 0, ticketDifficultyScale <= 1 else {
            throw CLIError("--ticket-difficulty-scale must be > 0 and at most 1")
        }
        let rig = try AsicRig(port: port, model: model, chips: chips, ticketDifficultyScale: ticketDifficultyScale)
        defer { rig.close() }
        let driver = rig.driver
        let info: BM13xxChainInfo
        do { info = try driver.bringUp() } catch { throw CLIError(error.description) }
        var out: [String: Any] = [
            "port": port, "chip": model.name, "baud": info.baud,
            "chips": info.chips.map { ["chip_id": String(format: "%04x", $0.chipID), "cores": Int($0.coreByte), "address": Int($0.address)] },
        ]
        if !json {
            print("\(port): \(info.chips.count) × \(model.name) at \(info.baud) baud")
            for (i, c) in info.chips.enumerated() {
                print("  chip \(i): id \(String(format: "%04x", c.chipID)), \(c.coreByte) cores, address 0x\(hex(c.address))")
            }
        }
        switch action {
        case .enumerate:
            break
        case .setFrequency, .hashTest:
            if action == .setFrequency && megahertz == nil { throw CLIError("set-frequency needs a frequency in MHz, e.g. set-frequency 485") }
            let target = Megahertz(megahertz ?? model.defaultFrequency.value)
            let found: (pll: BM13xxPLL, error: Megahertz)
            do { found = try driver.setFrequency(target) } catch { throw CLIError(error.description) }
            // The ramp: one 6.25 MHz step per 100 ms, bounded by the distance to go.
            let steps = BM13xxPLL.ramp(from: BM13xxDriver.powerOnFrequency, to: target).count
            for _ in 0..<(steps * 20 + 20) where driver.isRamping { driver.receive(timeout: Seconds(0.02)) }
            let readBack = (try? driver.readRegister(BM13xxPLL.register))?.compactMap { BM13xxPLL(registerValue: $0.value) } ?? []
            out["target_mhz"] = target.value
            out["pll"] = ["fb_div": found.pll.feedbackDivider, "ref_div": found.pll.referenceDivider,
                          "post1": found.pll.postDivider1, "post2": found.pll.postDivider2]
            out["pll_mhz"] = found.pll.frequency.value
            out["pll_error_mhz"] = found.error.value
            out["read_back_mhz"] = readBack.map(\.frequency.value)
            if !json {
                print("  PLL: \(found.pll) — error \(String(format: "%+.3f", found.error.value)) MHz")
                print("  read back: \(readBack.map { String(format: "%.2f MHz", $0.frequency.value) }.joined(separator: ", "))")
            }
            if action == .hashTest { try hashTest(driver, model: model, into: &out) }
        }
        let s = driver.statistics
        out["crc_errors"] = s.crcErrors
        out["timeouts"] = s.timeouts
        if json {
            let data = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("  CRC errors \(s.crcErrors), timeouts \(s.timeouts), bytes dropped \(s.discardedBytes)")
        }
    }

    /// Sends a fixed test header at the lowest ticket difficulty and counts nonces; each is
    /// checked with our own SHA-256d (a wrong one is a hardware error).
    private func hashTest(_ driver: BM13xxDriver, model: BM13xxChipModel, into out: inout [String: Any]) throws {
        var header = [UInt8](repeating: 0, count: 80)
        header[0] = 0x00; header[3] = 0x20                      // version 0x20000000
        for i in 4..<68 { header[i] = UInt8(truncatingIfNeeded: i &* 37) }
        header[72] = 0xFF; header[73] = 0xFF; header[74] = 0x00; header[75] = 0x1D   // nbits 0x1d00ffff
        let work = WorkUnit(id: 1, jobID: "hash-test", extranonce2: [], header: header, versionMask: 0x1FFF_E000,
                            shareDifficulty: 1, ntime: 0)
        do {
            try driver.setHashing(true)
            try driver.send(work)
        } catch { throw CLIError(error.description) }
        let start = Date()
        let deadline = start.addingTimeInterval(seconds)
        while Date() < deadline { driver.receive(timeout: Seconds(0.05)) }
        let elapsed = Date().timeIntervalSince(start)
        let s = driver.statistics
        out["seconds"] = elapsed
        out["nonces"] = s.nonces
        out["nonces_per_second"] = Double(s.nonces) / elapsed
        out["hardware_errors"] = s.hardwareErrors
        out["nonces_per_chip"] = Dictionary(uniqueKeysWithValues: s.noncesPerChip.map { (String($0.key), $0.value) })
        if !json {
            print(String(format: "  hash test: %d nonces in %.1f s (%.2f/s), %d hardware errors", s.nonces, elapsed,
                         Double(s.nonces) / elapsed, s.hardwareErrors))
        }
    }
}

/// The driver on a real port (Linux) or on the virtual chip.
final class AsicRig {
    let driver: BM13xxDriver
    private let chain: VirtualBM13xxChain?

    init(port: String, model: BM13xxChipModel, chips: Int, ticketDifficultyScale: Double = 1) throws {
        let clock = ContinuousClock()
        let start = clock.now
        var config = BM13xxDriver.Configuration(model: model, expectedChips: chips)
        let sleep: @Sendable (Seconds) -> Void = { Thread.sleep(forTimeInterval: $0.value) }
        let now: @Sendable () -> Seconds = { Seconds((clock.now - start).seconds) }
        if port == "virtual" {
            // A CPU hashes ~10⁶ times slower than the chip: tickets at a scaled difficulty.
            let scale = 1e-6
            let (chain, serial) = VirtualBM13xxChain.attached(.init(model: model, chips: chips, hashesPerSecondAtDefault: 1_000_000,
                                                                     difficultyScale: scale))
            chain.start()
            config.ticketDifficultyScale = scale
            self.chain = chain
            driver = BM13xxDriver(port: serial, reset: VirtualBM13xxResetLine(chain: chain), configuration: config, sleep: sleep, now: now)
            return
        }
        #if canImport(HearthLinux)
        let serial: LinuxSerialPort
        do { serial = try LinuxSerialPort(path: port, baud: BM13xxRegister.defaultBaud) } catch { throw CLIError(error.description) }
        chain = nil
        config.ticketDifficultyScale = ticketDifficultyScale
        driver = BM13xxDriver(port: serial, reset: nil, configuration: config, sleep: sleep, now: now)
        #else
        throw CLIError("--port \(port): serial ports need Linux; use --port virtual")
        #endif
    }

    func close() { chain?.stop() }
}
