import HearthCore

/// The weather a scenario runs on: a stretch of a station's typical year from a start
/// day and hour, or a constant (for tests and bounds that need a still day).
public struct Weather: Sendable {
    public enum Source: Sendable {
        case station(WeatherStation, startDayOfYear: Int, startHour: Double)
        case constant(Celsius, southWindow: Double)
    }

    public var source: Source

    public init(_ station: WeatherStation, day: Int, hour: Double = 0) {
        source = .station(station, startDayOfYear: day, startHour: hour)
    }

    public static func constant(_ t: Celsius, southWindow: Double = 0) -> Weather {
        Weather(source: .constant(t, southWindow: southWindow))
    }

    init(source: Source) { self.source = source }

    /// Weather `elapsed` after the start of the run.
    public func sample(at elapsed: Seconds) -> WeatherStation.Sample {
        switch source {
        case let .station(s, day, hour):
            return s.sample(atHourOfYear: Double(day - 1) * 24 + hour + elapsed.value / 3600)
        case let .constant(t, south):
            return WeatherStation.Sample(temperature: t, globalHorizontal: south, southWindow: south)
        }
    }

    public func outdoor(at elapsed: Seconds) -> Celsius { sample(at: elapsed).temperature }

    /// Coldest outdoor temperature over `duration` (sampled each 10 minutes; the data are hourly).
    public func coldest(over duration: Seconds) -> Celsius {
        var t = Seconds(0), m = outdoor(at: t)
        while t <= duration {
            m = min(m, outdoor(at: t))
            t += Seconds(600)
        }
        return m
    }

    /// Where the weather comes from, for the report.
    public var description: String {
        switch source {
        case let .station(s, day, hour):
            return "\(s.name), typical-year day \(day) (\(Self.calendarDate(dayOfYear: day))) from \(formatted(hour, decimals: 0)):00"
        case let .constant(t, south):
            return "constant \(formatted(t.value, decimals: 1)) °C outside, \(formatted(south, decimals: 0)) W/m² on the window"
        }
    }

    public var stationID: String? {
        if case let .station(s, _, _) = source { return s.id }
        return nil
    }

    static func calendarDate(dayOfYear d: Int) -> String {
        let months = [("Jan", 31), ("Feb", 28), ("Mar", 31), ("Apr", 30), ("May", 31), ("Jun", 30),
                      ("Jul", 31), ("Aug", 31), ("Sep", 30), ("Oct", 31), ("Nov", 30), ("Dec", 31)]
        var rest = d
        for (m, n) in months {
            if rest <= n { return "\(m) \(rest)" }
            rest -= n
        }
        return "day \(d)"
    }
}
