import Foundation
import HearthBoardFiles
import HearthCore
import HearthHAL
import Testing

/// The board files' `[core_voltage]` (docs/axeos.md): what the planner may assume.
@Suite struct CoreVoltageSectionTests {
    @Test func piaxeIsFixedAndGammaIsSettableWithinTheFirmwaresRange() throws {
        let catalog = BoardCatalog(directory: Boards.directory)
        let piaxe = try #require(try catalog.board(id: "piaxe").coreVoltage)
        #expect(!piaxe.isSettable)
        #expect(piaxe.nominal == Millivolts(1200))
        #expect(piaxe.clamp(Millivolts(1000)) == Millivolts(1200))
        let gamma = try #require(try catalog.board(id: "bitaxe-gamma").coreVoltage)
        let control = try #require(gamma.control)
        #expect(control.regulator == .tps546 && control.address == 0x24)
        #expect(control.minimum == Millivolts(1000) && control.maximum == Millivolts(1250))
        #expect(gamma.clamp(Millivolts(1400)) == Millivolts(1250))
    }

    @Test("a bad section is one located error", arguments: [
        ("settable = true\nregulator = \"tps546\"\nbus = \"i2c-0\"\naddress = 0x24\nmin_mv = 1200.0\ndefault_mv = 1100.0\nmax_mv = 1250.0\nsource = \"x\"", "min_mv ≤ default_mv ≤ max_mv"),
        ("settable = true\nregulator = \"lm317\"\nbus = \"i2c-0\"\naddress = 0x24\nmin_mv = 1000.0\ndefault_mv = 1100.0\nmax_mv = 1250.0\nsource = \"x\"", "unknown; allowed: tps546, ds4432u"),
        ("settable = false\nfixed_mv = 1200.0\naddress = 0x24\nsource = \"x\"", "address"),
        ("fixed_mv = 1200.0\nsource = \"x\"", "settable"),
    ])
    func badSections(section: String, expected: String) throws {
        let path = Boards.directory + "/piaxe.toml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: "[core_voltage]"))
        text = String(text[..<range.lowerBound]) + "[core_voltage]\n" + section + "\n"
        do {
            _ = try BoardLoader.parse(text: text, file: "boards/piaxe.toml")
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.description.contains("core_voltage"), "\(error)")
        }
    }
}
