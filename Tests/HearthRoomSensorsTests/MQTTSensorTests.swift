import Foundation
import HearthCore
import HearthMQTT
import HearthRoomSensors
import HearthSupport
import Testing

/// The MQTT room sensor against a real mosquitto of each test's own (127.0.0.140…149),
/// with mosquitto_pub as the independent publisher.
@Suite(.enabled(if: MosquittoBroker.isInstalled, "mosquitto is not installed: run scripts/bootstrap"),
       .timeLimit(.minutes(1)))
struct MQTTSensorTests {
    let clock = TestClock()
    let logs = LogRecorder()
    /// Quick reconnects for tests: 100 ms floor, 200 ms doubling.
    let fastRetry = RetryPolicy(floor: .milliseconds(100), initial: .milliseconds(200), cap: .seconds(1))

    func room(_ specs: [String], broker: MosquittoBroker, clientID: String,
              combination: RoomSensorCombination = .median) throws -> RoomTemperature {
        // One client per sensor: a second one with the same id would take the first one's session.
        let environment = RoomSensorEnvironment(now: clock.closure, logger: logs.logger(),
                                                mqttClientID: { spec in specs.count == 1 ? clientID : "\(clientID)-\(String(spec.name.filter(\.isLetter).suffix(12)))" },
                                                mqttRetry: fastRetry, mqttJitterSeed: 7)
        return try RoomTemperature(setup: try RoomSensorSetup(parsing: specs, combination: combination), environment: environment)
    }

    /// True once the broker acknowledged the sensor's subscription (its own log says so).
    func subscribed(_ broker: MosquittoBroker, _ clientID: String, clients: Int = 1) async -> Bool {
        await waitUntil { broker.log.components(separatedBy: "Sending SUBACK to \(clientID)").count - 1 >= clients }
    }

    func value(of room: RoomTemperature, becomes expected: Double) async -> Bool {
        await waitUntil { room.reading().value.map { abs($0.value - expected) < 1e-9 } ?? false }
    }

