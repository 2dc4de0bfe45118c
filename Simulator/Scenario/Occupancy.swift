import HearthCore

/// Who and what releases heat in the room over the day: people (sensible heat each)
/// and appliances such as cooking, each on a daily schedule in local time.
public struct Occupancy: Sendable, Hashable {
    public struct Presence: Sendable, Hashable {
        public var fromHour: Double
        public var toHour: Double
        public var people: Int
        public init(fromHour: Double, toHour: Double, people: Int) {
            self.fromHour = fromHour
            self.toHour = toHour
            self.people = people
        }
    }

    public struct Appliance: Sendable, Hashable {
        public var name: String
        public var fromHour: Double
        public var toHour: Double
        /// Heat reaching the room's air while on.
        public var heat: Watts
        public init(name: String, fromHour: Double, toHour: Double, heat: Watts) {
            self.name = name
            self.fromHour = fromHour
            self.toHour = toHour
            self.heat = heat
        }
    }

    /// Sensible heat of one seated adult at light activity: 70–80 W of the ~115 W a person
    /// releases (ASHRAE Fundamentals' occupant table); the latent rest does not warm the air.
    public var heatPerPerson = Watts(80)
    public var presence: [Presence]
    public var appliances: [Appliance]

    public init(presence: [Presence], appliances: [Appliance] = []) {
        self.presence = presence
        self.appliances = appliances
    }

    public static let none = Occupancy(presence: [])

    public func gains(hourOfDay h: Double) -> Watts {
        func on(_ a: Double, _ b: Double) -> Bool { h >= a && h < b }
        let people = presence.filter { on($0.fromHour, $0.toHour) }.reduce(0) { $0 + $1.people }
        let things = appliances.filter { on($0.fromHour, $0.toHour) }.reduce(0.0) { $0 + $1.heat.value }
        return Watts(Double(people) * heatPerPerson.value + things)
    }

    /// The same schedule with each presence window's head count changed by `delta` (at least 0).
    public func adding(people delta: Int) -> Occupancy {
        var o = self
        o.presence = presence.map { var p = $0; p.people = max(0, p.people + delta); return p }
        return o
    }

    public var description: String {
        if presence.isEmpty && appliances.isEmpty { return "nobody uses it" }
        func hh(_ x: Double) -> String {
            let m = Int((x * 60).rounded())
            return (m / 60 < 10 ? "0" : "") + "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)"
        }
        let people = presence.map { "\($0.people) × \(formatted(heatPerPerson.value, decimals: 0)) W \(hh($0.fromHour))–\(hh($0.toHour))" }
        let things = appliances.map { "\($0.name) \(formatted($0.heat.value, decimals: 0)) W \(hh($0.fromHour))–\(hh($0.toHour))" }
        return "people " + (people.isEmpty ? "none" : people.joined(separator: ", "))
            + (things.isEmpty ? "" : "; " + things.joined(separator: ", "))
    }
}
