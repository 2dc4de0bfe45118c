import Foundation
import HearthBoardFiles
import HearthCore
import HearthHAL
import Testing

/// The `[asic]` section: the PiAxe names its BM1366, and a section that disagrees
/// with `[board]` or with the `[uart]` device is refused with the key named.
@Suite struct BM13xxBoardFileTests {
    static let piaxePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("boards/piaxe.toml").path

    @Test func piaxeNamesItsChip() throws {
        let board = try BoardLoader.load(path: Self.piaxePath)
        #expect(board.asic == ASICSpec(model: .bm1366, count: 1, fastBaud: true, port: "/dev/ttyS0",
                                       reset: board.gpios.first { $0.function == .asicReset }))
        #expect(board.asic?.reset?.line == 22)
        #expect(board.uart?.device == "/dev/ttyS0")
    }

    @Test(arguments: [
        ("chip = \"BM1366\"", "chip = \"BM1397\"", "asic.chip"),
        ("chip = \"BM1366\"", "chip = \"BM1370\"", "asic.chip"),
        ("count = 1", "count = 2", "asic.count"),
        ("port = \"/dev/ttyS0\"", "port = \"/dev/ttyAMA0\"", "asic.port"),
    ])
    func badSectionsAreNamed(_ from: String, _ to: String, _ key: String) throws {
        let text = try String(contentsOfFile: Self.piaxePath, encoding: .utf8)
        let asicStart = try #require(text.range(of: "[asic]"))
        // Replace inside the [asic] section only ([board] has a chip key too), or drop [uart].
        let edited = from.hasPrefix("[uart]") ? text.replacingOccurrences(of: from, with: to)
            : String(text[..<asicStart.lowerBound]) + text[asicStart.lowerBound...].replacingOccurrences(of: from, with: to)
        #expect(edited != text)
        do {
            _ = try BoardLoader.parse(text: edited, file: "piaxe.toml")
            Issue.record("accepted \(to)")
        } catch {
            #expect(error.key == key, "\(error)")
        }
    }
}
