import Testing
@testable import HearthCore

@Suite struct CyclingSwingMonitorTests {
    /// Off↔on cycles (5 ticks on, 5 off) with the sensed room moving between `low` and `high`.
    func cycle(_ m: inout CyclingSwingMonitor, low: Double, high: Double, cycles: Int) {
        for _ in 0..<cycles {
            for i in 0..<5 { m.update(hashing: true, room: Celsius(low + (high - low) * Double(i) / 4), target: Celsius(21)) }
            for i in 0..<5 { m.update(hashing: false, room: Celsius(high - (high - low) * Double(i) / 4), target: Celsius(21)) }
        }
    }

    @Test func smallSwingKeepsCycling() {
        var m = CyclingSwingMonitor()
        cycle(&m, low: 20.8, high: 21.2, cycles: 10)
        #expect(!m.tooCoarse)
    }

    @Test func swingOfHalfTheBandLatches() {
        var m = CyclingSwingMonitor()
        cycle(&m, low: 20.6, high: 21.3, cycles: 3)
        #expect(m.tooCoarse)
    }

    @Test func recoveryFromSetbackDoesNotCount() {
        var m = CyclingSwingMonitor()
        // Cycling far under the target (a weak heater recovering) is not holding.
        cycle(&m, low: 17.0, high: 19.0, cycles: 5)
        #expect(!m.tooCoarse)
    }

    /// PiAxe-like table: efficiency rises with power, so the plain hull is off↔top only.
    @Test func continuousHullDithersBetweenTablePoints() {
        let points = [(7.0, 0.2682), (7.9, 0.3129), (8.9, 0.3576), (12.3, 0.5141)].map {
            OperatingPoint(name: "\($0.0)", frequency: Megahertz(400), voltage: Millivolts(1200),
                           power: Watts($0.0), hashrate: HashRate($0.1 * 1e12))
        }
        var planner = OperatingPointPlanner(points: points)
        planner.holdContinuousBelowFirstVertex = true
        var used = Set<Int?>()
        var total = 0.0
        for t in 0..<3600 {
            let p = planner.plan(demand: Watts(8.4), ceiling: Watts(100), now: Seconds(Double(t)))
            if t >= 600 { used.insert(p.pointIndex); total += p.plannedPower.value }
        }
        // Seen from the lowest point, 8.9 W lies under the chord 7.9 → 12.3 W: those two dither, never off.
        #expect(used == [1, 3])
        #expect(abs(total / 3000 - 8.4) < 0.2)
        var plain = OperatingPointPlanner(points: points)
        var plainUsed = Set<Int?>()
        for t in 0..<3600 { plainUsed.insert(plain.plan(demand: Watts(8.4), ceiling: Watts(100), now: Seconds(Double(t))).pointIndex) }
        #expect(plainUsed == [nil, 3])                // the plain hull cycles off↔top
    }
}
