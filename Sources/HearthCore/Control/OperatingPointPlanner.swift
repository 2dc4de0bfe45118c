/// Maps a heat demand in watts to what the chips run.
///
/// The demand is met on the board's efficiency hull: the planner runs the most
/// efficient vertex at or under the demand and shares time with the next vertex
/// up so the *average* power equals the demand (a slow delta-sigma on energy).
/// Between "off" and the lowest vertex this is cycling with minimum on and off
/// times, like a boiler; between two operating points it is dithering with a
/// shorter minimum dwell. Moves along the hull are rate-limited to one vertex per
/// `stepInterval`, so a regulator never sees a jump from idle to full.
public struct OperatingPointPlanner: Sendable {
    public struct Timing: Sendable, Hashable, Codable {
        /// Minimum time hashing once started, and off once stopped.
        public var minimumOnTime: Seconds
        public var minimumOffTime: Seconds
        /// Minimum time at an operating point before moving to a neighbouring one.
        public var minimumDwell: Seconds
        /// At most one hull vertex per this interval.
        public var stepInterval: Seconds
        public init(minimumOnTime: Seconds, minimumOffTime: Seconds, minimumDwell: Seconds, stepInterval: Seconds) {
            self.minimumOnTime = minimumOnTime
            self.minimumOffTime = minimumOffTime
            self.minimumDwell = minimumDwell
            self.stepInterval = stepInterval
        }
        public static let standard = Timing(minimumOnTime: .minutes(3), minimumOffTime: .minutes(3),
                                            minimumDwell: Seconds(30), stepInterval: Seconds(5))
    }

    public struct Plan: Sendable, Hashable {
        /// Operating point index, or nil for hashing off.
        public var pointIndex: Int?
        /// Table power of the chosen point (0 when off).
        public var plannedPower: Watts
    }

    public let hull: EfficiencyHull
    public var timing: Timing
    private var vertex = 0              // current hull vertex (0 = off)
    private var lastChange: Seconds?
    private var stateSince: Seconds?    // when hashing last started or stopped
    private var energyDebt = 0.0        // J owed to the demand (positive: under-delivered)
    private var lastTime: Seconds?

    public init(points: [OperatingPoint], timing: Timing = .standard) {
        self.hull = EfficiencyHull(points: points)
        self.timing = timing
    }

    public var currentPower: Watts { hull.vertices[vertex].power }

    /// Plan for this tick. `ceiling` is a hard limit (safety throttle, eco, price cap,
    /// quiet): when the current point exceeds it the planner steps down at once,
    /// ignoring dwell times, because limits are about safety and cost.
    public mutating func plan(demand: Watts, ceiling: Watts, now: Seconds) -> Plan {
        let dt = lastTime.map { max(0, now.value - $0.value) } ?? 0
        lastTime = now
        let limit = min(ceiling, hull.maximumPower)
        let want = demand.clamped(to: .zero...max(.zero, limit))
        energyDebt += (want.value - currentPower.value) * dt

        // Hard ceiling: step down immediately to the highest vertex within it.
        if currentPower > limit {
            var v = vertex
            while v > 0 && hull.vertices[v].power > limit { v -= 1 }
            move(to: v, now: now)
            energyDebt = 0
            return plan
        }

        let seg = hull.segment(for: want)
        if vertex < seg.lower || vertex > seg.upper {
            // Outside the bracket: walk one vertex towards it, rate-limited.
            let target = vertex < seg.lower ? vertex + 1 : vertex - 1
            if canMove(to: target, now: now, walking: true) { move(to: target, now: now) }
            energyDebt = 0
            return plan
        }

        // Inside the bracket: share time between its two vertices by energy debt.
        let lowerP = hull.vertices[seg.lower].power.value, upperP = hull.vertices[seg.upper].power.value
        let span = max(1, upperP - lowerP)
        let dwell = seg.lower == 0 ? max(timing.minimumOnTime.value, timing.minimumOffTime.value)
                                   : timing.minimumDwell.value
        // Hysteresis of half a dwell's worth of energy keeps switches about a dwell apart.
        let threshold = span * dwell / 2
        if vertex == seg.lower, seg.upperShare > 0, energyDebt > threshold, canMove(to: seg.upper, now: now) {
            move(to: seg.upper, now: now)
        } else if vertex == seg.upper, seg.upperShare < 1, energyDebt < -threshold, canMove(to: seg.lower, now: now) {
            move(to: seg.lower, now: now)
        }
        energyDebt = energyDebt.clamped(to: -4 * threshold...4 * threshold)
        return plan
    }

    /// Forget history (used after a trip is cleared or the mode changes to off).
    public mutating func reset() {
        vertex = 0
        lastChange = nil
        stateSince = nil
        energyDebt = 0
    }

    private var plan: Plan {
        Plan(pointIndex: hull.vertices[vertex].pointIndex, plannedPower: hull.vertices[vertex].power)
    }

    /// Minimum on/off times guard starting and stopping; the dwell guards dithering
    /// between points; walking towards a far target only waits `stepInterval`.
    private func canMove(to target: Int, now: Seconds, walking: Bool = false) -> Bool {
        let sinceChange = now.value - (lastChange?.value ?? -.infinity)
        if vertex == 0 { return now.value - (stateSince?.value ?? -.infinity) >= timing.minimumOffTime.value }
        if target == 0 { return now.value - (stateSince?.value ?? -.infinity) >= timing.minimumOnTime.value }
        return sinceChange >= (walking ? timing.stepInterval.value : timing.minimumDwell.value)
    }

    private mutating func move(to v: Int, now: Seconds) {
        guard v != vertex else { return }
        if (v == 0) != (vertex == 0) { stateSince = now }   // started or stopped hashing
        vertex = v
        lastChange = now
    }
}

extension Double {
    func clamped(to r: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, r.lowerBound), r.upperBound) }
}
