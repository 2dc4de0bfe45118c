import HearthCore

/// Everything the simulator needs to know about a board's physics, gathered
/// from the `[simulation.*]` tables of its board file.
public struct HeaterPhysicsParameters: Sendable, Hashable {
    public var chip: ChipModel
    public var cooling: CoolingModel
    /// Controller, LEDs, auxiliary rails.
    public var fixedPower: Watts
    public var psuEfficiency: Double
    /// Rail the power monitor measures.
    public var busVoltage: Millivolts
    public var chipSensorNoise: Kelvin
    public var roomSensorNoise: Kelvin
    public var powerSensorNoise: Watts
    /// The room this board is sized for, before per-scenario scaling.
    public var room: RoomParameters

    public init(chip: ChipModel, cooling: CoolingModel, fixedPower: Watts, psuEfficiency: Double, busVoltage: Millivolts,
                chipSensorNoise: Kelvin, roomSensorNoise: Kelvin, powerSensorNoise: Watts, room: RoomParameters) {
        self.chip = chip
        self.cooling = cooling
        self.fixedPower = fixedPower
        self.psuEfficiency = psuEfficiency
        self.busVoltage = busVoltage
        self.chipSensorNoise = chipSensorNoise
        self.roomSensorNoise = roomSensorNoise
        self.powerSensorNoise = powerSensorNoise
        self.room = room
    }

    /// Wall power for a chip power and fan speed.
    public func wallPower(chips: Watts, rpm: RPM) -> Watts {
        (chips + cooling.fanPower(rpm: rpm)) / psuEfficiency + fixedPower
    }

    /// Steady state at an operating point with inlet air at `inlet` and the fan holding the
    /// chips at `chipTarget` (or at full speed when it can't): the physics' own view of a point.
    public func steadyState(at p: OperatingPoint, inlet: Celsius, chipTarget: Celsius)
        -> (wall: Watts, hashrate: HashRate, chip: Celsius, rpm: RPM) {
        var chipT = chipTarget
        var rpm = cooling.maximumRPM
        var chips = Watts.zero
        for _ in 0..<50 {   // fixed point: leakage depends on temperature, temperature on power
            chips = chip.power(frequency: p.frequency, voltage: p.voltage, temperature: chipT)
            rpm = cooling.rpmToHold(chip: chipTarget, inlet: inlet, power: chips)
            if rpm < cooling.minimumRPM { rpm = cooling.minimumRPM }
            chipT = inlet + Kelvin(chips.value * cooling.resistance(rpm: rpm))
        }
        return (wallPower(chips: chips, rpm: rpm),
                chip.hashrate(frequency: p.frequency, voltage: p.voltage, temperature: chipT), chipT, rpm)
    }
}

/// The physical state of one heater-miner and its room, advanced in fixed steps.
public struct HeaterPhysics: Sendable {
    public let parameters: HeaterPhysicsParameters
    public var room: RoomParameters
    public var roomState: RoomState
    public var chipTemperature: Celsius
    public var fanRPM: RPM = .zero
    public var fanStalled = false
    /// Fault: the air path is blocked; the rotor turns but the heatsink gets natural convection only.
    public var airflowBlocked = false
    public private(set) var thermalShutdown = false
    static let siliconShutdown = Celsius(125)

    public init(parameters: HeaterPhysicsParameters, room: RoomParameters, roomState: RoomState) {
        self.parameters = parameters
        self.room = room
        self.roomState = roomState
        self.chipTemperature = roomState.air
    }

    public struct Step: Sendable {
        public var wallPower: Watts
        public var chipPower: Watts
        public var hashrate: HashRate
        public var noise: Decibels
    }

    /// Advance by `dt` with the chips at `point` (nil: off) and the fan at `duty`.
    public mutating func step(_ dt: Seconds, point: OperatingPoint?, duty: DutyCycle, outdoor: Celsius,
                              gains: Watts, extraWindow: WattsPerKelvin) -> Step {
        let cooling = parameters.cooling
        // Fan: first-order lag; a locked rotor stops within about a second.
        let targetRPM = fanStalled ? RPM.zero : cooling.steadyRPM(duty: duty)
        let tau = fanStalled ? 0.3 : cooling.fanTimeConstant.value
        fanRPM += (targetRPM - fanRPM) * (1 - _exp(-dt.value / tau))

        var chips = Watts.zero, hashrate = HashRate.zero
        // Silicon's own last line of defence: hash chips stop above ~125 °C (thermal
        // shutdown), whatever the controller does. Hearth must never get here.
        if chipTemperature > Self.siliconShutdown { thermalShutdown = true }
        if thermalShutdown && chipTemperature < Self.siliconShutdown - Kelvin(25) { thermalShutdown = false }
        if let p = point, !thermalShutdown {
            chips = parameters.chip.power(frequency: p.frequency, voltage: p.voltage, temperature: chipTemperature)
            hashrate = parameters.chip.hashrate(frequency: p.frequency, voltage: p.voltage, temperature: chipTemperature)
        }
        // Heatsink: a thermal mass C between the chips and the inlet air through R(airflow),
        // C dT/dt = P − (T − T_in)/R. C comes from the time constant at full airflow, so a
        // stopped fan (high R) makes the heatsink both hotter and slower, as real ones are.
        let r = airflowBlocked ? cooling.resistanceNatural : cooling.resistance(rpm: fanRPM)
        let thermalTau = cooling.heatsinkCapacity * r
        let steady = roomState.air + Kelvin(chips.value * r)
        chipTemperature += (steady - chipTemperature) * (1 - _exp(-dt.value / thermalTau))

        // Every electrical watt ends up as heat in the room.
        let wall = parameters.wallPower(chips: chips, rpm: fanRPM)
        roomState.step(dt, room: room, heat: wall, gains: gains, outdoor: outdoor, extraWindow: extraWindow)
        return Step(wallPower: wall, chipPower: chips, hashrate: hashrate, noise: cooling.noise(rpm: fanRPM))
    }
}

extension Celsius {
    static func += (a: inout Celsius, d: Kelvin) { a = a + d }
}
