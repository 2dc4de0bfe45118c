import HearthCore
import HearthMQTT
import HearthPlugs
import HearthSupport
import Testing

/// The MQTT plug against a real mosquitto per test (127.0.0.110–114, port 1883), with
/// mosquitto_sub as the independent witness of what Hearth publishes.
@Suite(.enabled(if: TestBroker.isInstalled, TestBroker.notInstalled))
struct MQTTCommandPlugTests {
    func plug(_ host: String, command: String, state: String? = nil, user: String? = nil, password: String? = nil,
              confirm: Duration = .seconds(10), retry: RetryPolicy = .standard) async throws -> MQTTCommandPlug
    {
        let configuration = MQTTClientConfiguration(host: host, clientID: "hearth-plug-test", username: user, password: password,
                                                    connectTimeout: .seconds(5), retry: retry, jitterSeed: 1)
        let plug = try MQTTCommandPlug(configuration: configuration, topics: MQTTPlugTopics(command: command, state: state),
                                       confirmTimeout: confirm)
        try await plug.start()
        return plug
    }

    @Test func tasmotaOverMQTTSwitchesAndConfirms() async throws {
        let broker = try await TestBroker(host: Loopback.brokerCommands)
        let witness = try await broker.subscriber("cmnd/heater/POWER")
        let tasmota = try await MQTTTasmotaDouble(host: broker.host, name: "heater")
        let plug = try await plug(broker.host, command: "cmnd/heater/POWER")
        defer { Task { await plug.close(); await tasmota.stop() } }
        #expect(await eventually { plug.brokerState.isConnected && tasmota.client.state.isConnected })
        #expect(plug.topics.state == "stat/heater/POWER")

        // Nothing known yet: an empty command asks Tasmota for its state.
        #expect(try await plug.status() == PlugStatus(isOn: false))
        try await plug.setOn(true)
        #expect(try await plug.status() == PlugStatus(isOn: true))
        try await plug.setOn(false)
        #expect(try await plug.status() == PlugStatus(isOn: false))

        #expect(await witness.wait { $0.filter { $0.hasPrefix("MSG ") }.count >= 3 })
        #expect(witness.lines.filter { $0.hasPrefix("MSG ") } == ["MSG cmnd/heater/POWER ", "MSG cmnd/heater/POWER ON", "MSG cmnd/heater/POWER OFF"])
        #expect(!tasmota.isOn)

        try await mosquittoPub(broker, "tele/heater/SENSOR", #"{"Time":"2025-01-01T00:00:00","ENERGY":{"Power":88}}"#)
        #expect(await eventually { (try? await plug.status().watts) == Watts(88) })
    }

    @Test func withoutStateTopicTheStateIsAssumed() async throws {
        let broker = try await TestBroker(host: Loopback.brokerNoState)
        let witness = try await broker.subscriber("home/heater/set")
        let plug = try await plug(broker.host, command: "home/heater/set")
        defer { Task { await plug.close() } }
        #expect(await eventually { plug.brokerState.isConnected })
        let unknown = try await #require(throws: PlugError.self) { try await plug.status() }
        #expect(unknown.reason.hasPrefix("no state topic (add ?state=TOPIC to the plug spec)"))
        try await plug.setOn(true)
        #expect(try await plug.status() == PlugStatus(isOn: true, isAssumed: true))
        #expect(await witness.wait { $0.contains("MSG home/heater/set ON") })
    }

    @Test func silentPlugDoesNotConfirm() async throws {
        let broker = try await TestBroker(host: Loopback.brokerSilent)
        let plug = try await plug(broker.host, command: "cmnd/heater/POWER", confirm: .milliseconds(300))
        defer { Task { await plug.close() } }
        #expect(await eventually { plug.brokerState.isConnected })
        try await plug.setOn(true)
        let error = try await #require(throws: PlugError.self) { try await plug.status() }
        #expect(error.description
            == "plug mqtt \(broker.host):1883 cmnd/heater/POWER, status from stat/heater/POWER: the plug did not confirm the command on stat/heater/POWER within 300 ms")
    }

    @Test func brokerAwayIsReportedThenCommandsFlowWhenItComes() async throws {
        let host = Loopback.brokerDown
        let plug = try await plug(host, command: "cmnd/heater/POWER", state: "stat/heater/POWER",
                                  retry: RetryPolicy(floor: .seconds(1), initial: .seconds(1), multiplier: 1, cap: .seconds(1), jitter: 0))
        defer { Task { await plug.close() } }
        let error = try await #require(throws: PlugError.self) { try await plug.setOn(true) }
        guard case .brokerUnavailable(let why) = error.kind else {
            Issue.record("expected brokerUnavailable, got \(error)")
            return
        }
        #expect(why.hasPrefix("broker \(host):1883 is not connected"))

        let broker = try await TestBroker(host: host)
        let witness = try await broker.subscriber("cmnd/heater/POWER")
        #expect(await eventually { plug.brokerState.isConnected })
        try await plug.setOn(true)
        #expect(await witness.wait { $0.contains("MSG cmnd/heater/POWER ON") })
    }

    @Test func brokerPasswordStaysHidden() async throws {
        let secret = "Br0ker-Secret"
        let broker = try await TestBroker(host: Loopback.brokerAuth, users: ["hearth": secret])
        let good = try await plug(broker.host, command: "cmnd/a/POWER", user: "hearth", password: secret)
        defer { Task { await good.close() } }
        #expect(await eventually { good.brokerState.isConnected })

        let bad = try await plug(broker.host, command: "cmnd/a/POWER", user: "hearth", password: "wrong-\(secret)")
        defer { Task { await bad.close() } }
        #expect(await eventually { if case .disconnected = bad.brokerState { true } else { false } })
        let error = try await #require(throws: PlugError.self) { try await bad.setOn(true) }
        #expect(error.reason.contains("not connected"))
        for text in ["\(error)", "\(bad.brokerState)", bad.name] { #expect(!text.contains(secret), "\(text)") }
    }

    private func mosquittoPub(_ broker: TestBroker, _ topic: String, _ message: String) async throws {
        let pub = try TestProcess(TestProcess.find("mosquitto_pub")!, ["-h", broker.host, "-p", "\(broker.port)", "-t", topic, "-m", message])
        #expect(await pub.waitForExit() == 0)
    }
}
