import Foundation
import HearthMQTT
import HearthSupport
import Testing

/// A broken or hostile broker (on 127.0.0.71, port 0) never crashes the client or makes it
/// spin: one clear error per bad packet, reconnects paced by the retry policy, and
/// publishes bounded (issue 16).
@Suite(.timeLimit(.minutes(1)))
struct MQTTClientFaultTests {
    static let host = "127.0.0.71"

    struct Garbage: Sendable, CustomTestStringConvertible {
        var name: String
        /// Sent right after accepting, before the client's CONNECT is read.
        var onAccept: [UInt8]
        /// Sent after a CONNACK that accepted the client.
        var afterConnAck: [UInt8]?
        var reason: String
        var testDescription: String { name }
    }

    static let garbage: [Garbage] = [
        Garbage(name: "five length bytes", onAccept: [0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
                reason: "sent a malformed CONNACK: remaining length at byte 5: a 5th length byte"),
        Garbage(name: "an HTTP server", onAccept: Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8),
                reason: "sent a malformed PUBACK: fixed header flags at byte 0"),
        Garbage(name: "reserved packet type", onAccept: [0xF0, 0x00],
                reason: "sent a malformed packet: packet type at byte 0: 15 is reserved"),
        Garbage(name: "PUBLISH before CONNACK", onAccept: [0x30, 0x03, 0x00, 0x01, 0x61],
                reason: "sent PUBLISH before CONNACK"),
        Garbage(name: "wildcard in a published topic", onAccept: [], afterConnAck: [0x30, 0x05, 0x00, 0x03, 0x61, 0x2F, 0x2B],
                reason: "sent a malformed PUBLISH: topic name at byte 4: wildcards"),
        Garbage(name: "invalid UTF-8 topic", onAccept: [], afterConnAck: [0x30, 0x04, 0x00, 0x02, 0xC3, 0x28],
                reason: "sent a malformed PUBLISH: topic name at byte 5"),
        Garbage(name: "a 256 MB packet announced", onAccept: [], afterConnAck: [0x30, 0xFF, 0xFF, 0xFF, 0x7F],
                reason: "is over the limit of 262144 bytes"),
        Garbage(name: "SUBSCRIBE from the broker", onAccept: [],
                afterConnAck: [0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00],
                reason: "sent SUBSCRIBE, which a broker must not send here"),
        Garbage(name: "second CONNACK", onAccept: [], afterConnAck: [0x20, 0x02, 0x00, 0x00],
                reason: "sent CONNACK, which a broker must not send here"),
    ]

    @Test(arguments: garbage)
    func garbageFromTheBrokerIsOneClearErrorAndARetry(_ garbage: Garbage) async throws {
        let broker = try await FakeBroker(host: Self.host, onAccept: { peer in
            if !garbage.onAccept.isEmpty { peer.sendRaw(garbage.onAccept) }
        }) { peer, packet in
            FakeBroker.well(peer, packet)
            if case .connect = packet, let bytes = garbage.afterConnAck { peer.sendRaw(bytes) }
        }
        let probe = try ClientProbe(ClientProbe.configuration(host: Self.host, port: broker.port))
        probe.client.start()
        #expect(await probe.waitDisconnected())
        let reason = probe.disconnectReasons.first ?? ""
        #expect(reason.hasPrefix("broker \(Self.host):\(broker.port) "), "\(reason)")
        #expect(reason.contains(garbage.reason), "\(reason)")
        // The client keeps trying, after the backoff.
        #expect(await broker.accepted.wait { $0.count >= 2 })
        #expect(probe.logs.lines.contains { $0.level >= .warning && $0.message.contains(garbage.reason) })
        await probe.stop()
        await broker.shutdown()
    }

