import ArgumentParser
import Foundation
import HearthCore
import HearthHAL
import HearthSimulator
#if canImport(HearthLinux)
import HearthLinux
#endif

/// `hearth internal serve-virtual-asic`: the virtual BM13xx chain on the master side of a
/// pseudo-terminal, so `hearth asic --port <slave>` (LinuxSerialPort + the real driver)
/// can be tested in another process. Prints `slave PATH`, then `baud N` whenever the
/// slave's termios speed changes. A pty moves bytes whatever the speed, and the
/// termios field can change before we read bytes written at the old speed, so the
/// chain hears everything at its own speed; the `baud` lines are what shows the
/// driver's port followed the chain's switch.
struct AsicServeVirtualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve-virtual-asic")

    @Option var chip = "bm1366"
    @Option var chips = 1
    @Option(help: "Lifetime bound in seconds.") var seconds = 60.0
    @Option(help: "Tickets at the ticket mask's difficulty times this (the client's --ticket-difficulty-scale).")
    var difficultyScale = 1e-6

    func run() throws {
        guard let model = BM13xxChipModel.named(chip) else { throw CLIError("--chip \(chip): unknown") }
        guard (1...256).contains(chips) else { throw CLIError("--chips must be 1…256") }
        guard seconds.isFinite, seconds > 0, seconds <= 3600 else { throw CLIError("--seconds must be > 0 and at most 3600") }
        #if canImport(HearthLinux)
        let pty: PseudoTerminal
        do { pty = try PseudoTerminal() } catch { throw CLIError(error.description) }
        let writeLock = NSLock()
        let chain = VirtualBM13xxChain(.init(model: model, chips: chips, hashesPerSecondAtDefault: 1_000_000,
                                             difficultyScale: difficultyScale)) { bytes in
            writeLock.withLock { _ = try? pty.send(bytes) }
        }
        chain.start()
        defer { chain.stop() }
        say("slave \(pty.slavePath)")
        var lastBaud: Int?
        var lastPLL: Megahertz?
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            let bytes: [UInt8]
            do { bytes = try pty.receive(timeout: Seconds(0.05)) } catch { throw CLIError(error.description) }
            guard !bytes.isEmpty else { continue }
            let baud = pty.slaveBaud
            if baud != lastBaud {
                say("baud \(baud.map(String.init) ?? "non-standard")")
                lastBaud = baud
            }
            chain.receive(bytes, baud: chain.baud)
            // What the chip's PLL register holds now (tests read the frequency back from here).
            let pll = chain.frequency
            if pll != lastPLL {
                say("pll \(pll.value)")
                lastPLL = pll
            }
        }
        #else
        throw CLIError("serve-virtual-asic needs Linux (pseudo-terminals)")
        #endif
    }

    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
