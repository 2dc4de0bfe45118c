import HearthCore

/// What a scenario does to a sized room at a moment: outdoor temperature, gains
/// from people and sun, and extra air exchange from open doors.
public struct ScenarioConditions: Sendable {
    public let scenario: Scenario
    public let room: RoomParameters
    public let designLoad: Watts

    public init(scenario: Scenario, room: RoomParameters, designLoad: Watts) {
        self.scenario = scenario
        self.room = room
        self.designLoad = designLoad
    }

    public func outdoor(at t: Seconds) -> Celsius {
        scenario.outdoor.temperature(hourOfDay: scenario.hourOfDay(t), elapsed: t)
    }

    public func gains(at t: Seconds) -> Watts { designLoad * scenario.gainFraction(at: t) }

    public func extraWindow(at t: Seconds) -> WattsPerKelvin { room.windowConductance * scenario.doorFactor(at: t) }

    /// Advance a simulated heater through `dt` of this scenario starting at `t`.
    public func step(_ heater: SimulatedHeater, at t: Seconds, by dt: Seconds) -> HeaterPhysics.Step {
        heater.step(dt, outdoor: outdoor(at: t), gains: gains(at: t), extraWindow: extraWindow(at: t))
    }
}
