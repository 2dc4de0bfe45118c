import Foundation
import HearthMQTT
import HearthSupport
import Testing

/// The client against a real mosquitto, with mosquitto_sub and mosquitto_pub as
/// independent peers. Each test has its own broker on its own address (127.0.0.60…66).
@Suite(.enabled(if: Mosquitto.isInstalled, Mosquitto.notInstalled), .timeLimit(.minutes(1)))
struct MosquittoTests {
    @Test func connectsAndDisconnectsCleanly() async throws {
        let broker = try await Mosquitto(host: "127.0.0.60")
        try await broker.start()
        let probe = try ClientProbe(ClientProbe.configuration(host: broker.host, port: broker.port, clientID: "hearth-connect"))
        probe.client.start()
        #expect(await probe.waitConnected())
        #expect(probe.states.events.first { $0.isConnected } == .connected(sessionPresent: false))
        #expect(await broker.process!.lines.wait { $0.contains { $0.contains("as hearth-connect") } })
        await probe.stop()
        #expect(await broker.process!.lines.wait { $0.contains { $0.contains("Received DISCONNECT from hearth-connect") } })
    }

    @Test func wrongPasswordIsOneClearErrorAndNeverLogged() async throws {
        let broker = try await Mosquitto(host: "127.0.0.61", users: ["heater": "right-horse-battery"])
        try await broker.start()
        var configuration = ClientProbe.configuration(host: broker.host, port: broker.port, clientID: "hearth-auth")
        configuration.username = "heater"
        configuration.password = "wrong-staple-42"
        let wrong = try ClientProbe(configuration)
        wrong.client.start()
        #expect(await wrong.waitDisconnected())
        // mosquitto 2 answers a bad password with "not authorised" (5) rather than 4.
        #expect(wrong.disconnectReasons.first
            == "broker \(broker.host):\(broker.port) refused the connection: not authorized (CONNACK code 5)")
        #expect(wrong.logs.lines.contains { $0.level == .error && $0.message.contains("refused the connection") })
        #expect(!wrong.logs.lines.contains { $0.text.contains("wrong-staple") })
        await wrong.stop()

