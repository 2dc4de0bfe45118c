import HearthCore

/// Where the room sensor hangs.
public enum SensorPlacement: String, Sendable, CaseIterable, Codable {
    /// About a metre beside the heater, at the height of its outlet: it sees part of the warm plume.
    case near
    /// On an internal wall across the room at ~1.5 m, away from the heater and the window.
    case across
}

/// The room thermostat's temperature sensor as installed, between the true room air and
/// the register the controller reads:
///
///     reading = quantise( lag_τ( air + plume(P_heater) ) + offset + noise )
///
/// - lag: a housed wall sensor follows the air through its case and mounting with a time
///   constant of several minutes (τ = 8 min assumed, the order that room-sensor data sheets
///   give in still air; not measured here);
/// - plume: near the heater the sensor's air is warmer than the mixed room by a term
///   proportional to the heater's output: `plumePerKilowatt` (assumed 0.5 K per kW, i.e.
///   0.05 K beside a 100 W Nano, 0.6 K beside a 1.2 kW Avalon Q; not measured — a sensor
///   beside rather than above the outlet sits outside the plume's core and sees the warm
///   recirculation around it). Across the room: none;
/// - offset: calibration error of the installed sensor (fixed per run);
/// - noise: the board's sensor noise, then quantisation to the sensor's resolution.
public struct ThermostatSensor: Sendable {
    public var placement: SensorPlacement
    public var timeConstant: Seconds
    public var offset: Kelvin
    public var noise: Kelvin
    public var resolution: Kelvin
    public var plumePerKilowatt: Kelvin
    /// Lagged temperature at the sensing element.
    public private(set) var element: Celsius?

    public init(placement: SensorPlacement, timeConstant: Seconds = .minutes(8), offset: Kelvin = .zero,
                noise: Kelvin, resolution: Kelvin = Kelvin(0.1), plumePerKilowatt: Kelvin = Kelvin(0.5)) {
        self.placement = placement
        self.timeConstant = timeConstant
        self.offset = offset
        self.noise = noise
        self.resolution = resolution
        self.plumePerKilowatt = plumePerKilowatt
    }

    /// The sensor the simulator used before it modelled installation: the mixed air plus noise.
    public static func ideal(noise: Kelvin) -> ThermostatSensor {
        ThermostatSensor(placement: .across, timeConstant: .zero, noise: noise, resolution: .zero, plumePerKilowatt: .zero)
    }

    /// Air the sensor's surroundings hold: the mixed room, plus the plume when near the heater.
    public func localAir(room: Celsius, heaterPower: Watts) -> Celsius {
        guard placement == .near, heaterPower.value > 0 else { return room }
        return room + Kelvin(plumePerKilowatt.value * heaterPower.value / 1000)
    }

    /// Advance the element by `dt` towards its local air.
    public mutating func advance(_ dt: Seconds, room: Celsius, heaterPower: Watts) {
        let local = localAir(room: room, heaterPower: heaterPower)
        guard let e = element, timeConstant.value > 0 else { element = local; return }
        element = e + (local - e) * (1 - _exp(-dt.value / timeConstant.value))
    }

    /// What the register shows now, given one standard-normal draw for the noise.
    public func reading(room: Celsius, gaussian: Double) -> Celsius {
        let value = (element ?? room).value + offset.value + noise.value * gaussian
        guard resolution.value > 0 else { return Celsius(value) }
        return Celsius((value / resolution.value).rounded() * resolution.value)
    }
}
