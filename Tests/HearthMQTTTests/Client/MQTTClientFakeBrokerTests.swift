import HearthMQTT
import HearthSupport
import Testing

/// The client against a scripted broker on 127.0.0.70 (port 0): what it sends, what it
/// does with good, bad and silent answers.
@Suite(.timeLimit(.minutes(1)))
struct MQTTClientFakeBrokerTests {
    static let host = "127.0.0.70"

    @Test func connectCarriesCredentialsWillAndKeepalive() async throws {
        let broker = try await FakeBroker(host: Self.host)
        var configuration = ClientProbe.configuration(host: Self.host, port: broker.port, clientID: "hearth-study")
        configuration.username = "heater"
        configuration.password = "s3cret-pass"
        configuration.will = MQTTWill(topic: "hearth/study/availability", payload: "offline", qos: .atLeastOnce, retain: true)
        let probe = try ClientProbe(configuration)
        probe.client.start()
        #expect(await probe.waitConnected())
        let connect = broker.packets(.connect).first?.packet
        #expect(connect == .connect(MQTTConnect(clientID: "hearth-study", cleanSession: true, keepAliveSeconds: 30,
                                                username: "heater", password: Array("s3cret-pass".utf8),
                                                will: configuration.will)))
        await probe.stop()
        #expect(await broker.received.wait { $0.contains { $0.packet == .disconnect } })
        #expect(probe.client.state == .stopped)
        // Every line names the broker; none carries the password.
        let lines = probe.logs.lines
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.metadata["broker"] == "\(Self.host):\(broker.port)" })
        #expect(!lines.contains { $0.text.contains("s3cret") })
        #expect(!String(describing: configuration).contains("s3cret"))
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("s3cret") && !String(reflecting: configuration).contains("s3cret"))
        await broker.shutdown()
    }

    @Test func subscribesDeliversAcknowledgesAndUnsubscribes() async throws {
        let broker = try await FakeBroker(host: Self.host) { peer, packet in
            FakeBroker.well(peer, packet)
            if case .subscribe(let s) = packet, s.requests.first?.filter == "room/+/temperature" {
                peer.send(.publish(MQTTPublish(topic: "room/study/temperature", payload: Array("20.7".utf8),
                                               qos: .atLeastOnce, packetID: 7)))
                peer.send(.publish(MQTTPublish(topic: "other/topic", payload: [1])))
            }
        }
        let probe = try ClientProbe(ClientProbe.configuration(host: Self.host, port: broker.port))
        // Before start: registered, sent on connect.
        #expect(try await probe.client.subscribe("room/+/temperature", qos: .atLeastOnce, handler: probe.recorder) == .pending)
        probe.client.start()
        #expect(await probe.messages.wait { $0.count >= 1 })
        #expect(probe.messages.events.first == MQTTMessage(topic: "room/study/temperature", payload: Array("20.7".utf8),
                                                           qos: .atLeastOnce))
        #expect(probe.messages.events.first?.payloadString == "20.7")
        #expect(await broker.received.wait { $0.contains { $0.packet == .puback(packetID: 7) } })
        // While connected: the broker's answer comes back.
        #expect(try await probe.client.subscribe("plug/#", qos: .atMostOnce, handler: probe.recorder) == .granted(.atMostOnce))
        try await probe.client.unsubscribe("plug/#")
        #expect(broker.packets(.unsubscribe).count == 1)
        #expect(probe.messages.events.count == 1, "the message on 'other/topic' matched no filter")
        await probe.stop()
        await broker.shutdown()
    }

    @Test func refusedSubscriptionIsAnError() async throws {
        let broker = try await FakeBroker(host: Self.host) { peer, packet in
            if case .subscribe(let s) = packet {
                peer.send(.suback(MQTTSubAck(packetID: s.packetID, returnCodes: [.failure])))
            } else {
                FakeBroker.well(peer, packet)
            }
        }
        let probe = try ClientProbe(ClientProbe.configuration(host: Self.host, port: broker.port))
        probe.client.start()
        #expect(await probe.waitConnected())
        await #expect(throws: MQTTClientError.subscriptionRefused(filter: "secret/#", broker: "\(Self.host):\(broker.port)")) {
            try await probe.client.subscribe("secret/#", handler: probe.recorder)
        }
        #expect(probe.logs.lines.contains { $0.level == .error && $0.message.contains("refused the subscription to 'secret/#'") })
        await probe.stop()
        await broker.shutdown()
    }

    @Test func unacknowledgedQoS1IsResentWithDupAfterReconnect() async throws {
        // The first connection takes three QoS 1 messages, acknowledges none and drops.
        let broker = try await FakeBroker(host: Self.host) { peer, packet in
            if peer.connection == 1, case .publish(let p) = packet {
                if p.payload == [3] { peer.close() }
                return
            }
            FakeBroker.well(peer, packet)
        }
        let probe = try ClientProbe(ClientProbe.configuration(host: Self.host, port: broker.port))
        probe.client.start()
        #expect(await probe.waitConnected())
        for i: UInt8 in 1...3 { try probe.client.publish(topic: "hearth/state", payload: [i], qos: .atLeastOnce) }
        #expect(await broker.received.wait { $0.filter { $0.connection == 2 && $0.packet.type == .publish }.count == 3 })
        let first = broker.packets(.publish).filter { $0.connection == 1 }.compactMap(\.packet.publish)
        let again = broker.packets(.publish).filter { $0.connection == 2 }.compactMap(\.packet.publish)
        #expect(first.map(\.dup) == [false, false, false])
        #expect(again.map(\.dup) == [true, true, true])
        #expect(again.map(\.packetID) == first.map(\.packetID))
        #expect(again.map(\.payload) == [[1], [2], [3]])
        #expect(await probe.hookRuns.wait { $0.count == 2 }, "the on-connected hook runs after each connect")
        #expect(await eventually { await probe.client.statistics().acknowledged == 3 })
        let statistics = await probe.client.statistics()
        #expect(statistics.resent == 3 && statistics.queued == 0)
        await probe.stop()
        await broker.shutdown()
    }

    @Test func subscriptionsAreSentAgainAfterReconnect() async throws {
        let broker = try await FakeBroker(host: Self.host) { peer, packet in
            FakeBroker.well(peer, packet)
            if peer.connection == 1, case .subscribe = packet { peer.close() }
        }
        let probe = try ClientProbe(ClientProbe.configuration(host: Self.host, port: broker.port))
        try await probe.client.subscribe("a/b", handler: probe.recorder)
        try await probe.client.subscribe("c/#", qos: .atMostOnce, handler: probe.recorder)
        probe.client.start()
        #expect(await broker.received.wait { $0.contains { $0.connection == 2 && $0.packet.type == .subscribe } })
        let resubscribed = broker.packets(.subscribe).last?.packet.subscribe?.requests
        #expect(resubscribed == [.init(filter: "a/b", qos: .atLeastOnce), .init(filter: "c/#", qos: .atMostOnce)])
        await probe.stop()
        await broker.shutdown()
    }

    @Test func aSilentBrokerIsDetectedByKeepalive() async throws {
        let broker = try await FakeBroker(host: Self.host) { peer, packet in
            if packet != .pingreq { FakeBroker.well(peer, packet) }
        }
        var configuration = ClientProbe.configuration(host: Self.host, port: broker.port)
        configuration.keepAlive = .seconds(1)
        configuration.pingTimeout = .milliseconds(300)
        let probe = try ClientProbe(configuration)
        probe.client.start()
        #expect(await probe.waitDisconnected())
        #expect(probe.disconnectReasons.first?.contains("sent no PINGRESP within 0.3 s") == true)
        // One PINGREQ on the silent connection; under load the reconnect may have pinged again since.
        #expect(broker.packets(.pingreq).filter { $0.connection == 1 }.count == 1)
        await probe.stop()
        await broker.shutdown()
    }

    @Test func noConnAckTimesOut() async throws {
        let broker = try await FakeBroker(host: Self.host) { _, _ in }
        var configuration = ClientProbe.configuration(host: Self.host, port: broker.port)
        configuration.connectTimeout = .milliseconds(300)
        let probe = try ClientProbe(configuration)
        probe.client.start()
        #expect(await probe.waitDisconnected())
        #expect(probe.disconnectReasons.first == "broker \(Self.host):\(broker.port) sent no CONNACK within 0.3 s")
        await probe.stop()
        await broker.shutdown()
    }

    @Test func refusedConnectionSaysWhy() async throws {
        let broker = try await FakeBroker(host: Self.host) { peer, packet in
            if case .connect = packet { peer.send(.connack(MQTTConnAck(returnCode: .notAuthorized))) }
        }
        let probe = try ClientProbe(ClientProbe.configuration(host: Self.host, port: broker.port))
        probe.client.start()
        #expect(await probe.waitDisconnected())
        #expect(probe.disconnectReasons.first
            == "broker \(Self.host):\(broker.port) refused the connection: not authorized (CONNACK code 5)")
        #expect(probe.logs.lines.contains { $0.level == .error && $0.message.contains("not authorized") })
        await probe.stop()
        await broker.shutdown()
    }

    @Test func stopEndsEverything() async throws {
        let broker = try await FakeBroker(host: Self.host)
        let probe = try ClientProbe(ClientProbe.configuration(host: Self.host, port: broker.port))
        probe.client.start()
        #expect(await probe.waitConnected())
        await probe.client.stop()
        #expect(await probe.states.wait { $0.last == .stopped })
        await #expect(throws: MQTTClientError.stopped) { try await probe.client.subscribe("x", handler: probe.recorder) }
        try probe.client.publish(topic: "x", payload: "ignored")
        #expect(await probe.client.statistics().published == 0)
        #expect(broker.accepted.events.count == 1, "no reconnect after stop")
        await probe.stop()
        await broker.shutdown()
    }
}

extension MQTTPacket {
    var publish: MQTTPublish? { if case .publish(let p) = self { p } else { nil } }
    var subscribe: MQTTSubscribe? { if case .subscribe(let s) = self { s } else { nil } }
}
