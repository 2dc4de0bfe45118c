import HearthCore

/// Two-node room: air (with furniture) and the exterior walls, optionally
/// coupled to the rest of a heated house.
///
///     C_a dT_a/dt = P_heat + P_gain − UA_aw (T_a − T_w) − (UA_ao + UA_door)(T_a − T_out) − UA_ah (T_a − T_house)
///     C_w dT_w/dt = UA_aw (T_a − T_w) − UA_wo (T_w − T_out)
public struct RoomParameters: Sendable, Hashable, Codable {
    public var description: String
    /// Air → outdoors directly (windows, infiltration).
    public var windowConductance: WattsPerKelvin
    public var airWallConductance: WattsPerKelvin
    public var wallOutsideConductance: WattsPerKelvin
    /// Air → the rest of the house (internal walls, doors); zero for a detached room.
    public var houseConductance: WattsPerKelvin
    public var houseTemperature: Celsius
    /// Heat capacities in J/K.
    public var airCapacity: Double
    public var wallCapacity: Double

    public init(description: String, windowConductance: WattsPerKelvin, airWallConductance: WattsPerKelvin,
                wallOutsideConductance: WattsPerKelvin, houseConductance: WattsPerKelvin, houseTemperature: Celsius,
                airCapacity: Double, wallCapacity: Double) {
        self.description = description
        self.windowConductance = windowConductance
        self.airWallConductance = airWallConductance
        self.wallOutsideConductance = wallOutsideConductance
        self.houseConductance = houseConductance
        self.houseTemperature = houseTemperature
        self.airCapacity = airCapacity
        self.wallCapacity = wallCapacity
    }

    /// Conductance from air to outdoors through the wall node in steady state.
    public var throughWallConductance: Double {
        let a = airWallConductance.value, b = wallOutsideConductance.value
        return a * b / (a + b)
    }

    /// Steady heat the room needs to sit at `air` with `outdoor` outside and no gains.
    public func steadyLoad(air: Celsius, outdoor: Celsius) -> Watts {
        Watts((windowConductance.value + throughWallConductance) * (air - outdoor).value
              + houseConductance.value * (air - houseTemperature).value)
    }

    /// The same room made `factor` times bigger: conductances and capacities scale together,
    /// so its time constants stay those of the template.
    public func scaled(by factor: Double) -> RoomParameters {
        var r = self
        r.windowConductance = windowConductance * factor
        r.airWallConductance = airWallConductance * factor
        r.wallOutsideConductance = wallOutsideConductance * factor
        r.houseConductance = houseConductance * factor
        r.airCapacity *= factor
        r.wallCapacity *= factor
        return r
    }
}

public struct RoomState: Sendable, Hashable {
    public var air: Celsius
    public var wall: Celsius

    /// Air at `air` and walls at their steady state for that and `outdoor`.
    public init(steadyAt air: Celsius, outdoor: Celsius, room: RoomParameters) {
        let a = room.airWallConductance.value, b = room.wallOutsideConductance.value
        self.air = air
        self.wall = Celsius((a * air.value + b * outdoor.value) / (a + b))
    }

    /// Advance by `dt`, sub-stepping so explicit integration stays stable.
    public mutating func step(_ dt: Seconds, room: RoomParameters, heat: Watts, gains: Watts,
                              outdoor: Celsius, extraWindow: WattsPerKelvin = .zero) {
        let window = room.windowConductance.value + extraWindow.value
        let airLoss = window + room.airWallConductance.value + room.houseConductance.value
        let fastest = min(room.airCapacity / airLoss,
                          room.wallCapacity / (room.airWallConductance.value + room.wallOutsideConductance.value))
        let n = max(1, Int((dt.value / (0.2 * fastest)).rounded(.up)))
        let h = dt.value / Double(n)
        for _ in 0..<n {
            let ta = air.value, tw = wall.value, to = outdoor.value
            let toWall = room.airWallConductance.value * (ta - tw)
            let qa = heat.value + gains.value - toWall - window * (ta - to)
                - room.houseConductance.value * (ta - room.houseTemperature.value)
            let qw = toWall - room.wallOutsideConductance.value * (tw - to)
            air = Celsius(ta + h * qa / room.airCapacity)
            wall = Celsius(tw + h * qw / room.wallCapacity)
        }
    }

    /// Heat that holds the air exactly at `air` now (the oracle's view): everything the
    /// air loses minus the gains. The wall node keeps evolving with the air pinned.
    public func heatToHold(room: RoomParameters, gains: Watts, outdoor: Celsius,
                           extraWindow: WattsPerKelvin = .zero) -> Watts {
        let ta = air.value
        let loss = room.airWallConductance.value * (ta - wall.value)
            + (room.windowConductance.value + extraWindow.value) * (ta - outdoor.value)
            + room.houseConductance.value * (ta - room.houseTemperature.value)
        return Watts(loss - gains.value)
    }
}
