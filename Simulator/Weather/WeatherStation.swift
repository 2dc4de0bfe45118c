import HearthCore

/// A measured typical year of hourly weather at one station (TMY3, converted once by
/// scripts/convert-tmy.py into Simulator/Weather/Data/). Values are hour-ending averages;
/// `sample(atHourOfYear:)` places each at its mid-hour and interpolates linearly between them.
public struct WeatherStation: Sendable {
    public let id: String
    public let name: String
    public let climate: String
    public let latitude: Double
    /// Dry-bulb °C, global horizontal W/m², vertical south-facing window W/m²; 8760 each.
    let temperature: [Double]
    let globalHorizontal: [Double]
    let southWindow: [Double]

    public static let hoursPerYear = 8760

    /// Parses the generated "T G S" lines (T in 0.1 °C). The text is produced by our own
    /// script, so a malformed line is a build defect: it is reported once and skipped.
    init(id: String, name: String, climate: String, latitude: Double, hourly text: String) {
        self.id = id
        self.name = name
        self.climate = climate
        self.latitude = latitude
        var t: [Double] = [], g: [Double] = [], s: [Double] = []
        t.reserveCapacity(Self.hoursPerYear)
        g.reserveCapacity(Self.hoursPerYear)
        s.reserveCapacity(Self.hoursPerYear)
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 3, let tt = Double(f[0]), let gg = Double(f[1]), let ss = Double(f[2]) else { continue }
            t.append(tt / 10)
            g.append(gg)
            s.append(ss)
        }
        precondition(t.count == Self.hoursPerYear, "weather \(id): \(t.count) hourly rows, expected \(Self.hoursPerYear)")
        temperature = t
        globalHorizontal = g
        southWindow = s
    }

    public struct Sample: Sendable, Hashable {
        public var temperature: Celsius
        /// Global horizontal irradiance, W/m².
        public var globalHorizontal: Double
        /// Irradiance on a vertical south-facing window, W/m².
        public var southWindow: Double
    }

    /// Weather at a continuous hour of the year (0 = Jan 1 00:00 local standard time); wraps.
    public func sample(atHourOfYear h: Double) -> Sample {
        let n = Double(Self.hoursPerYear)
        var x = (h - 0.5).truncatingRemainder(dividingBy: n)   // index i is centred on hour i + 0.5
        if x < 0 { x += n }
        let i0 = Int(x), i1 = (i0 + 1) % Self.hoursPerYear
        let w = x - Double(i0)
        func lerp(_ a: [Double]) -> Double { a[i0] * (1 - w) + a[i1] * w }
        return Sample(temperature: Celsius(lerp(temperature)), globalHorizontal: lerp(globalHorizontal),
                      southWindow: lerp(southWindow))
    }

    /// The stations committed with the simulator.
    public static let all: [WeatherStation] = [.greensboroNC, .sandPointAK]

    public static func named(_ id: String) -> WeatherStation? { all.first { $0.id == id } }
}
