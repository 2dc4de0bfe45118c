/// The upper concave envelope of hashrate over power for a board's table,
/// starting at "off" (0 W, 0 H/s). Any demand between two vertices is met best
/// by sharing time between them; points under the envelope are never worth
/// running. The planner and the simulator's oracle both use it.
public struct EfficiencyHull: Sendable, Hashable {
    public struct Vertex: Sendable, Hashable {
        /// Index into the board's operating points, or nil for "off".
        public var pointIndex: Int?
        public var power: Watts
        public var hashrate: HashRate
    }

    /// Vertices by ascending power; the first is always "off".
    public let vertices: [Vertex]

    public init(points: [OperatingPoint]) {
        self.init(samples: points.enumerated().map { ($0.offset, $0.element.power, $0.element.hashrate) })
    }

    /// Builds the hull from (index, power, hashrate) samples (e.g. simulated steady states).
    public init(samples: [(Int, Watts, HashRate)]) {
        var hull = [Vertex(pointIndex: nil, power: .zero, hashrate: .zero)]
        for (index, power, hashrate) in samples.sorted(by: { $0.1 < $1.1 }) where power.value > 0 {
            let v = Vertex(pointIndex: index, power: power, hashrate: hashrate)
            if let last = hull.last, last.power == power {
                if last.hashrate >= hashrate { continue }
                hull.removeLast()
            }
            // Drop vertices that fall on or under the chord to the new point (monotone chain).
            while hull.count >= 2 {
                let a = hull[hull.count - 2], b = hull[hull.count - 1]
                let cross = (b.power.value - a.power.value) * (v.hashrate.value - a.hashrate.value)
                    - (b.hashrate.value - a.hashrate.value) * (v.power.value - a.power.value)
                if cross >= 0 { hull.removeLast() } else { break }
            }
            hull.append(v)
        }
        vertices = hull
    }

    public var maximumPower: Watts { vertices[vertices.count - 1].power }

    /// The two vertices bracketing `power` and the share of time at the upper one.
    public func segment(for power: Watts) -> (lower: Int, upper: Int, upperShare: Double) {
        let p = power.clamped(to: .zero...maximumPower)
        for i in 1..<vertices.count where p <= vertices[i].power {
            let lo = vertices[i - 1].power.value, hi = vertices[i].power.value
            return (i - 1, i, hi > lo ? (p.value - lo) / (hi - lo) : 1)
        }
        return (max(0, vertices.count - 2), vertices.count - 1, 1)
    }

    /// Best achievable average hashrate at an average power (linear between vertices).
    public func hashrate(at power: Watts) -> HashRate {
        guard vertices.count > 1 else { return .zero }
        let s = segment(for: power)
        let a = vertices[s.lower].hashrate.value, b = vertices[s.upper].hashrate.value
        return HashRate(a + (b - a) * s.upperShare)
    }
}
