import Foundation
import HearthCore
import Testing
@testable import HearthDaemon

/// The config file: every problem is one line with file:line (from HearthBoardFiles'
/// TOML key locator) and the key.
@Suite struct DaemonConfigTests {
    func failure(_ text: String) -> DaemonConfigError? {
        do { _ = try DaemonConfig(parsing: text, file: "h.toml"); return nil } catch { return error }
    }

    @Test func theShippedExampleParses() throws {
        let text = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/hearth.toml"), encoding: .utf8)
        let c = try DaemonConfig(parsing: text, file: "hearth.toml")
        #expect(c.target == Celsius(21) && c.mode == .heat && c.board == "avalon-nano3s")
    }

    @Test func targetsAreCheckedByTheOneValidator() throws {
        #expect(try DaemonConfig(parsing: "[control]\ntarget = \"70F\"\n", file: "h.toml").target == Celsius(21.11))
        #expect(try DaemonConfig(parsing: "[control]\ntarget = 19\n", file: "h.toml").target == Celsius(19))
        let e = try #require(failure("board = \"x\"\n\n[control]\nmode = \"heat\"\ntarget = 45\n"))
        #expect(e.line == 5 && e.key == "control.target")
        #expect(e.problem == TargetTemperatureError.problem(for: "45"))
        #expect(e.description.hasPrefix("h.toml:5: key 'control.target': 45 °C is out of range; allowed: 5…30 °C"))
    }

    @Test func linesComeFromTheLocator() throws {
        // Comments and a multi-line array before the key must not shift the line.
        let text = """
        # comment with target = 99
        board = "x"
        [api]
        socket = "/tmp/s"
        [control]
        schedule = \"\"\"
        mon 06:00 20
        \"\"\"
        tick = 900
        """
        let tick = try #require(failure(text))
        #expect(tick.line == 9 && tick.key == "control.tick")
        let unknown = try #require(failure("board = \"x\"\n[sim]\nscenario = \"winter-day\"\nturbo = true\n"))
        #expect(unknown.line == 4 && unknown.key == "sim.turbo")
    }

    @Test func eachPoolEntryIsLocated() throws {
        let text = """
        [[pool]]
        url = "stratum+tcp://a:1"
        user = "u"

        [[pool]]
        url = "http://b:1"
        user = "u"
        """
        let e = try #require(failure(text))
        #expect(e.line == 6 && e.key == "pool.url", "\(e)")
        let missing = try #require(failure("[[pool]]\nurl = \"stratum+tcp://a:1\"\nuser = \"u\"\n[[pool]]\nurl = \"stratum+tcp://b:1\"\n"))
        #expect(missing.line == 4 && missing.problem.contains("pool 2 needs user"), "\(missing)")
    }
}

extension TargetTemperatureError {
    /// The problem text the one validator gives for `text`, for comparing messages.
    static func problem(for text: String) -> String {
        do { _ = try TargetTemperature.parse(text); return "" } catch { return error.problem }
    }
}
