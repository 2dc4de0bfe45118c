import HearthCore

/// A stretch of real weather and of life in a room: outdoor temperature and sun from a
/// station's typical year, the room's people and appliances, windows opened for airing,
/// where the thermostat's sensor hangs, how warm the room is when the run starts, and
/// optionally a schedule or tariff that belongs to the story.
public struct Scenario: Sendable {
    public var name: String
    public var summary: String
    /// Where in the week the simulation starts (local time): drives schedules and tariffs.
    public var start: WeekTime
    public var weather: Weather
    /// The room; nil: the preset for the board's size (`RoomPresets.forHeater`).
    public var room: RoomDesign?
    /// Replaces the room's own occupancy when set.
    public var occupancy: Occupancy?
    /// People added to (or taken from) each presence window of the room's occupancy.
    public var occupancyDelta = 0
    public var openings: [Opening]
    public var sensorPlacement: SensorPlacement
    /// Calibration error of the installed room sensor.
    public var sensorOffset: Kelvin = Kelvin(0.1)
    /// Room air (and structure, in steady state with it) when the run starts: after a night
    /// setback or a cold start, not at the target. nil: at the target.
    public var initialAir: Celsius?
    public var schedule: WeeklySchedule?
    public var tariff: Tariff?
    public var priceCap: PriceCap?
    /// Share of the board's maximum power the room needs at the coldest hour (0.6…0.8).
    public var designLoadFraction: Double = 0.7
    /// Insulation factor applied to every conductance to outdoors (1 = as designed); `variant(seed:)` moves it.
    public var insulationFactor: Double = 1

    /// A window or door opened for a while: buoyancy-driven exchange through the opening with
    /// the outdoors or with a neighbouring space (a hall) at its own temperature. A door is a door
    /// whatever the room's size: openings do not scale with the room.
    public struct Opening: Sendable {
        public var at: Seconds
        public var duration: Seconds
        public var width: Double
        public var height: Double
        public var label: String
        /// The space on the other side; nil: outdoors.
        public var otherSide: Celsius?

        public init(at: Seconds, duration: Seconds, width: Double, height: Double, label: String, otherSide: Celsius? = nil) {
            self.at = at
            self.duration = duration
            self.width = width
            self.height = height
            self.label = label
            self.otherSide = otherSide
        }

        /// Exchange conductance with the other side, W/K: Q = (C_d/3)·W·H·√(g·H·ΔT/T̄) with
        /// C_d = 0.6 (the usual single-opening buoyancy formula, e.g. CIBSE AM10), times ρ·c_p.
        public func conductance(indoor: Celsius, other: Celsius) -> Double {
            let dT = abs((indoor - other).value)
            let meanK = (indoor.value + other.value) / 2 + 273.15
            let flow = 0.6 / 3 * width * height * (9.81 * height * dT / meanK).squareRoot()
            return flow * RoomDesign.airVolumetricHeat
        }

        /// The same heat flow expressed as extra conductance to outdoors (what the room model takes):
        /// G·(T_in − T_other) = G_eq·(T_in − T_out).
        public func outdoorEquivalent(indoor: Celsius, outdoor: Celsius) -> WattsPerKelvin {
            let other = otherSide ?? outdoor
            let g = conductance(indoor: indoor, other: other)
            let toOutdoor = (indoor - outdoor).value
            guard abs(toOutdoor) > 0.01 else { return .zero }
            return WattsPerKelvin(max(0, g * (indoor - other).value / toOutdoor))
        }
    }

    public init(name: String, summary: String, start: WeekTime, weather: Weather, room: RoomDesign? = nil,
                occupancy: Occupancy? = nil, openings: [Opening] = [], sensorPlacement: SensorPlacement = .across,
                initialAir: Celsius? = nil) {
        self.name = name
        self.summary = summary
        self.start = start
        self.weather = weather
        self.room = room
        self.occupancy = occupancy
        self.openings = openings
        self.sensorPlacement = sensorPlacement
        self.initialAir = initialAir
    }

    /// Hours since the start of the simulation → hour of the local day.
    func hourOfDay(_ t: Seconds) -> Double { start.advanced(by: t).secondOfDay / 3600 }

    /// The room this scenario puts a board of `maximumPower` in, before sizing.
    public func roomDesign(maximumPower: Watts) -> RoomDesign {
        var d = room ?? RoomPresets.forHeater(maximumPower: maximumPower)
        if let occupancy { d.occupancy = occupancy }
        if occupancyDelta != 0 { d.occupancy = d.occupancy.adding(people: occupancyDelta) }
        d.wallU *= insulationFactor
        d.windowU *= insulationFactor
        d.airChangesPerHour *= insulationFactor
        return d
    }

    /// Coldest outdoor temperature over `duration`.
    public func coldest(over duration: Seconds) -> Celsius { weather.coldest(over: duration) }

    /// What the report prints about the assumptions beyond the room itself.
    public var assumptions: String {
        var parts = ["weather: \(weather.description)",
                     "sensor \(sensorPlacement == .near ? "1 m beside the heater (sees its plume)" : "across the room on an internal wall"), "
                        + "τ 8 min, offset \(formatted(sensorOffset.value, decimals: 2)) K, 0.1 K steps",
                     "start: " + (initialAir.map { "room at \(formatted($0.value, decimals: 1)) °C" } ?? "room at the target")
                        + "; comfort counted after the first hour"]
        if !openings.isEmpty {
            parts.append("openings: " + openings.map {
                "\($0.label) \(formatted($0.width, decimals: 1))×\(formatted($0.height, decimals: 1)) m to "
                    + ($0.otherSide.map { "a space at \(formatted($0.value, decimals: 0)) °C" } ?? "outdoors") + " at +\(formatted($0.at.value / 3600, decimals: 1)) h "
                    + "for \(formatted($0.duration.value / 60, decimals: 0)) min"
            }.joined(separator: ", "))
        }
        if insulationFactor != 1 { parts.append("insulation factor \(formatted(insulationFactor, decimals: 3))") }
        return parts.joined(separator: "; ")
    }
}
