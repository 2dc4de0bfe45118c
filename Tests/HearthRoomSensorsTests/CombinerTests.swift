import HearthCore
import HearthRoomSensors
import Testing

@Suite struct CombinerTests {
    let start = Seconds(1000)

    func input(_ name: String, _ value: Double?, at taken: Double? = nil, stale: Double = 60, priority: Int? = nil,
               lastResort: Bool = false, problem: String? = nil) -> RoomTemperatureCombiner.Input {
        let last = value.map { Reading(Celsius($0), raw: UInt32($0 * 100), takenAt: Seconds(taken ?? 1000)) }
        return .init(name: name, kind: "push", staleAfter: Seconds(stale), priority: priority, isLastResort: lastResort,
                     observation: RoomSensorObservation(last: last, problem: problem))
    }

    @Test func medianOfFreshSources() {
        var c = RoomTemperatureCombiner(combination: .median, startedAt: start)
        let (odd, statuses) = c.combine([input("a", 20), input("b", 25), input("c", 21)], now: start + Seconds(1))
        #expect(odd.value == Celsius(21))
        #expect(odd.raw == 2100)
        #expect(odd.takenAt == start + Seconds(1))
        #expect(statuses.allSatisfy { $0.inUse && !$0.isStale })
        var even = RoomTemperatureCombiner(combination: .median, startedAt: start)
        #expect(even.combine([input("a", 20), input("b", 21)], now: start).reading.value == Celsius(20.5))
    }

    @Test func staleSourcesDropOut() {
        var c = RoomTemperatureCombiner(combination: .median, startedAt: start)
        let now = start + Seconds(100)
        let (reading, statuses) = c.combine([input("old", 30, at: 1000, stale: 60), input("new", 21, at: 1090, stale: 60)], now: now)
        #expect(reading.value == Celsius(21))
        #expect(statuses[0].isStale && !statuses[0].inUse)
        #expect(statuses[0].age == Seconds(100))
        #expect(statuses[1].age == Seconds(10))
        #expect("\(statuses[0])" == "old: 30.00 °C, 100 s ago, stale (limit 60 s)")
        #expect("\(statuses[1])" == "new: 21.00 °C, 10 s ago, in use")
    }

    @Test func priorityTakesTheFirstFreshOne() {
        var c = RoomTemperatureCombiner(combination: .priority, startedAt: start)
        let now = start + Seconds(10)
        // Explicit priorities first (lower wins), then the order given.
        var r = c.combine([input("a", 20), input("b", 22, priority: 5), input("c", 23, priority: 1)], now: now).reading
        #expect(r.value == Celsius(23))
        c = RoomTemperatureCombiner(combination: .priority, startedAt: start)
        r = c.combine([input("a", 20), input("b", 22), input("c", 23, at: 900)], now: now).reading
        #expect(r.value == Celsius(20))
        c = RoomTemperatureCombiner(combination: .priority, startedAt: start)
        r = c.combine([input("a", 20, at: 900), input("b", 22)], now: now).reading
        #expect(r.value == Celsius(22))
    }

    @Test func inletIsOnlyALastResort() {
        var c = RoomTemperatureCombiner(combination: .median, startedAt: start)
        let now = start + Seconds(10)
        let (withRoom, statuses) = c.combine([input("room", 21), input("inlet", 26, lastResort: true)], now: now)
        #expect(withRoom.value == Celsius(21))
        #expect("\(statuses[1])".hasSuffix("standby (last resort)"))
        var alone = RoomTemperatureCombiner(combination: .median, startedAt: start)
        let r = alone.combine([input("room", 21, at: 100), input("inlet", 26, lastResort: true)], now: now).reading
        #expect(r.value == Celsius(26))
    }

