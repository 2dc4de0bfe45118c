import ArgumentParser
import Foundation
import HearthAvalon
import HearthCGMinerAPI
import HearthCore
import HearthHAL
#if canImport(HearthLinux)
import HearthLinux
#endif

/// `hearth probe --board B [--json]`: the hardware self-test a hobbyist runs first;
/// `hearth probe --backend avalon --host HOST[:PORT]`: what a stock unit is and what
/// Hearth can do with it.
struct ProbeCommand: AsyncParsableCommand {
    enum Backend: String, ExpressibleByArgument, CaseIterable { case linux, avalon, axeos }

    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check a board's buses, lines and chips (Linux), or what a stock Avalon (avalon) or Bitaxe (axeos) is and allows.",
        discussion: """
            linux: opens every I2C bus, GPIO line, PWM channel and UART the board file names, \
            reads the chips' ID registers, toggles only outputs marked safe_to_toggle, and prints \
            ✓/✗ with the reason and the fix. avalon: asks the unit's API (one request at a time) \
            for version, options and readings, and says what Hearth can and cannot do with it. \
            axeos: the same for a stock Bitaxe over AxeOS (system/info, system/asic; changes nothing). \
            Exits non-zero if anything failed.
            """)

    @Option(help: "linux (a board file's hardware on this machine), avalon or axeos (a stock unit over its API).")
    var backend: Backend = .linux
    @Option(help: "avalon, axeos: the unit, HOST or HOST:PORT (port 4028 for avalon, 80 for axeos).") var host: String?
    @Option(help: "Board id or path to a board file (linux).") var board: String?
    @Option(help: "Directory with board files.") var boardsDir: String?
    @Flag(help: "Print one JSON object instead of the table.") var json = false

    struct Report: Codable {
        var board: String
        var ok: Bool
        var checks: [ProbeCheck]
    }

    func run() async throws {
        if backend == .avalon { return try await probeAvalon() }
        if backend == .axeos { return try await probeAxeOS() }
        guard let board else { throw CLIError("--board is required with --backend linux") }
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

    private func probeAvalon() async throws {
        guard let host else { throw CLIError("--host HOST[:PORT] is required with --backend avalon") }
        let endpoint: CGMinerEndpoint
        do { endpoint = try CGMinerEndpoint(parsing: host) } catch { throw CLIError("--host \(error)") }
        let report = await AvalonProbe.run(CGMinerClient(endpoint: endpoint))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("probe \(report.model ?? "unit") at \(report.device)")
            for c in report.checks { print("  \(c.ok ? "✓" : "✗") \(c.item.padding(toLength: 9, withPad: " ", startingAt: 0)) \(c.detail)") }
            if let setting = report.setting { print("  setting   \(setting) of \(report.settings.joined(separator: ", "))") }
            var figures: [String] = []
            if let c = report.chipC { figures.append("chip \(formatted(c, decimals: 0)) °C") }
            if let w = report.wallW { figures.append("\(formatted(w, decimals: 0)) W") }
            if let h = report.hashrateTHs { figures.append("\(formatted(h, decimals: 2)) TH/s") }
            if let f = report.fanRPM { figures.append("fan \(formatted(f, decimals: 0)) rpm") }
            if !figures.isEmpty { print("  readings  \(figures.joined(separator: ", "))") }
            for c in report.can { print("  can       \(c)") }
            for c in report.cannot { print("  cannot    \(c)") }
        }
        if !report.ok { throw ExitCode(1) }
    }
}
