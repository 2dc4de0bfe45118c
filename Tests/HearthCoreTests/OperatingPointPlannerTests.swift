import Testing
@testable import HearthCore

@Suite struct OperatingPointPlannerTests {
    let points = TestBoards.nanoLike.operatingPoints

    /// Runs the planner at 1 Hz and returns the average planned power and the number of switches.
    func simulate(demand: Watts, ceiling: Watts = Watts(1000), seconds: Int,
                  planner: inout OperatingPointPlanner, start: Int = 0) -> (average: Double, switches: Int, plans: [Int?]) {
        var total = 0.0, switches = 0
        var last: Int?? = nil
        var plans: [Int?] = []
        for t in start..<(start + seconds) {
            let p = planner.plan(demand: demand, ceiling: ceiling, now: Seconds(Double(t)))
            total += p.plannedPower.value
            if let l = last, l != p.pointIndex { switches += 1 }
            last = p.pointIndex
            plans.append(p.pointIndex)
        }
        return (total / Double(seconds), switches, plans)
    }

    @Test func averagePowerMeetsDemandBetweenTwoPoints() {
        var planner = OperatingPointPlanner(points: points)
        _ = simulate(demand: Watts(120), seconds: 600, planner: &planner)      // walk up first
        let r = simulate(demand: Watts(120), seconds: 3600, planner: &planner, start: 600)
        #expect(abs(r.average - 120) < 2)
        #expect(Set(r.plans.compactMap { $0 }) == [1, 2])                       // only mid and high
        // Dithering respects the 30 s minimum dwell: at most one switch per 30 s.
        #expect(r.switches <= 3600 / 30)
    }

    @Test func belowTheLowestVertexItCyclesWithMinimumOnAndOffTimes() {
        var planner = OperatingPointPlanner(points: points)
        let r = simulate(demand: Watts(40), seconds: 7200, planner: &planner)
        #expect(abs(r.average - 40) < 4)
        // Every on and off period lasts at least 3 minutes (180 ticks).
        var runs: [Int] = [], current = 0, previous: Int?? = nil
        for p in r.plans {
            if let prev = previous, prev != p { runs.append(current); current = 0 }
            current += 1
            previous = p
        }
        #expect(runs.dropFirst().allSatisfy { $0 >= 180 })
        #expect(runs.count >= 4)
    }

    @Test func ceilingForcesAnImmediateStepDown() {
        var planner = OperatingPointPlanner(points: points)
        _ = simulate(demand: Watts(140), seconds: 120, planner: &planner)
        #expect(planner.currentPower == Watts(140))
        let p = planner.plan(demand: Watts(140), ceiling: Watts(105), now: Seconds(121))
        #expect(p.pointIndex == 1)                    // mid, at once, no dwell wait
        let q = planner.plan(demand: Watts(140), ceiling: Watts(50), now: Seconds(122))
        #expect(q.pointIndex == nil)
    }

    @Test func movesAreRateLimitedToOneVertexPerStepInterval() {
        var planner = OperatingPointPlanner(points: points)
        var seen: [Int?] = []
        for t in 0..<20 { seen.append(planner.plan(demand: Watts(140), ceiling: Watts(1000), now: Seconds(Double(t))).pointIndex) }
        // Off → mid → high: the second step waits at least 5 s after the first.
        let firstMid = seen.firstIndex { $0 == 1 }
        let firstHigh = seen.firstIndex { $0 == 2 }
        #expect(firstMid != nil && firstHigh != nil)
        if let a = firstMid, let b = firstHigh { #expect(b - a >= 5) }
    }
}
