import HearthCore

/// A room described by what a heating engineer would write down — floor area, height,
/// exterior wall and window areas with their U-values, air changes, internal mass —
/// from which the two-node `RoomParameters` are computed. Every figure is an assumption
/// stated here and printed with the run; none is tuned to a control result.
///
/// Node model (after EN ISO 13790's simple hourly 5R1C method, collapsed to two nodes):
/// - air node: room air (V · ρ · c_p) plus light contents that follow the air within
///   minutes (furniture, textiles, paper: `contentsCapacityPerArea` per m² floor);
/// - mass node: the room's structure (ISO 13790 class capacity per m² floor), coupled to
///   the air through the interior surface (h_is = 3.45 W/m²K on A_t = 4.5·A_f) in series
///   with the surface-to-mass coefficient (h_ms = 9.1 W/m²K on A_m, per class);
/// - air → outdoors directly: windows (U_w·A_w) and ventilation (ρ c_p · ACH · V / 3600);
/// - mass → outdoors: the opaque exterior wall (U·A);
/// - air → the rest of the house through internal walls and the door (U·A).
public struct RoomDesign: Sendable, Hashable {
    public var name: String
    public var floorArea: Double            // m²
    public var ceilingHeight: Double        // m
    /// Exterior wall including the window, m².
    public var exteriorWallArea: Double
    public var windowArea: Double           // m²
    public var wallU: Double                // W/m²K, opaque exterior wall
    public var windowU: Double              // W/m²K
    /// Total solar energy transmittance of the glazing, times a frame/shading factor.
    public var windowGValue: Double
    /// Which irradiance the window sees: a vertical south-facing pane, or (a lid) the horizontal.
    public var windowFacesSouth = true
    public var airChangesPerHour: Double
    public var internalWallArea: Double     // m², to the rest of the house
    public var internalWallU: Double        // W/m²K
    public var houseTemperature: Celsius
    /// Light contents lumped with the air, J/K per m² floor.
    public var contentsCapacityPerArea: Double
    /// Structure: ISO 13790 class (capacity and effective mass area per m² floor).
    public var massClass: MassClass
    /// People and appliances that use this room.
    public var occupancy: Occupancy

    /// EN ISO 13790:2008 table 12: internal heat capacity C_m and effective mass area A_m per m² floor.
    public enum MassClass: String, Sendable, Hashable {
        case veryLight = "very light", light, medium, heavy
        var capacityPerArea: Double {   // J/K per m² floor
            switch self { case .veryLight: 80_000; case .light: 110_000; case .medium: 165_000; case .heavy: 260_000 }
        }
        var massAreaFactor: Double {
            switch self { case .veryLight, .light, .medium: 2.5; case .heavy: 3.0 }
        }
    }

    /// ρ·c_p of air at 20 °C: 1.204 kg/m³ × 1005 J/kgK.
    public static let airVolumetricHeat = 1.204 * 1005.0
    static let surfaceToAir = 3.45, massToSurface = 9.1, surfacePerFloor = 4.5

    public var volume: Double { floorArea * ceilingHeight }
    public var airCapacity: Double { volume * Self.airVolumetricHeat }
    public var contentsCapacity: Double { floorArea * contentsCapacityPerArea }
    public var ventilationConductance: Double { Self.airVolumetricHeat * airChangesPerHour * volume / 3600 }

    public var parameters: RoomParameters {
        var p = physics
        p.description = description
        return p
    }

    /// The node model without its description (which is written from it).
    var physics: RoomParameters {
        let surface = Self.surfaceToAir * Self.surfacePerFloor * floorArea
        let mass = Self.massToSurface * massClass.massAreaFactor * floorArea
        return RoomParameters(
            description: name,
            windowConductance: WattsPerKelvin(windowU * windowArea + ventilationConductance),
            airWallConductance: WattsPerKelvin(surface * mass / (surface + mass)),
            wallOutsideConductance: WattsPerKelvin(wallU * (exteriorWallArea - windowArea)),
            houseConductance: WattsPerKelvin(internalWallU * internalWallArea),
            houseTemperature: houseTemperature,
            airCapacity: airCapacity + contentsCapacity,
            wallCapacity: massClass.capacityPerArea * floorArea)
    }

    /// Every area times `factor` (height kept): conductances and capacities scale together,
    /// the time constants stay. People and appliances do not scale: they are who they are.
    public func scaled(by factor: Double) -> RoomDesign {
        var d = self
        d.floorArea *= factor
        d.exteriorWallArea *= factor
        d.windowArea *= factor
        d.internalWallArea *= factor
        return d
    }

    /// Time constant of the air node with the mass held still: C_air / (all its conductances).
    public var airTimeConstant: Seconds {
        let p = physics
        let g = p.windowConductance.value + p.airWallConductance.value + p.houseConductance.value
        return Seconds(p.airCapacity / g)
    }

    /// Time constant of the mass node with the air held still.
    public var massTimeConstant: Seconds {
        let p = physics
        return Seconds(p.wallCapacity / (p.airWallConductance.value + p.wallOutsideConductance.value))
    }

    public var description: String {
        let p = physics
        func f(_ x: Double, _ d: Int = 1) -> String { formatted(x, decimals: d) }
        return "\(name): \(f(floorArea)) m² × \(f(ceilingHeight)) m (air \(f(airCapacity / 1000, 0)) kJ/K "
            + "+ contents \(f(contentsCapacity / 1000, 0)) kJ/K at \(f(contentsCapacityPerArea / 1000, 0)) kJ/K·m²; "
            + "air τ \(f(airTimeConstant.value / 60, 0)) min), \(massClass.rawValue) structure "
            + "\(f(p.wallCapacity / 1e6, 2)) MJ/K (ISO 13790; τ \(f(massTimeConstant.value / 3600)) h); "
            + "exterior wall \(f(exteriorWallArea - windowArea)) m² at U \(f(wallU, 2)), window \(f(windowArea)) m² "
            + "at U \(f(windowU, 1)) g \(f(windowGValue, 2)) facing \(windowFacesSouth ? "south" : "up"); "
            + "\(f(airChangesPerHour, 2)) air changes/h; \(f(internalWallArea)) m² internal wall at U \(f(internalWallU)) "
            + "to \(exteriorWallArea > 0 ? "the house" : "its surroundings") at \(f(houseTemperature.value, 0)) °C; \(occupancy.description)"
    }
}
