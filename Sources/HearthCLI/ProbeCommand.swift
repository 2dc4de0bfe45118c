import ArgumentParser
import Foundation
import HearthHAL
#if canImport(HearthLinux)
import HearthLinux
#endif

/// `hearth probe --board B [--json]`: the hardware self-test a hobbyist runs first.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check the board's buses, lines and chips on this machine (Linux backend).",
        discussion: """
            Opens every I2C bus, GPIO line, PWM channel and UART the board file names, reads \
            the chips' ID registers, toggles only outputs marked safe_to_toggle, and prints \
            ✓/✗ with the reason and the fix. Exits non-zero if anything failed.
            """)

    @Option(help: "Board id or path to a board file.") var board: String
    @Option(help: "Directory with board files.") var boardsDir: String?
    @Flag(help: "Print one JSON object instead of the table.") var json = false

    struct Report: Codable {
        var board: String
        var ok: Bool
        var checks: [ProbeCheck]
    }

    func run() throws {
        let def = try BoardLocator(explicitDirectory: boardsDir).load(board)
        #if canImport(HearthLinux)
        let provider = LinuxBusProvider()
        defer { provider.closeAll() }
        let probe = BoardProbe(board: def, buses: provider) { (spec: UARTSpec) throws(BusError) -> any SerialPort in
            try provider.serialPort(spec)
        }
        let checks = probe.run()
        #else
        let checks = [ProbeCheck(item: "backend", ok: false, detail: "no Linux backend on this platform",
                                 fix: "run hearth probe on the Linux board itself")]
        #endif
        let ok = checks.allSatisfy(\.ok)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(Report(board: def.id, ok: ok, checks: checks))
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("probe \(def.profile.name) — \(def.path)")
            print(BoardProbe.table(checks))
        }
        if !ok { throw ExitCode(1) }
    }
}
