import ArgumentParser
import Foundation
import HearthAxeOS
import HearthCore
import HearthDaemon

extension ProbeCommand {
    /// `hearth probe --backend axeos --host HOST[:PORT] [--board B]`: what a stock Bitaxe is
    /// and which V/f points Hearth would plan with (the board file is chosen from the chip
    /// the firmware reports unless given).
    func probeAxeOS() async throws {
        guard let host else { throw CLIError("--host HOST[:PORT] is required with --backend axeos") }
        let endpoint: AxeOSEndpoint
        do { endpoint = try AxeOSEndpoint(parsing: host) } catch { throw CLIError("--host \(error)") }
        let link = AxeOSClient(host: endpoint.host, port: endpoint.port)
        var boardID = board
        if boardID == nil, let chip = try? await link.systemInfo().asicModel { boardID = AxeOSPlant.boardFile(forChip: chip) }
        let definition = try boardID.map { try BoardLocator(explicitDirectory: boardsDir).load($0) }
        let report = await AxeOSProbe.run(link, board: definition?.profile, chip: definition?.chip)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("probe \(report.asicModel ?? "AxeOS board") at \(report.device)\(report.firmware.map { ", firmware \($0)" } ?? "")")
            for c in report.checks { print("  \(c.ok ? "✓" : "✗") \(c.item.padding(toLength: 9, withPad: " ", startingAt: 0)) \(c.detail)") }
            if let f = report.frequencyMHz, let v = report.coreVoltageMV {
                print("  running   \(formatted(f, decimals: 0)) MHz at \(formatted(v, decimals: 0)) mV")
            }
            var figures: [String] = []
            if let c = report.chipC { figures.append("chip \(formatted(c, decimals: 1)) °C") }
            if let w = report.powerW { figures.append("\(formatted(w, decimals: 1)) W") }
            if let h = report.hashrateTHs { figures.append("\(formatted(h, decimals: 3)) TH/s") }
            if let f = report.fanRPM { figures.append("fan \(formatted(f, decimals: 0)) rpm") }
            if !figures.isEmpty { print("  readings  \(figures.joined(separator: ", "))") }
            if !report.points.isEmpty { print("  points    \(report.points.joined(separator: ", "))") }
            for c in report.can { print("  can       \(c)") }
            for c in report.cannot { print("  cannot    \(c)") }
        }
        if !report.ok { throw ExitCode(1) }
    }
}
