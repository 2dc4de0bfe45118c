import HearthCore

/// `[simulation.*]`: what the simulator needs to fake this board's silicon.
/// Ratios without a unit (PSU efficiency, hashes per clock) stay `Double`.
public struct SimulationParameters: Sendable, Hashable {
    public var chip: Chip
    public var power: Power
    public var thermal: Thermal
    public var fan: Fan
    public var sensors: Sensors
    /// The room this board is meant to heat; the simulator sizes it per scenario.
    public var room: Room

    public init(chip: Chip, power: Power, thermal: Thermal, fan: Fan, sensors: Sensors, room: Room) {
        self.chip = chip
        self.power = power
        self.thermal = thermal
        self.fan = fan
        self.sensors = sensors
        self.room = room
    }

    /// Per chip: P = k·f·V² + I_leak(T)·V.
    public struct Chip: Sendable, Hashable {
        /// Hashes per clock cycle: hashrate per chip = this × f[MHz] × 1e6.
        public var hashesPerClock: Double
        /// k in W per (MHz·V²).
        public var switchingCoefficient: SwitchingCoefficient
        public var leakageAt25C: Amperes
        /// I_leak doubles every this many kelvin.
        public var leakageDoubling: Kelvin
        /// Minimum stable voltage = base + perMHz × f.
        public var stableVoltageBase: Millivolts
        public var stableVoltagePerMHz: MillivoltsPerMegahertz
        /// Chip temperature above which hardware errors start to rise.
        public var errorOnset: Celsius

        public init(hashesPerClock: Double, switchingCoefficient: SwitchingCoefficient, leakageAt25C: Amperes,
                    leakageDoubling: Kelvin, stableVoltageBase: Millivolts,
                    stableVoltagePerMHz: MillivoltsPerMegahertz, errorOnset: Celsius) {
            self.hashesPerClock = hashesPerClock
            self.switchingCoefficient = switchingCoefficient
            self.leakageAt25C = leakageAt25C
            self.leakageDoubling = leakageDoubling
            self.stableVoltageBase = stableVoltageBase
            self.stableVoltagePerMHz = stableVoltagePerMHz
            self.errorOnset = errorOnset
        }
    }

    public struct Power: Sendable, Hashable {
        /// Controller, LEDs, aux rails.
        public var fixed: Watts
        /// 0 < x ≤ 1; 1 for boards fed from an external supply.
        public var psuEfficiency: Double
        /// Supply rail a power monitor sits on.
        public var busVoltage: Millivolts

        public init(fixed: Watts, psuEfficiency: Double, busVoltage: Millivolts) {
            self.fixed = fixed
            self.psuEfficiency = psuEfficiency
            self.busVoltage = busVoltage
        }
    }

    public struct Thermal: Sendable, Hashable {
        public var resistanceAtMaxRPM: ThermalResistance
        public var resistanceNatural: ThermalResistance
        public var timeConstant: Seconds

        public init(resistanceAtMaxRPM: ThermalResistance, resistanceNatural: ThermalResistance, timeConstant: Seconds) {
            self.resistanceAtMaxRPM = resistanceAtMaxRPM
            self.resistanceNatural = resistanceNatural
            self.timeConstant = timeConstant
        }
    }

    public struct Fan: Sendable, Hashable {
        /// Electrical power at full speed; scales with rpm³.
        public var maxPower: Watts
        public var timeConstant: Seconds
        public var noiseAtMax: Decibels
        /// Speed at the lowest duty that spins the fan.
        public var minRPM: RPM

        public init(maxPower: Watts, timeConstant: Seconds, noiseAtMax: Decibels, minRPM: RPM) {
            self.maxPower = maxPower
            self.timeConstant = timeConstant
            self.noiseAtMax = noiseAtMax
            self.minRPM = minRPM
        }
    }

    /// Standard deviations of sensor noise.
    public struct Sensors: Sendable, Hashable {
        public var chipNoise: Kelvin
        public var roomNoise: Kelvin
        public var powerNoise: Watts

        public init(chipNoise: Kelvin, roomNoise: Kelvin, powerNoise: Watts) {
            self.chipNoise = chipNoise
            self.roomNoise = roomNoise
            self.powerNoise = powerNoise
        }
    }
}

extension SimulationParameters {
    /// `[simulation.room]`: a two-node room (air with furniture, exterior walls),
    /// optionally coupled to the rest of a heated house.
    public struct Room: Sendable, Hashable {
        public var description: String
        public var houseTemperature: Celsius
        public var houseConductance: WattsPerKelvin
        /// Air → outdoors directly (windows, infiltration).
        public var windowConductance: WattsPerKelvin
        public var airWallConductance: WattsPerKelvin
        public var wallOutsideConductance: WattsPerKelvin
        public var airCapacity: JoulesPerKelvin
        public var wallCapacity: JoulesPerKelvin

        public init(description: String, houseTemperature: Celsius, houseConductance: WattsPerKelvin,
                    windowConductance: WattsPerKelvin, airWallConductance: WattsPerKelvin,
                    wallOutsideConductance: WattsPerKelvin, airCapacity: JoulesPerKelvin, wallCapacity: JoulesPerKelvin) {
            self.description = description
            self.houseTemperature = houseTemperature
            self.houseConductance = houseConductance
            self.windowConductance = windowConductance
            self.airWallConductance = airWallConductance
            self.wallOutsideConductance = wallOutsideConductance
            self.airCapacity = airCapacity
            self.wallCapacity = wallCapacity
        }
    }
}

/// Thermal resistance in K/W (heatsink: chip above inlet per watt).
public struct ThermalResistance: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "K/W"
}

/// Dynamic-power coefficient k in W/(MHz·V²).
public struct SwitchingCoefficient: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "W/(MHz·V²)"
}

/// Slope of the stable-voltage line in mV per MHz.
public struct MillivoltsPerMegahertz: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "mV/MHz"
}