    @Test func pendingUntilAFirstValueThenFailureNamingEverySource() {
        var c = RoomTemperatureCombiner(combination: .median, startedAt: start)
        let waiting = c.combine([input("zigbee", nil, stale: 900), input("chip", nil, stale: 30, problem: "i2c-1 address 0x44: nack")],
                                now: start + Seconds(20)).reading
        #expect(waiting.error?.isPending == true)
        #expect(waiting.error?.reason == "waiting for a first room temperature from zigbee, chip")
        #expect(waiting.takenAt == start + Seconds(20))
        // Past every limit without a value: a failure, per source, with how long and why.
        let failed = c.combine([input("zigbee", nil, stale: 900), input("chip", nil, stale: 30, problem: "i2c-1 address 0x44: nack")],
                               now: start + Seconds(1000)).reading
        #expect(failed.error?.isPending == false)
        #expect(failed.error?.description == "room sensors: no fresh room temperature: zigbee no value in 1000 s (limit 900 s); "
                + "chip no value in 1000 s (limit 30 s): i2c-1 address 0x44: nack")
    }

    @Test func allStaleIsAFailureWithSilenceTimes() {
        var c = RoomTemperatureCombiner(combination: .priority, startedAt: start)
        let now = start + Seconds(2000)
        let r = c.combine([input("study", 21, at: 1000, stale: 900, problem: "broker 10.0.0.2:1883 disconnected"),
                           input("push", 20, at: 2500 - 1000, stale: 300)], now: now).reading
        #expect(r.value == nil)
        #expect(r.error?.reason == "no fresh room temperature: study silent 2000 s (limit 900 s): broker 10.0.0.2:1883 disconnected; "
                + "push silent 1500 s (limit 300 s)")
    }

    @Test func handoverMovesAtTheRateLimit() {
        var c = RoomTemperatureCombiner(combination: .priority, startedAt: start, maxRate: 0.2)
        var t = 1000.0
        func tick(_ inputs: [RoomTemperatureCombiner.Input]) -> Double? {
            t += 1
            return c.combine(inputs, now: Seconds(t)).reading.value?.value
        }
        #expect(tick([input("main", 21, at: t), input("inlet", 23, at: t, lastResort: true)]) == 21)
        // The main sensor goes silent: the inlet (2 K warmer) takes over, 0.2 K per second.
        var seen: [Double] = []
        for _ in 0..<12 {
            seen.append(tick([input("main", 21, at: 900), input("inlet", 23, at: t + 1, lastResort: true)]) ?? .nan)
        }
        #expect(abs(seen[0] - 21.2) < 1e-9)
        #expect(abs(seen[4] - 22.0) < 1e-9)
        #expect(abs(seen[9] - 23) < 1e-9)
        #expect(seen.last == 23)
        for (a, b) in zip(seen, seen.dropFirst()) { #expect(b - a <= 0.2 + 1e-9) }
        // A small step passes at once.
        #expect(tick([input("main", 21, at: 900), input("inlet", 23.1, at: t + 1, lastResort: true)]) == 23.1)
    }

    @Test func aBigStepFromOneSensorIsNotARate() {
        // A Zigbee sensor quiet for 10 minutes reports 1.2 K more: the value walks there.
        var c = RoomTemperatureCombiner(combination: .median, startedAt: start)
        #expect(c.combine([input("zigbee", 20, at: 1000, stale: 900)], now: Seconds(1000)).reading.value == Celsius(20))
        #expect(c.combine([input("zigbee", 20, at: 1000, stale: 900)], now: Seconds(1600)).reading.value == Celsius(20))
        let next = c.combine([input("zigbee", 21.2, at: 1601, stale: 900)], now: Seconds(1601)).reading
        #expect(next.value == Celsius(20.2))
        #expect(next.raw == nil)
        var value = next.value?.value ?? 0
        for s in 2...6 { value = c.combine([input("zigbee", 21.2, at: 1601, stale: 900)], now: Seconds(1600 + Double(s))).reading.value?.value ?? 0 }
        #expect(value == 21.2)
    }

    @Test func noSourcesIsAFailure() {
        var c = RoomTemperatureCombiner(combination: .median, startedAt: start)
        #expect(c.combine([], now: start).reading.error?.reason == "no room sensor is configured")
    }
}
