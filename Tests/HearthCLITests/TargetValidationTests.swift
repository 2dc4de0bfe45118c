import Foundation
import HearthCore
import HearthSupport
@testable import HearthDaemon
import Testing

/// One target validator: every way a target gets in refuses 45 °C with the same words.
@Suite(.serialized) struct TargetValidationTests {
    static var problem: String {
        do { _ = try TargetTemperature.parse("45"); return "" } catch { return error.problem }
    }

    @Test func theMessageIsTheValidators() {
        #expect(Self.problem == "45 °C is out of range; allowed: 5…30 °C (Fahrenheit needs an F, like 70F)")
    }

    @Test func cliSetTargetAndSchedule() throws {
        let sandbox = try TestProcess.makeSandbox("v")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        // Checked before any daemon is asked: none runs on this socket.
        let socket = ["--socket", "\(sandbox)/none.sock"]
        let set = try CLI.run(["set", "target", "45"] + socket, timeout: 20)
        #expect(set.status != 0 && set.stderr.contains("target '45': \(Self.problem)"), "\(set.stderr)")
        let schedule = try CLI.run(["schedule", "set", "mon-fri 06:30 21; * 22:00 45"] + socket, timeout: 20)
        #expect(schedule.status != 0 && schedule.stderr.contains("schedule entry 2"), "\(schedule.stderr)")
        #expect(schedule.stderr.contains("\"45\": \(Self.problem)"), "\(schedule.stderr)")
    }

    @Test func simulateTarget() throws {
        let r = try CLI.run(["simulate", "--board", "avalon-nano3s", "--target", "45"], timeout: 30)
        #expect(r.status != 0 && r.stderr.contains("--target '45': \(Self.problem)"), "\(r.stderr)")
    }

    @Test func configFileTarget() throws {
        let sandbox = try TestProcess.makeSandbox("v")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        try "board = \"avalon-nano3s\"\n[control]\ntarget = 45\n".write(toFile: "\(sandbox)/h.toml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "--config", "\(sandbox)/h.toml"], sandbox: sandbox, timeout: 30)
        #expect(r.status != 0 && r.stderr.contains("h.toml:3: key 'control.target': \(Self.problem)"), "\(r.stderr)")
    }

    @Test func apiPatch() throws {
        let board = SettingsPatchFixture.board
        for body in [#"{"target": 45}"#, #"{"target": "45"}"#, #"{"target": "45C"}"#] {
            let json = try JSONParser.parse(body)
            do {
                _ = try SettingsPatch.apply(json, to: DaemonSettings(), board: board)
                Issue.record("\(body) accepted")
            } catch {
                #expect(error.status.code == 422)
                #expect(error.message.hasSuffix(": \(Self.problem)"), "\(error.message)")
            }
        }
    }

    /// `hearth run --target` is checked by HearthDaemon's set-up with the same validator.
    @Test func runTarget() throws {
        let sandbox = try TestProcess.makeSandbox("v")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        let r = try CLI.run(["run", "--board", "avalon-nano3s", "--target", "45", "--socket", "\(sandbox)/h.sock",
                             "--state-file", "\(sandbox)/s.json", "--hours", "0.0001"], sandbox: sandbox, timeout: 30)
        #expect(r.status != 0)
        #expect(r.stderr.contains("--target '45': \(Self.problem)"), "\(r.stderr)")
    }
}

/// A two-point board for SettingsPatch without a board file.
enum SettingsPatchFixture {
    static let board = BoardProfile(
        id: "test", name: "Test",
        operatingPoints: [OperatingPoint(name: "low", frequency: Megahertz(300), voltage: Millivolts(1100), power: Watts(50), hashrate: HashRate(terahashes: 1)),
                          OperatingPoint(name: "high", frequency: Megahertz(485), voltage: Millivolts(1200), power: Watts(100), hashrate: HashRate(terahashes: 2))],
        thermal: ThermalLimits(chipTarget: Celsius(70), chipThrottle: Celsius(80), chipTrip: Celsius(90), chipLimit: Celsius(95)),
        fan: FanLimits(minimumDuty: DutyCycle(0.2), safeDuty: DutyCycle(1), maximumRPM: RPM(5000), stallRPM: RPM(300), stallCheckDuty: DutyCycle(0.3), quietRPM: RPM(2000)),
        hasPowerSensor: true)
}