    @Test func readsZigbee2MQTTJsonAndBareNumbers() async throws {
        let broker = try await MosquittoBroker(host: "127.0.0.140")
        try await broker.start()
        // Retained before the sensor subscribes: the broker hands it over on subscribe.
        try await broker.publish("zigbee2mqtt/study", #"{"battery":97,"humidity":41,"temperature":20.7}"#, retain: true)
        let room = try room(["mqtt://127.0.0.140/zigbee2mqtt/study", "mqtt://127.0.0.140/homeassistant/sensor/hall/state"],
                            broker: broker, clientID: "hearth-room-140")
        await room.start()
        #expect(await subscribed(broker, "hearth-room-140", clients: 2))
        #expect(await waitUntil { room.reading().value == Celsius(20.7) })
        #expect(room.status()[0].age == .zero)   // stamped with the control time it arrived
        try await broker.publish("homeassistant/sensor/hall/state", "21.9")
        #expect(await waitUntil {
            _ = room.reading()
            return room.status()[1].lastValue == Celsius(21.9)
        })
        // A second sensor joins the median: the value moves there at 0.2 K/s, tick by tick.
        var values: [Double] = []
        for _ in 0..<5 {
            clock.advance(1)
            values.append(room.reading().value?.value ?? .nan)
        }
        #expect(abs(values[0] - 20.9) < 1e-9)
        #expect(abs(values[2] - (20.7 + 21.9) / 2) < 1e-9)
        #expect(abs((values.last ?? 0) - (20.7 + 21.9) / 2) < 1e-9)
        clock.advance(25)
        try await broker.publish("zigbee2mqtt/study", #"{"temperature":20.1}"#)
        #expect(await waitUntil {
            _ = room.reading()
            return room.status()[0].lastValue == Celsius(20.1)
        })
        clock.advance(2)   // 0.3 K at 0.2 K/s
        #expect(abs((room.reading().value?.value ?? 0) - (20.1 + 21.9) / 2) < 1e-9)
        let status = room.status()
        #expect(status.map(\.name) == ["mqtt zigbee2mqtt/study", "mqtt homeassistant/sensor/hall/state"])
        #expect(status[0].age == Seconds(2))
        #expect(status[1].age == Seconds(32))
        #expect(status.allSatisfy { $0.inUse && $0.problem == nil })
        await room.stop()
    }

    @Test func garbagePayloadsAreIgnoredAndLoggedOncePerKind() async throws {
        let broker = try await MosquittoBroker(host: "127.0.0.141")
        try await broker.start()
        try await broker.publish("tele/tasmota_study/SENSOR", #"{"SI7021":{"Temperature":19.8,"Humidity":50},"TempUnit":"C"}"#, retain: true)
        let room = try room(["mqtt://127.0.0.141/tele/tasmota_study/SENSOR#SI7021.Temperature?stale=60"],
                            broker: broker, clientID: "hearth-room-141")
        await room.start()
        #expect(await subscribed(broker, "hearth-room-141"))
        #expect(await waitUntil { room.reading().value == Celsius(19.8) })
        let sensor = try #require(room.entries.first?.source as? MQTTRoomSensor)
        for payload in ["warm", "warm", #"{"SI7021":{}}"#, "unavailable", #"{"SI7021":{"Temperature":99}}"#, "warm", "unavailable"] {
            try await broker.publish("tele/tasmota_study/SENSOR", payload)
        }
        #expect(await waitUntil { sensor.ignoredPayloads == 7 })
        let warnings = logs.all.filter { $0.contains("ignored payload") }
        #expect(warnings.count == 4)   // not-a-number, missing field, unavailable, implausible: once each
        #expect(warnings.contains { $0.contains("JSON payload has no field 'SI7021.Temperature'") })
        #expect(warnings.allSatisfy { $0.contains("127.0.0.141:1883") && $0.contains("tele/tasmota_study/SENSOR") })
        #expect(room.reading().value == Celsius(19.8))   // the last good value stands
        #expect(room.status()[0].problem == "ignored payload: the sensor reports 'unavailable' instead of a value")
        // The sensor goes quiet: after its limit the room reading fails and says why.
        clock.advance(61)
        let failed = room.reading()
        #expect(failed.error?.reason.hasPrefix("no fresh room temperature: mqtt tele/tasmota_study/SENSOR#SI7021.Temperature silent 61 s (limit 60 s): ignored payload") == true)
        await room.stop()
    }

    @Test func credentialsWorkAndThePasswordNeverShows() async throws {
        let broker = try await MosquittoBroker(host: "127.0.0.142", users: ["hearth": "cobalt-kettle-77"])
        try await broker.start()
        try await broker.publish("esphome/study/temperature", "22.25", retain: true, user: "hearth", password: "cobalt-kettle-77")
        let good = try room(["mqtt://hearth:cobalt-kettle-77@127.0.0.142/esphome/study/temperature"],
                            broker: broker, clientID: "hearth-room-142")
        await good.start()
        #expect(await waitUntil { good.reading().value == Celsius(22.25) })
        let bad = try room(["mqtt://hearth:wrong-password-12@127.0.0.142/esphome/study/temperature?name=bad"],
                           broker: broker, clientID: "hearth-room-142b")
        await bad.start()
        #expect(await waitUntil {
            _ = bad.reading()
            return bad.status().first?.problem?.contains("not authorized") == true
        })
        let problem = bad.status().first?.problem ?? ""
        #expect(problem.hasPrefix("not connected: broker 127.0.0.142:1883 refused the connection: not authorized"))
        let everything = logs.all.joined(separator: "\n") + "\(good.status())\(bad.status())"
        #expect(!everything.contains("cobalt-kettle"))
        #expect(!everything.contains("wrong-password"))
        await good.stop()
        await bad.stop()
    }

    @Test func brokerLossShowsInStatusAndTheSensorComesBack() async throws {
        let broker = try await MosquittoBroker(host: "127.0.0.143")
        try await broker.start()
        let room = try room(["mqtt://127.0.0.143/sensors/study?stale=20"], broker: broker, clientID: "hearth-room-143")
        await room.start()
        #expect(await subscribed(broker, "hearth-room-143"))
        try await broker.publish("sensors/study", "20.5")
        #expect(await waitUntil { room.reading().value == Celsius(20.5) })
        await broker.stop()
        #expect(await waitUntil {
            _ = room.reading()
            // Closed, or (on a machine slow enough that a reconnect came before this poll) the
            // reconnect refused at TCP or MQTT level: each says the broker is away, naming it.
            let p = room.status().first?.problem ?? ""
            return p.hasPrefix("not connected: broker 127.0.0.143:1883 closed the connection")
                || p.hasPrefix("not connected: broker 127.0.0.143:1883 refused the connection")
                || p.hasPrefix("not connected: cannot connect to broker 127.0.0.143:1883")
        })
        clock.advance(21)
        let failure = room.reading().error?.reason ?? ""
        #expect(failure.hasPrefix("no fresh room temperature: mqtt sensors/study silent 21 s (limit 20 s): not connected:"))
        #expect(failure.contains("127.0.0.143:1883"))
        // The broker returns: the client reconnects and subscribes again by itself.
        let again = try await MosquittoBroker(host: "127.0.0.143")
        try await again.start()
        #expect(await subscribed(again, "hearth-room-143"))
        try await again.publish("sensors/study", "20.9")
        #expect(await waitUntil { room.reading().value == Celsius(20.9) })
        #expect(room.status().first?.problem == nil)
        await room.stop()
    }
}
