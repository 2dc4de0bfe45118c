import HearthCore

/// The built-in scenarios: real days of measured typical-year weather (TMY3, see
/// Simulator/Weather) in the room preset for the board's size (`RoomPresets`).
public enum ScenarioCatalog {
    public static let names = ["winter-day", "cold-snap", "sunny-spring", "door-open", "night-quiet", "tou-tariff"]

    /// A scenario starting on `weekday` (0 = Monday) at `hour` of typical-year day `day`.
    static func on(_ name: String, _ summary: String, _ station: WeatherStation, day: Int, hour: Int,
                   weekday: Int = 2, initialAir: Celsius? = Celsius(17.5)) -> Scenario {
        Scenario(name: name, summary: summary, start: WeekTime(day: weekday, hour: hour),
                 weather: Weather(station, day: day, hour: Double(hour)), initialAir: initialAir)
    }

    public static func named(_ name: String) -> Scenario? {
        switch name {
        case "winter-day":
            return on(name, "overcast winter day in Greensboro NC (Jan 7: −10…−7 °C, little sun); "
                      + "heating resumes at 06:00 after a night setback, room at 17.5 °C", .greensboroNC, day: 7, hour: 6)
        case "cold-snap":
            var s = on(name, "a cold front in Greensboro NC (Feb 4 noon → Feb 5 noon: −8 °C falling to −17 °C overnight); "
                       + "sensor beside the heater", .greensboroNC, day: 35, hour: 12, initialAir: Celsius(19))
            s.sensorPlacement = .near
            return s
        case "sunny-spring":
            return on(name, "clear early-spring day in Greensboro NC (Mar 21: −3 °C at dawn, 16 °C in the afternoon, "
                      + "strong sun on the south window)", .greensboroNC, day: 80, hour: 6, initialAir: Celsius(18))
        case "door-open":
            var s = on(name, "overcast winter day in Sand Point AK (Dec 12: −8…−6 °C); the door to the unheated hall "
                       + "(12 °C) stands open 10 min at 10:00 and 5 min at 17:30", .sandPointAK, day: 346, hour: 6)
            s.openings = [.init(at: .hours(4), duration: .minutes(10), width: 0.8, height: 2.0, label: "door",
                                otherSide: Celsius(12)),
                          .init(at: .hours(11.5), duration: .minutes(5), width: 0.8, height: 2.0, label: "door",
                                otherSide: Celsius(12))]
            return s
        case "night-quiet":
            var s = on(name, "New Year's Eve in Sand Point AK (−9…−6 °C); quiet mode at 20 °C from 22:00 to 07:00, "
                       + "heat at 21 °C by day; sensor beside the heater", .sandPointAK, day: 365, hour: 0,
                       initialAir: Celsius(19))
            s.schedule = try? WeeklySchedule(parsing: "* 07:00 21 heat; * 22:00 20 quiet")
            s.sensorPlacement = .near
            return s
        case "tou-tariff":
            var s = on(name, "winter day in Greensboro NC (Jan 10: −11…−2 °C, some sun) on a time-of-use tariff "
                       + "with a price cap in the evening peak", .greensboroNC, day: 10, hour: 6)
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
