import HearthCore

/// A fully validated board file: the controller's profile, the wiring and the
/// simulation parameters. Only the loader makes these, and only from a file
/// that passed every check, so hardware is never started from a half-valid board.
public struct BoardDefinition: Sendable {
    public var profile: BoardProfile
    public var chip: String
    public var chipCount: Int
    public var sources: [String]
    public var roomNote: String?
    public var wiring: BoardWiring
    public var simulation: SimulationParameters
    /// File it came from, for messages.
    public var path: String

    public init(profile: BoardProfile, chip: String, chipCount: Int, sources: [String], roomNote: String?,
                wiring: BoardWiring, simulation: SimulationParameters, path: String) {
        self.profile = profile
        self.chip = chip
        self.chipCount = chipCount
        self.sources = sources
        self.roomNote = roomNote
        self.wiring = wiring
        self.simulation = simulation
        self.path = path
    }
}

/// The `[simulation.*]` tables: data only; the simulator turns them into physics.
public struct SimulationParameters: Sendable, Hashable {
    public var hashesPerClock: Double
    public var switchingWattsPerMHzV2: Double
    public var leakageAt25C: Amperes
    public var leakageDoubling: Kelvin
    public var stableBase: Millivolts
    public var stablePerMHz: Double
    public var errorOnset: Celsius
    public var fixedPower: Watts
    public var psuEfficiency: Double
    public var thermalResistanceAtMaxRPM: Double
    public var thermalResistanceNatural: Double
    public var heatsinkTimeConstant: Seconds
    public var fanMaxPower: Watts
    public var fanTimeConstant: Seconds
    public var noiseAtMaxRPM: Decibels
    public var fanMinRPM: RPM
    public var chipNoise: Kelvin
    public var roomNoise: Kelvin
    public var powerNoise: Watts
    public var room: RoomTemplate
    public var powerBusVoltage: Millivolts

    public init(hashesPerClock: Double, switchingWattsPerMHzV2: Double, leakageAt25C: Amperes, leakageDoubling: Kelvin,
                stableBase: Millivolts, stablePerMHz: Double, errorOnset: Celsius, fixedPower: Watts,
                psuEfficiency: Double, thermalResistanceAtMaxRPM: Double, thermalResistanceNatural: Double,
                heatsinkTimeConstant: Seconds, fanMaxPower: Watts, fanTimeConstant: Seconds, noiseAtMaxRPM: Decibels,
                fanMinRPM: RPM, chipNoise: Kelvin, roomNoise: Kelvin, powerNoise: Watts, room: RoomTemplate,
                powerBusVoltage: Millivolts) {
        self.hashesPerClock = hashesPerClock
        self.switchingWattsPerMHzV2 = switchingWattsPerMHzV2
        self.leakageAt25C = leakageAt25C
        self.leakageDoubling = leakageDoubling
        self.stableBase = stableBase
        self.stablePerMHz = stablePerMHz
        self.errorOnset = errorOnset
        self.fixedPower = fixedPower
        self.psuEfficiency = psuEfficiency
        self.thermalResistanceAtMaxRPM = thermalResistanceAtMaxRPM
        self.thermalResistanceNatural = thermalResistanceNatural
        self.heatsinkTimeConstant = heatsinkTimeConstant
        self.fanMaxPower = fanMaxPower
        self.fanTimeConstant = fanTimeConstant
        self.noiseAtMaxRPM = noiseAtMaxRPM
        self.fanMinRPM = fanMinRPM
        self.chipNoise = chipNoise
        self.roomNoise = roomNoise
        self.powerNoise = powerNoise
        self.room = room
        self.powerBusVoltage = powerBusVoltage
    }
}

/// The room a board is meant to heat, before the simulator sizes it to a scenario.
public struct RoomTemplate: Sendable, Hashable {
    public var description: String
    public var windowConductance: WattsPerKelvin
    public var airWallConductance: WattsPerKelvin
    public var wallOutsideConductance: WattsPerKelvin
    public var houseConductance: WattsPerKelvin
    public var houseTemperature: Celsius
    public var airCapacity: Double    // J/K
    public var wallCapacity: Double   // J/K

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
}
