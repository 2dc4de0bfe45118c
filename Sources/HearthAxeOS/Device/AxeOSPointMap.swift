import HearthCore

/// The operating points an AxeOS board can really be told: every frequency the
/// firmware offers (`/api/system/asic`) inside the board file's table, each with the
/// lowest offered core voltage at or above what the table needs there (the table's
/// V/f line, interpolated). Power and hashrate are the table's, interpolated by
/// frequency, with the switching power scaled by (V_offered/V_needed)² for the extra
/// voltage. Frequencies whose needed voltage no option reaches are left out.
///
/// So the planner chooses among many points (a Gamma offers 6–10 frequencies, newer
/// firmware more) rather than a handful of named settings: the V/f choice is as fine
/// as the firmware allows.
public struct AxeOSPointMap: Sendable, Hashable {
    /// In ascending power, as `profile.operatingPoints`.
    public let points: [OperatingPoint]
    /// The board restricted to the reachable points: what the controller plans with.
    public let profile: BoardProfile

    public init(board: BoardProfile, asic: AxeOSASICInfo, peer: String) throws(AxeOSError) {
        let table = board.operatingPoints.sorted { $0.frequency < $1.frequency }
        guard let low = table.first?.frequency, let high = table.last?.frequency else {
            throw AxeOSError.mismatch(peer: peer, problem: "board \(board.id) has no operating points")
        }
        var points: [OperatingPoint] = []
        for f in asic.frequencyOptions where f >= low && f <= high {
            let needed = Self.interpolate(table, at: f)
            // 0.5 mV: table voltages are whole millivolts; an option equal to one is enough.
            guard let v = asic.voltageOptions.first(where: { $0.value >= needed.voltage.value - 0.5 }) else { continue }
            let scale = (v.value / needed.voltage.value) * (v.value / needed.voltage.value)
            points.append(OperatingPoint(
                name: "\(Int(f.value.rounded()))MHz@\(Int(v.value.rounded()))mV", frequency: f, voltage: v,
                power: Watts(needed.power.value * max(1, scale)), hashrate: needed.hashrate))
        }
        guard !points.isEmpty else {
            throw AxeOSError.mismatch(peer: peer, problem: """
                none of the firmware's frequencies (\(asic.frequencyOptions.map { "\(Int($0.value))" }.joined(separator: ", ")) MHz) \
                with its voltages (\(asic.voltageOptions.map { "\(Int($0.value))" }.joined(separator: ", ")) mV) lies on board \
                \(board.id)'s table (\(Int(low.value))–\(Int(high.value)) MHz)
                """)
        }
        points.sort { $0.power < $1.power }
        self.points = points
        var p = board
        p.operatingPoints = points
        self.profile = p
    }

    /// The table's point at frequency `f` (inside its range), linearly between neighbours.
    static func interpolate(_ table: [OperatingPoint], at f: Megahertz) -> OperatingPoint {
        guard let upper = table.firstIndex(where: { $0.frequency >= f }) else { return table[table.count - 1] }
        if upper == 0 || table[upper].frequency == f { return table[upper] }
        let a = table[upper - 1], b = table[upper]
        let t = (f.value - a.frequency.value) / (b.frequency.value - a.frequency.value)
        func mix(_ x: Double, _ y: Double) -> Double { x + (y - x) * t }
        return OperatingPoint(name: "", frequency: f, voltage: Millivolts(mix(a.voltage.value, b.voltage.value)),
                              power: Watts(mix(a.power.value, b.power.value)),
                              hashrate: HashRate(mix(a.hashrate.value, b.hashrate.value)))
    }

    /// The point index the board runs, from what it reports (nearest frequency, then voltage).
    public func pointIndex(frequency: Megahertz, voltage: Millivolts) -> Int? {
        points.firstIndex { abs($0.frequency.value - frequency.value) < 0.5 && abs($0.voltage.value - voltage.value) < 0.5 }
    }
}