    @Test func acceptThenCloseStormIsPacedByTheBackoff() async throws {
        let broker = try await FakeBroker(host: Self.host, onAccept: { $0.close() })
        var configuration = ClientProbe.configuration(host: Self.host, port: broker.port)
        configuration.retry = RetryPolicy(floor: .milliseconds(200), initial: .milliseconds(100), cap: .seconds(5), jitter: 0.5)
        configuration.jitterSeed = 16
        let probe = try ClientProbe(configuration)
        probe.client.start()
        #expect(await broker.accepted.wait { $0.count >= 4 })
        let times = broker.accepted.timed.prefix(4).map(\.at)
        // Waits of 0.2 (the floor), 0.2, 0.2 s at the least, whatever the jitter draws: never a storm.
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 >= .milliseconds(180) }, "\(gaps)")
        #expect(times[3] - times[0] >= .milliseconds(580))
        #expect(probe.logs.lines.count <= 4 * broker.accepted.events.count, "\(probe.logs.lines.count) log lines")
        await probe.stop()
        await broker.shutdown()
    }

    @Test func aBrokerThatDropsRightAfterConnAckIsStillAFailingPeer() async throws {
        let broker = try await FakeBroker(host: Self.host) { peer, packet in
            FakeBroker.well(peer, packet)
            if case .connect = packet { peer.close() }
        }
        var configuration = ClientProbe.configuration(host: Self.host, port: broker.port)
        configuration.retry = RetryPolicy(floor: .milliseconds(100), initial: .milliseconds(100), cap: .seconds(5), jitter: 0,
                                          healthyAfter: .seconds(30))
        let probe = try ClientProbe(configuration)
        probe.client.start()
        #expect(await probe.states.wait { $0.filter(\.isDisconnected).count >= 4 })
        let waits = probe.states.events.compactMap { if case .disconnected(_, let retryIn) = $0 { retryIn } else { nil } }
        // Connected each time, but never for long: the backoff grows instead of starting over.
        #expect(Array(waits.prefix(4)) == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800)])
        await probe.stop()
        await broker.shutdown()
    }

    @Test func publishRateIsBoundedAndDropsAreCounted() async throws {
        let broker = try await FakeBroker(host: Self.host)
        var configuration = ClientProbe.configuration(host: Self.host, port: broker.port)
        configuration.maxPublishesPerSecond = 10
        configuration.publishBurst = 10
        let probe = try ClientProbe(configuration)
        probe.client.start()
        #expect(await probe.waitConnected())
        let started = ContinuousClock.now
        for i in 0..<200 { try probe.client.publish(topic: "flood", payload: "\(i)") }
        let statistics = await probe.client.statistics()
        let elapsed = (ContinuousClock.now - started) / .seconds(1)
        #expect(statistics.published + statistics.droppedByRateLimit == 200)
        #expect(Double(statistics.published) <= 10 + 10 * elapsed + 1, "\(statistics.published) sent in \(elapsed) s")
        #expect(statistics.droppedByRateLimit >= 150)
        #expect(await broker.received.wait { $0.filter { $0.packet.type == .publish }.count == statistics.published })
        // One line for the whole burst of drops, not one per message.
        let dropLines = probe.logs.lines.filter { $0.message.contains("over the limit") }
        #expect(dropLines.count == 1)
        #expect(dropLines.first?.message.contains("per second") == true)
        await probe.stop()
        await broker.shutdown()
    }

    @Test func qos1QueueIsBoundedWhileTheBrokerIsAwayAndKeepsTheNewest() async throws {
        // Find a free port, then leave it closed until the messages are queued.
        let placeholder = try await FakeBroker(host: Self.host)
        let port = placeholder.port
        await placeholder.shutdown()
        var configuration = ClientProbe.configuration(host: Self.host, port: port)
        configuration.maxQueuedMessages = 10
        let probe = try ClientProbe(configuration)
        probe.client.start()
        #expect(await probe.waitDisconnected())
        #expect(probe.disconnectReasons.first?.hasPrefix("cannot connect to broker \(Self.host):\(port)") == true)
        for i: UInt8 in 0..<25 { try probe.client.publish(topic: "queued", payload: [i], qos: .atLeastOnce) }
        try probe.client.publish(topic: "qos0", payload: "lost")
        var statistics = await probe.client.statistics()
        #expect(statistics.queued == 10 && statistics.droppedQueueFull == 15 && statistics.droppedOffline == 1)
        let broker = try await FakeBroker(host: Self.host, port: port)
        #expect(await broker.received.wait { $0.filter { $0.packet.type == .publish }.count == 10 })
        #expect(broker.packets(.publish).compactMap(\.packet.publish?.payload) == (15..<25).map { [UInt8($0)] })
        #expect(await probe.states.wait { $0.contains(where: \.isConnected) })
        #expect(await eventually { await probe.client.statistics().acknowledged == 10 })
        statistics = await probe.client.statistics()
        #expect(statistics.queued == 0 && statistics.droppedQueueFull == 15)
        await probe.stop()
        await broker.shutdown()
    }

    @Test func badInputIsRefusedUpFront() throws {
        func configurationError(_ change: (inout MQTTClientConfiguration) -> Void) -> String? {
            var configuration = ClientProbe.configuration(host: Self.host, port: 1883)
            change(&configuration)
            do {
                _ = try MQTTClient(configuration: configuration)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(configurationError { $0.port = 0 } == "invalid MQTT configuration: port 0 is outside 1…65535")
        #expect(configurationError { $0.password = "x" } == "invalid MQTT configuration: a password needs a user name in MQTT 3.1.1")
        #expect(configurationError { $0.keepAlive = .seconds(70_000) }?.contains("keepalive") == true)
        #expect(configurationError { $0.will = MQTTWill(topic: "a/#", payload: "x") }?.contains("will topic") == true)
        #expect(configurationError { $0.clientID = "a\u{0}" }?.contains("U+0000") == true)
        #expect(configurationError { $0.host = "" } == "invalid MQTT configuration: host is empty")

        let client = try MQTTClient(configuration: ClientProbe.configuration(host: Self.host, port: 1883))
        #expect(throws: MQTTClientError.self) { try client.publish(topic: "a/+", payload: "x") }
        #expect(throws: MQTTClientError.unsupportedQoS(.exactlyOnce)) { try client.publish(topic: "a", payload: "x", qos: .exactlyOnce) }
        #expect(throws: MQTTClientError.payloadTooLarge(bytes: 300_010, limit: 262_144)) {
            try client.publish(topic: "a", payload: [UInt8](repeating: 0, count: 300_000))
        }
    }
}