        configuration.password = "right-horse-battery"
        let right = try ClientProbe(configuration)
        right.client.start()
        #expect(await right.waitConnected())
        #expect(!right.logs.lines.contains { $0.text.contains("right-horse") })
        await right.stop()
    }

    @Test func publishesQoS0And1ThatMosquittoSubSees() async throws {
        let broker = try await Mosquitto(host: "127.0.0.62")
        try await broker.start()
        let sub = try MosquittoSub(host: broker.host, port: broker.port, topic: "hearth/#")
        #expect(await sub.subscribed())
        let probe = try ClientProbe(ClientProbe.configuration(host: broker.host, port: broker.port))
        probe.client.start()
        #expect(await probe.waitConnected())
        try probe.client.publish(topic: "hearth/study/power", payload: "98.5")
        try probe.client.publish(topic: "hearth/study/state", payload: #"{"mode":"heat","target":21}"#, qos: .atLeastOnce)
        #expect(await sub.waitForMessages(2))
        #expect(Set(sub.messages) == [
            .init(topic: "hearth/study/power", qos: 0, retain: false, payload: "98.5"),
            .init(topic: "hearth/study/state", qos: 1, retain: false, payload: #"{"mode":"heat","target":21}"#),
        ])
        #expect(await eventually { await probe.client.statistics().acknowledged == 1 })
        await probe.stop()
    }

    @Test func receivesWhatMosquittoPubSends() async throws {
        let broker = try await Mosquitto(host: "127.0.0.63")
        try await broker.start()
        let probe = try ClientProbe(ClientProbe.configuration(host: broker.host, port: broker.port))
        probe.client.start()
        #expect(await probe.waitConnected())
        #expect(try await probe.client.subscribe("sensors/room/temperature", handler: probe.recorder) == .granted(.atLeastOnce))
        #expect(try await probe.client.subscribe("zigbee2mqtt/+", qos: .atMostOnce, handler: probe.recorder)
            == .granted(.atMostOnce))
        let json = #"{"temperature":20.7,"humidity":41,"battery":97}"#
        #expect(try await mosquittoPub(host: broker.host, port: broker.port, topic: "sensors/room/temperature",
                                       message: "20.7", qos: 1) == 0)
        #expect(try await mosquittoPub(host: broker.host, port: broker.port, topic: "zigbee2mqtt/study_sensor",
                                       message: json, qos: 1) == 0)
        #expect(try await mosquittoPub(host: broker.host, port: broker.port, topic: "elsewhere", message: "x") == 0)
        #expect(await probe.messages.wait { $0.count >= 2 })
        let received = probe.messages.events
        #expect(received.map(\.topic) == ["sensors/room/temperature", "zigbee2mqtt/study_sensor"])
        #expect(received.map(\.payloadString) == ["20.7", json])
        #expect(received.map(\.qos) == [.atLeastOnce, .atMostOnce], "delivered at the lower of published and granted QoS")
        await probe.stop()
    }

    @Test func retainedMessagesBothWays() async throws {
        let broker = try await Mosquitto(host: "127.0.0.64")
        try await broker.start()
        // Retained before the client subscribes: it arrives flagged as retained.
        #expect(try await mosquittoPub(host: broker.host, port: broker.port, topic: "hearth/config/target", message: "21.5",
                                       qos: 1, retain: true) == 0)
        let probe = try ClientProbe(ClientProbe.configuration(host: broker.host, port: broker.port))
        probe.client.start()
        #expect(await probe.waitConnected())
        try await probe.client.subscribe("hearth/config/#", handler: probe.recorder)
        #expect(await probe.messages.wait { !$0.isEmpty })
        #expect(probe.messages.events.first == MQTTMessage(topic: "hearth/config/target", payload: Array("21.5".utf8),
                                                           qos: .atLeastOnce, retain: true))
        // Retained by the client: a subscriber arriving later gets it.
        try probe.client.publish(topic: "hearth/study/mode", payload: "quiet", qos: .atLeastOnce, retain: true)
        #expect(await eventually { await probe.client.statistics().acknowledged == 1 })
        let late = try MosquittoSub(host: broker.host, port: broker.port, topic: "hearth/study/mode")
        #expect(await late.waitForMessages(1))
        #expect(late.messages == [.init(topic: "hearth/study/mode", qos: 1, retain: true, payload: "quiet")])
        await probe.stop()
    }

    @Test func lastWillIsPublishedWhenTheConnectionDies() async throws {
        let broker = try await Mosquitto(host: "127.0.0.65")
        try await broker.start()
        let proxy = try await LoopbackProxy(host: "127.0.0.65", to: (broker.host, broker.port))
        let sub = try MosquittoSub(host: broker.host, port: broker.port, topic: "hearth/study/availability")
        #expect(await sub.subscribed())
        var configuration = ClientProbe.configuration(host: "127.0.0.65", port: proxy.port, clientID: "hearth-will")
        configuration.will = MQTTWill(topic: "hearth/study/availability", payload: "offline", qos: .atLeastOnce, retain: true)
        configuration.retry = RetryPolicy(floor: .seconds(1))
        let probe = try ClientProbe(configuration)
        probe.client.onConnected { try? probe.client.publish(topic: "hearth/study/availability", payload: "online",
                                                              qos: .atLeastOnce, retain: true) }
        probe.client.start()
        #expect(await sub.waitForMessages(1))
        #expect(sub.messages.last?.payload == "online")
        // The socket dies under the client: no DISCONNECT reaches the broker.
        proxy.cutAll()
        #expect(await sub.waitForMessages(2))
        #expect(sub.messages[1] == .init(topic: "hearth/study/availability", qos: 1, retain: false, payload: "offline"), "\(sub.child.output)\n\(broker.log)")
        // And the client comes back by itself (through the proxy) and says so.
        #expect(await sub.waitForMessages(3))
        #expect(sub.messages[2].payload == "online")
        #expect(proxy.connectionCount == 2)
        await probe.stop()
        await proxy.shutdown()
    }

    @Test func survivesABrokerRestart() async throws {
        let broker = try await Mosquitto(host: "127.0.0.66")
        try await broker.start()
        var configuration = ClientProbe.configuration(host: broker.host, port: broker.port, clientID: "hearth-restart")
        configuration.retry = .standard  // the production floor of 1 s
        let probe = try ClientProbe(configuration)
        try await probe.client.subscribe("hearth/study/set/#", handler: probe.recorder)
        probe.client.start()
        #expect(await probe.waitConnected())
        #expect(await probe.hookRuns.wait { $0.count == 1 })

        let killedAt = ContinuousClock.now
        broker.kill()
        #expect(await probe.waitDisconnected())
        // Published while the broker is away: queued, delivered after the reconnect.
        for i in 1...3 { try probe.client.publish(topic: "hearth/queued/\(i)", payload: "m\(i)", qos: .atLeastOnce, retain: true) }
        #expect(await probe.client.statistics().queued == 3)
        try await broker.start()

        #expect(await probe.waitConnected(count: 2))
        let downFor = ContinuousClock.now - killedAt
        #expect(await probe.hookRuns.wait { $0.count == 2 }, "the on-connected hook runs again")
        // Every wait respected the floor, so the attempts while the broker was away are at
        // most one per second (the states are counted, not timed: their recorder runs on
        // the shared task pool).
        let states = probe.states.events
        let waits = states.compactMap { if case .disconnected(_, let retryIn) = $0 { retryIn } else { nil } }
        #expect(!waits.isEmpty && waits.allSatisfy { $0 >= .seconds(1) }, "\(waits)")
        let attempts = states.filter(\.isConnecting).count - 1
        #expect(Double(attempts) <= downFor / .seconds(1) + 1, "\(attempts) attempts in \(downFor)")

        // The queued QoS 1 messages reached the broker (retained, so a late subscriber sees them all).
        #expect(await eventually { await probe.client.statistics().queued == 0 })
        let sub = try MosquittoSub(host: broker.host, port: broker.port, topic: "hearth/queued/#")
        #expect(await sub.waitForMessages(3))
        #expect(Set(sub.messages.map(\.payload)) == ["m1", "m2", "m3"])
        // Subscribed again: a command sent now reaches the handler.
        #expect(try await mosquittoPub(host: broker.host, port: broker.port, topic: "hearth/study/set/target", message: "22",
                                       qos: 1) == 0)
        #expect(await probe.messages.wait { $0.contains { $0.payloadString == "22" } })
        await probe.stop()
    }
}
