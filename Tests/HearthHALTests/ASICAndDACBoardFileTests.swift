import Foundation
import HearthBoardFiles
import HearthCore
import HearthHAL
import Testing

/// Board files: `[asic] port` / `reset`, and `[core_voltage] regulator = "ds4432u"` with its
/// feedback resistors. Every bad value is refused with its key and line.
@Suite struct ASICAndDACBoardFileTests {
    static let piaxe = (try? String(contentsOfFile: BM13xxBoardFileTests.piaxePath, encoding: .utf8)) ?? ""

    /// The PiAxe's text with its fixed `[core_voltage]` replaced by a DS4432U (Bitaxe Ultra 204 resistors).
    static func withDAC(_ extra: String = "", replacing: (String, String)? = nil) -> String {
        let start = piaxe.range(of: "[core_voltage]")!.lowerBound
        var dac = """
        [core_voltage]
        settable = true
        regulator = "ds4432u"
        bus = "i2c-1"
        address = 0x4a
        output = 0
        rfs_ohm = 80000.0
        r_top_ohm = 4750.0
        r_bottom_ohm = 3320.0
        feedback_mv = 600.0
        min_mv = 1100.0
        default_mv = 1200.0
        max_mv = 1300.0
        source = "test fixture: Bitaxe Ultra 204 feedback values as ESP-Miner names them"
        \(extra)
        """
        if let (from, to) = replacing { dac = dac.replacingOccurrences(of: from, with: to) }
        return String(piaxe[..<start]) + dac + "\n"
    }

    private func expectRefused(_ text: String, key: String, containing words: String? = nil) {
        do {
            _ = try BoardLoader.parse(text: text, file: "piaxe.toml")
            Issue.record("accepted; expected an error at \(key)")
        } catch {
            #expect(error.key == key, "\(error)")
            #expect(error.line != nil, "\(error)")
            if let words { #expect(error.message.contains(words), "\(error)") }
        }
    }

    @Test func ds4432uSectionParses() throws {
        let board = try BoardLoader.parse(text: Self.withDAC(), file: "piaxe.toml")
        let control = try #require(board.coreVoltage?.control)
        #expect(control.regulator == .ds4432u)
        #expect(control.address == 0x4A)
        let f = try #require(control.dacFeedback)
        #expect(f == DS4432U.Feedback(output: .out0, fullScaleResistorOhms: 80_000, topResistorOhms: 4750,
                                       bottomResistorOhms: 3320, reference: Millivolts(600)))
        #expect(board.coreVoltage?.nominal == Millivolts(1200))
    }

    @Test(arguments: [
        ("rfs_ohm = 80000.0", "rfs_ohm = 20000.0", "core_voltage.rfs_ohm", "40000…160000"),
        ("output = 0", "output = 2", "core_voltage.output", "0xF8"),
        ("r_top_ohm = 4750.0", "r_top_ohm = -1.0", "core_voltage.r_top_ohm", nil),
        ("feedback_mv = 600.0\n", "", "core_voltage.feedback_mv", nil),
        ("max_mv = 1300.0", "max_mv = 1990.0", "core_voltage.max_mv", "989…1928 mV"),
        ("min_mv = 1100.0", "min_mv = 900.0", "core_voltage.min_mv", "989…1928 mV"),
    ] as [(String, String, String, String?)])
    func badDACValuesAreNamed(_ from: String, _ to: String, _ key: String, _ words: String?) {
        let text = Self.withDAC(replacing: (from, to))
        #expect(text != Self.withDAC())
        expectRefused(text, key: key, containing: words)
    }

    @Test func feedbackKeysBelongToTheDACOnly() {
        let tps = Self.withDAC(replacing: ("regulator = \"ds4432u\"", "regulator = \"tps546\""))
        expectRefused(tps, key: "core_voltage.output")
    }

    @Test func asicNamesPortAndResetLine() throws {
        let board = try BoardLoader.load(path: BM13xxBoardFileTests.piaxePath)
        #expect(board.asic?.port == "/dev/ttyS0")
        #expect(board.asic?.reset == board.gpio(.asicReset))
    }

    /// Edits inside the `[asic]` section only.
    private func editASIC(_ from: String, _ to: String) -> String {
        let start = Self.piaxe.range(of: "[asic]")!.lowerBound
        return String(Self.piaxe[..<start]) + Self.piaxe[start...].replacingOccurrences(of: from, with: to)
    }

    @Test(arguments: [
        ("port = \"/dev/ttyS0\"", "port = \"ttyS0\"", "asic.port", "not a device path"),
        ("port = \"/dev/ttyS0\"", "port = 3", "asic.port", "string"),
        ("reset = \"asic_reset\"", "reset = \"asic_enable\"", "asic.reset", "only allowed value"),
    ])
    func badASICValuesAreNamed(_ from: String, _ to: String, _ key: String, _ words: String) {
        let text = editASIC(from, to)
        #expect(text != Self.piaxe)
        expectRefused(text, key: key, containing: words)
    }

    @Test func aMissingPortOrResetLineIsNamed() {
        let noPort = editASIC("port = \"/dev/ttyS0\"", "")
        expectRefused(noPort, key: "asic.port", containing: "/dev/ttyS0")
        // The reset line must exist as a [[gpio]].
        let noGPIO = Self.piaxe.replacingOccurrences(of: "[[gpio]]\nname = \"asic_reset\"     # NRST\nchip = \"gpiochip0\"\nline = 22\ndirection = \"output\"\nactive_low = true\n", with: "")
        #expect(noGPIO != Self.piaxe)
        expectRefused(noGPIO, key: "asic.reset", containing: "no [[gpio]]")
    }
}
