import HearthCore
import HearthMQTT
@testable import HearthRoomSensors
import Testing

/// Messages handed to the MQTT sensor directly (no broker): what counts as news.
@Suite struct RetainedValueTests {
    let clock = TestClock()

    @Test func aRetainedRepeatDoesNotMakeAnOldValueFresh() throws {
        let sensor = try MQTTRoomSensor(name: "study", address: MQTTSensorAddress(host: "127.0.0.149", topic: "z/study"),
                                        clientID: "hearth-room-test", now: clock.closure, logger: LogRecorder().logger())
        let payload = Array(#"{"temperature":20.7}"#.utf8)
        sensor.receive(MQTTMessage(topic: "z/study", payload: payload, retain: true))
        let first = clock.now
        #expect(sensor.observe(now: clock.now).last == Reading(Celsius(20.7), takenAt: first))
        clock.advance(600)
        // After a reconnect the broker hands the same retained value over again: no news.
        sensor.receive(MQTTMessage(topic: "z/study", payload: payload, retain: true))
        #expect(sensor.observe(now: clock.now).last?.takenAt == first)
        // The sensor publishing the same value again is news (the room is steady).
        sensor.receive(MQTTMessage(topic: "z/study", payload: payload, retain: false))
        #expect(sensor.observe(now: clock.now).last?.takenAt == clock.now)
    }
}
