import HearthCore

/// What a scenario does to a sized room at a moment: outdoor temperature, gains from
/// people, appliances and sun through the window, and extra air exchange from openings.
public struct ScenarioConditions: Sendable {
    public let scenario: Scenario
    public let room: RoomParameters
    public let designLoad: Watts
    /// The sized room as designed (window area, occupancy) and its scale from the preset.
    public let design: RoomDesign
    public let areaScale: Double

    public init(scenario: Scenario, design: RoomDesign, areaScale: Double, designLoad: Watts) {
        self.scenario = scenario
        self.design = design
        self.areaScale = areaScale
        self.room = design.parameters
        self.designLoad = designLoad
    }

    /// From a room sized by `SimulationRunner.sizedRoom`: the board's power is recovered from the
    /// design load and the scale from the air capacities, so callers that kept only these agree.
    public init(scenario: Scenario, room: RoomParameters, designLoad: Watts) {
        let preset = scenario.roomDesign(maximumPower: designLoad / scenario.designLoadFraction)
        let scale = room.airCapacity / preset.physics.airCapacity
        self.init(scenario: scenario, design: preset.scaled(by: scale), areaScale: scale, designLoad: designLoad)
    }

    public func outdoor(at t: Seconds) -> Celsius { scenario.weather.outdoor(at: t) }

    /// Sun through the window: irradiance on its plane × area × g (frame and shading included in g).
    public func solarGain(at t: Seconds) -> Watts {
        let w = scenario.weather.sample(at: t)
        let irradiance = design.windowFacesSouth ? w.southWindow : w.globalHorizontal
        return Watts(irradiance * design.windowArea * design.windowGValue)
    }

    public func internalGains(at t: Seconds) -> Watts { design.occupancy.gains(hourOfDay: scenario.hourOfDay(t)) }

    public func gains(at t: Seconds) -> Watts { internalGains(at: t) + solarGain(at: t) }

    /// Extra conductance to outdoors while something is open, for room air at `indoor`.
    public func extraWindow(at t: Seconds, indoor: Celsius = Celsius(21)) -> WattsPerKelvin {
        let out = outdoor(at: t)
        return scenario.openings.reduce(WattsPerKelvin.zero) { sum, o in
            t >= o.at && t < o.at + o.duration ? sum + o.outdoorEquivalent(indoor: indoor, outdoor: out) : sum
        }
    }

    /// Advance a simulated heater through `dt` of this scenario starting at `t`.
    public func step(_ heater: SimulatedHeater, at t: Seconds, by dt: Seconds) -> HeaterPhysics.Step {
        heater.step(dt, outdoor: outdoor(at: t), gains: gains(at: t),
                    extraWindow: extraWindow(at: t, indoor: heater.physics.roomState.air))
    }
}
