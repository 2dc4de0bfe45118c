/// Maps a heat demand in watts to what the chips run.
///
/// The demand is met on the board's efficiency hull: the planner runs the most
/// efficient vertex at or under the demand and shares time with the next vertex
/// up so the *average* power equals the demand (a slow delta-sigma on energy).
/// Between "off" and the lowest vertex this is cycling with minimum on and off
/// times, like a boiler; between two operating points it is dithering with a
/// shorter minimum dwell. Moves along the hull are rate-limited to one vertex per
/// `stepInterval`, so a regulator never sees a jump from idle to full.
///
/// A power ceiling (throttle, eco, price cap, quiet) is a hard, instantaneous
/// limit, so the hull is the one of the points *under the ceiling*: a point that
/// is dominated on the full table (the Nano 3S's 70 W level, say) becomes the
/// best choice when the ceiling rules out everything above it.
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

    public let points: [OperatingPoint]
    /// `hulls[k]`: the hull of the k lowest-power points (`hulls[points.count]` is the full one).
    private let hulls: [EfficiencyHull]
    /// `continuousHulls[k]`: like `hulls[k]`, but every table point under the first hull
    /// vertex is reachable by dithering (see `holdContinuousBelowFirstVertex`).
    private let continuousHulls: [[EfficiencyHull.Vertex]]
    /// When set, a demand under the first hull vertex is met by dithering between table
    /// points (minimum dwell) instead of cycling off↔vertex (minimum on/off times); off↔point
    /// cycling is left only under the lowest point. The controller sets it when it observes
    /// that its own cycling swings the room too far (`CyclingSwingMonitor`).
    public var holdContinuousBelowFirstVertex = false
    public var timing: Timing
    private var current: Int?             // operating point running now (nil: off)
    private var lastChange: Seconds?
    private var stateSince: Seconds?      // when hashing last started or stopped
    private var energyDebt = 0.0          // J owed to the demand (positive: under-delivered)
    private var smoothedDemand: Watts?    // what walk decisions look at, so demand noise can't drive them
    private var lastTime: Seconds?

    public init(points: [OperatingPoint], timing: Timing = .standard) {
        let sorted = points.sorted { $0.power < $1.power }
        self.points = sorted
        self.hulls = (0...sorted.count).map { EfficiencyHull(points: Array(sorted.prefix($0))) }
        self.continuousHulls = (0...sorted.count).map { Self.continuousHull(points: Array(sorted.prefix($0))) }
        self.timing = timing
    }

    /// The hull over every point.
    public var hull: EfficiencyHull { hulls[points.count] }
    public var currentPower: Watts { current.map { points[$0].power } ?? .zero }

    /// Plan for this tick. `ceiling` is a hard limit: when the current point exceeds
    /// it the planner steps down at once, ignoring dwell times, because limits are
    /// about safety and cost.
    public mutating func plan(demand: Watts, ceiling: Watts, now: Seconds) -> Plan {
        let dt = lastTime.map { max(0, now.value - $0.value) } ?? 0
        lastTime = now
        let allowed = points.prefix { $0.power <= ceiling }.count
        let hull = hulls[allowed]
        let vertices = holdContinuousBelowFirstVertex ? continuousHulls[allowed] : hull.vertices
        let want = demand.clamped(to: .zero...hull.maximumPower)
        energyDebt += (want.value - currentPower.value) * dt
        let a = dt / (timing.stepInterval.value * 6 + dt)
        let trend = smoothedDemand.map { $0 + (want - $0) * a } ?? want
        smoothedDemand = trend

        // Hard ceiling: step down at once to the best vertex within it.
        if let c = current, c >= allowed {
            move(to: vertices.last?.pointIndex, now: now)
            energyDebt = 0
            return plan
        }

        guard let position = vertices.firstIndex(where: { $0.pointIndex == current }) else {
            // On a point this hull skips (a ceiling just lifted): go to the nearest vertex towards the demand.
            let below = vertices.lastIndex { $0.power <= currentPower } ?? 0
            let step = currentPower < want ? min(below + 1, vertices.count - 1) : below
            if canMove(to: vertices[step].pointIndex, now: now, walking: true) { move(to: vertices[step].pointIndex, now: now) }
            energyDebt = 0
            return plan
        }

        // Far from the demand — even the next vertex is not enough (or too much): walk
        // one vertex at a time, rate-limited. Boundaries jittering with sensor noise never
        // cause this: a demand between two vertices is handled by the energy debt below.
        if position + 1 < vertices.count, trend >= vertices[position + 1].power {
            if canMove(to: vertices[position + 1].pointIndex, now: now, walking: true) {
                move(to: vertices[position + 1].pointIndex, now: now)
                energyDebt = 0
            }
            return plan
        }
        if position > 0, trend <= vertices[position - 1].power, trend < vertices[position].power {
            if canMove(to: vertices[position - 1].pointIndex, now: now, walking: true) {
                move(to: vertices[position - 1].pointIndex, now: now)
                energyDebt = 0
            }
            return plan
        }

        // Between neighbours: share time by energy debt. Hysteresis of half a dwell's
        // worth of energy over the segment keeps switches about a dwell apart.
        func threshold(_ a: Int, _ b: Int) -> Double {
            let span = max(1, (vertices[b].power - vertices[a].power).value)
            let dwell = a == 0 ? max(timing.minimumOnTime.value, timing.minimumOffTime.value) : timing.minimumDwell.value
            return span * dwell / 2
        }
        let upLimit = position + 1 < vertices.count ? threshold(position, position + 1) : .infinity
        let downLimit = position > 0 ? threshold(position - 1, position) : .infinity
        if energyDebt > upLimit, want > vertices[position].power, canMove(to: vertices[position + 1].pointIndex, now: now) {
            move(to: vertices[position + 1].pointIndex, now: now)
        } else if energyDebt < -downLimit, want < vertices[position].power,
                  canMove(to: vertices[position - 1].pointIndex, now: now) {
            move(to: vertices[position - 1].pointIndex, now: now)
        }
        let bound = 4 * max(upLimit.isFinite ? upLimit : 0, downLimit.isFinite ? downLimit : 0)
        energyDebt = energyDebt.clamped(to: -bound...bound)
        return plan
    }

    /// Forget history (after a trip is cleared).
    public mutating func reset() {
        current = nil
        lastChange = nil
        stateSince = nil
        energyDebt = 0
        smoothedDemand = nil
    }

    /// Off, the lowest point, then the upper concave envelope of the points above it as seen
    /// from the lowest point (so every vertex is the best way up from there); the top is the
    /// same as the plain hull's.
    private static func continuousHull(points: [OperatingPoint]) -> [EfficiencyHull.Vertex] {
        let off = EfficiencyHull.Vertex(pointIndex: nil, power: .zero, hashrate: .zero)
        guard let lowest = points.indices.min(by: { points[$0].power < points[$1].power }) else { return [off] }
        let base = points[lowest]
        let above = points.enumerated().filter { $0.element.power > base.power }
            .map { ($0.offset, $0.element.power - base.power, $0.element.hashrate - base.hashrate) }
        let relative = EfficiencyHull(samples: above).vertices.dropFirst()
        return [off, .init(pointIndex: lowest, power: base.power, hashrate: base.hashrate)]
            + relative.map { .init(pointIndex: $0.pointIndex, power: $0.power + base.power, hashrate: $0.hashrate + base.hashrate) }
    }

    private var plan: Plan { Plan(pointIndex: current, plannedPower: currentPower) }

    /// Minimum on/off times guard starting and stopping; the dwell guards dithering
    /// between points; walking towards a far target only waits `stepInterval`.
    private func canMove(to target: Int?, now: Seconds, walking: Bool = false) -> Bool {
        let since = { (t: Seconds?) in now.value - (t?.value ?? -.infinity) }
        if current == nil { return since(stateSince) >= timing.minimumOffTime.value }
        if target == nil { return since(stateSince) >= timing.minimumOnTime.value }
        return since(lastChange) >= (walking ? timing.stepInterval.value : timing.minimumDwell.value)
    }

    private mutating func move(to target: Int?, now: Seconds) {
        guard target != current else { return }
        if (target == nil) != (current == nil) { stateSince = now }   // started or stopped hashing
        current = target
        lastChange = now
    }
}
