import HearthCore
import HearthHAL
import HearthRoomSensors
import HearthSimulator
import Synchronization
import Testing

@Suite struct PushAndInletTests {
    let clock = TestClock()

    @Test func pushIsRangeCheckedAndStamped() throws {
        let push = PushRoomSensor(name: "shelly")
        try push.submit(Celsius(21.4), sender: "shelly-ht-1", at: clock.now)
        #expect(push.observe(now: clock.now).last == Reading(Celsius(21.4), takenAt: clock.now))
        #expect(push.lastSender == "shelly-ht-1")
        #expect(throws: RoomSensorPushError.implausible(Celsius(210))) { try push.submit(Celsius(210), sender: nil, at: clock.now) }
        #expect(throws: RoomSensorPushError.self) { try push.submit(Celsius(.nan), sender: nil, at: clock.now) }
        #expect("\(RoomSensorPushError.implausible(Celsius(210)))" == "room temperature 210.00 °C is outside the plausible -30.00 °C…60.00 °C")
        #expect(push.observe(now: clock.now).last?.value == Celsius(21.4))   // refused values change nothing
    }

    @Test func pushIsRoutedByName() throws {
        let room = RoomTemperature(entries: [
            .init(source: PushRoomSensor(name: "esphome"), kind: "push", staleAfter: Seconds(300)),
            .init(source: PushRoomSensor(name: "script"), kind: "push", staleAfter: Seconds(300)),
        ], combination: .priority, now: clock.closure)
        #expect(throws: RoomSensorPushError.ambiguous(known: ["esphome", "script"])) { try room.push(Celsius(20)) }
        #expect(throws: RoomSensorPushError.unknownSensor("shelly", known: ["esphome", "script"])) {
            try room.push(Celsius(20), sender: "shelly")
        }
        try room.push(Celsius(20.5), sender: "script")
        #expect(room.reading().value == Celsius(20.5))
        let none = RoomTemperature(entries: [], combination: .median, now: clock.closure)
        #expect(throws: RoomSensorPushError.noPushSensor) { try none.push(Celsius(20)) }
        // A single push sensor takes every value and remembers who sent it.
        let single = PushRoomSensor(name: "push")
        let one = RoomTemperature(entries: [.init(source: single, kind: "push", staleAfter: Seconds(300))],
                                  combination: .median, now: clock.closure)
        try one.push(Celsius(19.5), sender: "esphome-study")
        #expect(single.lastSender == "esphome-study")
        #expect(one.reading().value == Celsius(19.5))
    }

    @Test func inletAddsItsOffsetAndKeepsTheMinersTime() {
        let inlet = Mutex<Reading<Celsius>?>(nil)
        let source = InletRoomSensor(name: "inlet", offset: Kelvin(-2), inlet: { inlet.withLock { $0 } })
        #expect(source.observe(now: clock.now).problem == "the miner has not delivered an inlet reading")
        inlet.withLock { $0 = Reading(Celsius(24.5), raw: 0x1880, takenAt: Seconds(990)) }
        #expect(source.observe(now: clock.now).last == Reading(Celsius(22.5), raw: 0x1880, takenAt: Seconds(990)))
        inlet.withLock { $0 = Reading.failed("avalon 10.0.0.9", "no reply in 5 s") }
        let failing = source.observe(now: clock.now)
        #expect(failing.last?.value == Celsius(22.5))
        #expect(failing.problem == "avalon 10.0.0.9: no reply in 5 s")
        inlet.withLock { $0 = Reading(Celsius(23)) }   // taken inside the tick: stamped now
        #expect(source.observe(now: clock.now).last?.takenAt == clock.now)
    }
}

@Suite struct RoomTemperatureTests {
    let clock = TestClock()
    let logs = LogRecorder()

    @Test func factoryBuildsEachKindAndNamesWhatIsMissing() throws {
        let bus = VirtualI2CBus(name: "i2c-1")
        let chip = VirtualSHT3x(temperature: Celsius(21.5))
        bus.attach(chip, at: 0x44)
        let inlet = Reading(Celsius(25), takenAt: Seconds(1000))
        let environment = RoomSensorEnvironment(now: clock.closure, logger: logs.logger(),
                                                i2cBus: { name throws(BusError) -> any I2CBus in
                                                    guard name == "i2c-1" else { throw BusError(.notFound, bus: name) }
                                                    return bus
                                                },
                                                inlet: { inlet })
        let setup = try RoomSensorSetup(parsing: ["i2c:1:0x44:sht3x", "push?stale=60", "inlet:-3"], combination: .median)
        let room = try RoomTemperature(setup: setup, environment: environment)
        #expect(room.entries.map(\.kind) == ["i2c", "push", "inlet"])
        // Nothing but the inlet yet: the last resort carries the room.
        #expect(room.reading().value == Celsius(22))
        try room.push(Celsius(20.9))
        clock.advance(1)
        _ = room.reading()
        clock.advance(1)
        // Median of the chip and the push value; the inlet stands by (after a handover from it).
        var value = room.reading().value
        for _ in 0..<30 where value != Celsius((20.9 + 21.5) / 2) {
            clock.advance(1)
            try room.push(Celsius(20.9))
            value = room.reading().value
        }
        #expect(abs((value?.value ?? 0) - 21.2) < 0.002)
        let status = room.status()
        #expect(status.map(\.inUse) == [true, true, false])
        #expect(status[2].isLastResort)

        #expect {
            try RoomTemperature(setup: try RoomSensorSetup(parsing: ["i2c:7:0x44:sht3x"]), environment: environment)
        } throws: { "\($0)" == "room sensor 'i2c:i2c-7:0x44:sht3x': i2c-7: notFound" }
        let bare = RoomSensorEnvironment(now: clock.closure, logger: logs.logger())
        #expect {
            try RoomTemperature(setup: try RoomSensorSetup(parsing: ["inlet"]), environment: bare)
        } throws: { "\($0)".contains("this device has no inlet temperature sensor") }
        #expect {
            try RoomTemperature(setup: try RoomSensorSetup(parsing: ["i2c:1:0x44:sht3x"]), environment: bare)
        } throws: { "\($0)".contains("this backend has no I²C buses") }
    }

    @Test func aSensorThatStopsMakesTheRoomReadingFail() throws {
        let bus = VirtualI2CBus(name: "i2c-1")
        let chip = VirtualTMP75(temperature: Celsius(21))
        bus.attach(chip, at: 0x48)
        let environment = RoomSensorEnvironment(now: clock.closure, logger: logs.logger(), i2cBus: { _ in bus })
        let room = try RoomTemperature(setup: try RoomSensorSetup(parsing: ["i2c:1:0x48:tmp75?stale=10"]), environment: environment)
        var reading = room.reading()
        #expect(reading.error?.isPending == true)   // set-up under way: the loop waits, no trip
        for _ in 0..<3 { clock.advance(1); reading = room.reading() }
        #expect(reading.value == Celsius(21))
        chip.nack = true
        for _ in 0..<10 { clock.advance(1); reading = room.reading() }
        #expect(reading.value == Celsius(21))       // 10 s old: still within its limit
        clock.advance(1)
        reading = room.reading()
        #expect(reading.error?.isPending == false)
        #expect(reading.error?.reason == "no fresh room temperature: i2c-1 0x48 tmp75 silent 11 s (limit 10 s): i2c-1 address 0x48: nack (injected fault)")
        #expect(room.status().first?.isStale == true)
        chip.nack = false
        for _ in 0..<4 { clock.advance(1); reading = room.reading() }
        #expect(reading.value == Celsius(21))      // back by itself
    }
}
