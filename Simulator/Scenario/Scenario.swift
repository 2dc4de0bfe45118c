import HearthCore

/// A day of weather and life in the room: outdoor temperature, gains from sun
/// and people, doors opened, and optionally a schedule or tariff that belongs
/// to the story. Gains are fractions of the room's design load, so a scenario
/// means the same thing for a 15 W PiAxe and a 1.7 kW Avalon Q.
public struct Scenario: Sendable {
    public var name: String
    public var summary: String
    /// Where in the week the simulation starts (local time).
    public var start: WeekTime
    public var outdoor: OutdoorProfile
    /// Internal gains (people, cooking) as fractions of the design load over the day.
    public var occupantGains: [GainWindow]
    /// Peak solar gain as a fraction of the design load, bell-shaped between sunrise and sunset.
    public var solarPeak: Double
    public var sunrise: Double   // hour of day
    public var sunset: Double
    public var doorOpenings: [DoorOpening]
    public var schedule: WeeklySchedule?
    public var tariff: Tariff?
    public var priceCap: PriceCap?
    /// Share of the board's maximum power the room needs at the coldest hour (0.6…0.8).
    public var designLoadFraction: Double = 0.7

    public struct GainWindow: Sendable {
        public var fromHour: Double
        public var toHour: Double
        public var fraction: Double
    }

    public struct DoorOpening: Sendable {
        public var at: Seconds
        public var duration: Seconds
        /// Extra air exchange while open, as a multiple of the room's window conductance.
        public var exchangeFactor: Double
    }

    /// Hours since the start of the simulation → hour of the local day.
    func hourOfDay(_ t: Seconds) -> Double { start.advanced(by: t).secondOfDay / 3600 }

    /// Internal plus solar gains at `t`, as a fraction of the design load.
    public func gainFraction(at t: Seconds) -> Double {
        let h = hourOfDay(t)
        var g = occupantGains.filter { h >= $0.fromHour && h < $0.toHour }.reduce(0) { $0 + $1.fraction }
        if solarPeak > 0, h > sunrise, h < sunset {
            let x = (h - sunrise) / (sunset - sunrise)
            g += solarPeak * _pow(_sin(.pi * x), 2)
        }
        return g
    }

    public func doorFactor(at t: Seconds) -> Double {
        doorOpenings.reduce(0) { t >= $1.at && t < $1.at + $1.duration ? $0 + $1.exchangeFactor : $0 }
    }

    /// Coldest outdoor temperature over `duration` (sampled each minute).
    public func coldest(over duration: Seconds) -> Celsius {
        var t = Seconds(0), m = outdoor.temperature(hourOfDay: hourOfDay(t), elapsed: t)
        while t <= duration {
            m = min(m, outdoor.temperature(hourOfDay: hourOfDay(t), elapsed: t))
            t += Seconds(60)
        }
        return m
    }
}

/// Outdoor temperature: a daily cosine around a mean that may drift (a cold front).
public struct OutdoorProfile: Sendable {
    public var mean: Celsius
    public var amplitude: Kelvin
    public var warmestHour: Double
    /// Change of the mean per hour since the start.
    public var driftPerHour: Double

    public func temperature(hourOfDay h: Double, elapsed: Seconds) -> Celsius {
        let daily = amplitude.value * _cos(2 * .pi * (h - warmestHour) / 24)
        return Celsius(mean.value + daily + driftPerHour * elapsed.value / 3600)
    }
}
