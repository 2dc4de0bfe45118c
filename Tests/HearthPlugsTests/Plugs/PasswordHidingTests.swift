import HearthCore
import HearthEmulators
import HearthPlugs
import Testing

/// Issue 11's security line: plug passwords never appear in descriptions, logs, errors
/// or status, also when they are wrong (127.0.0.105).
@Suite struct PasswordHidingTests {
    let host = Loopback.secrets
    let secret = "hunter2-Zq9"

    @Test func wrongPasswordsLeaveNoTrace() async throws {
        let shelly = ShellyEmulator(password: "right-one")
        let tasmota = TasmotaEmulator(password: "right-one")
        let shellyPort = try await shelly.start(host: host)
        let tasmotaPort = try await tasmota.start(host: host)
        defer { Task { await shelly.stop(); await tasmota.stop() } }

        let logs = LogCapture()
        let clock = ManualClock()
        var texts: [String] = []
        for spec in ["shelly://admin:\(secret)@\(host):\(shellyPort)", "tasmota://admin:\(secret)@\(host):\(tasmotaPort)"] {
            let parsed = try PlugSpec.parse(spec)
            let plug = try await parsed.makePlug(logger: logs.logger("plug"))
            let plugSwitch = PlugSwitch(plug: plug, policy: PlugSwitchPolicy(failuresBeforeNotAnswering: 1), logger: logs.logger("switch"),
                                        now: clock.reader)
            let report = await plugSwitch.want(false)
            #expect(report.health.isNotAnswering)
            let error = try await #require(throws: PlugError.self) { try await plug.status() }
            #expect(error.isAuthenticationFailure)
            var dumped = ""
            dump(report, to: &dumped)
            texts += ["\(parsed)", plug.name, "\(report)", dumped, "\(error)", String(reflecting: error)]
        }
        texts += logs.all
        #expect(texts.count > 12)
        for text in texts { #expect(!text.contains(secret), "\(text)") }
        #expect(shelly.socket.isOn && tasmota.socket.isOn)
    }
}
