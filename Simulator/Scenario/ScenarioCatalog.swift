import HearthCore

/// The built-in scenarios. Weather is typical of a central-European winter or spring day.
public enum ScenarioCatalog {
    public static let names = ["winter-day", "cold-snap", "sunny-spring", "door-open", "night-quiet", "tou-tariff"]

    /// An overcast winter day, −7 °C before dawn to −3 °C mid-afternoon; people home in the evening.
    static func winter(_ name: String, _ summary: String) -> Scenario {
        Scenario(name: name, summary: summary, start: WeekTime(day: 2, hour: 0),
                 outdoor: OutdoorProfile(mean: Celsius(-5), amplitude: Kelvin(2), warmestHour: 15, driftPerHour: 0),
                 occupantGains: [.init(fromHour: 7, toHour: 8, fraction: 0.05),
                                 .init(fromHour: 18, toHour: 23, fraction: 0.08)],
                 solarPeak: 0.04, sunrise: 8, sunset: 16.5, doorOpenings: [])
    }

    public static func named(_ name: String) -> Scenario? {
        switch name {
        case "winter-day":
            return winter(name, "overcast winter day, −7…−3 °C outside, people home in the evening")
        case "cold-snap":
            var s = winter(name, "a cold front: the outdoor mean falls from −2 °C to −14 °C over the day")
            s.outdoor = OutdoorProfile(mean: Celsius(-2), amplitude: Kelvin(1.5), warmestHour: 14, driftPerHour: -0.5)
            return s
        case "sunny-spring":
            var s = winter(name, "clear spring day, 4…14 °C outside, strong sun through the window at midday")
            s.outdoor = OutdoorProfile(mean: Celsius(9), amplitude: Kelvin(5), warmestHour: 15, driftPerHour: 0)
            s.solarPeak = 0.9
            s.sunrise = 6.5
            s.sunset = 19.5
            return s
        case "door-open":
            var s = winter(name, "winter day with the door to the cold hall open at 10:00 (10 min) and 17:30 (5 min)")
            s.doorOpenings = [.init(at: .hours(10), duration: .minutes(10), exchangeFactor: 6),
                              .init(at: .hours(17.5), duration: .minutes(5), exchangeFactor: 6)]
            return s
        case "night-quiet":
            var s = winter(name, "winter day; quiet mode at 20 °C from 22:00 to 07:00, heat at 21 °C by day")
            s.schedule = try? WeeklySchedule(parsing: "* 07:00 21 heat; * 22:00 20 quiet")
            return s
        case "tou-tariff":
            var s = winter(name, "winter day on a time-of-use tariff with a price cap in the evening peak")
            s.tariff = Self.timeOfUse
            s.priceCap = try? PriceCap(threshold: EnergyPrice(0.35), powerFraction: 0.5)
            return s
        default:
            return nil
        }
    }

    /// Night 0.18, day 0.30, weekday peak 17:00–20:00 at 0.45 per kWh.
    public static var timeOfUse: Tariff? {
        guard let every = try? Weekdays(parsing: "*"), let weekdays = try? Weekdays(parsing: "mon-fri"),
              let night = try? TimeOfDay(parsing: "00:00"), let day = try? TimeOfDay(parsing: "07:00"),
              let peak = try? TimeOfDay(parsing: "17:00"), let evening = try? TimeOfDay(parsing: "20:00") else { return nil }
        return try? Tariff(periods: [
            TariffPeriod(days: every, start: night, price: EnergyPrice(0.18)),
            TariffPeriod(days: every, start: day, price: EnergyPrice(0.30)),
            TariffPeriod(days: weekdays, start: peak, price: EnergyPrice(0.45)),
            TariffPeriod(days: weekdays, start: evening, price: EnergyPrice(0.30)),
        ])
    }
}
