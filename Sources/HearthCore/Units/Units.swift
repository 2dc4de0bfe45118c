/// Temperature in degrees Celsius.
public struct Celsius: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "°C"
    public init(fahrenheit: Double) { self.init((fahrenheit - 32) * 5 / 9) }
    public var fahrenheit: Double { value * 9 / 5 + 32 }
}

/// A temperature difference (kelvin), e.g. a thermostat error or a hysteresis band.
public struct Kelvin: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "K"
}

extension Celsius {
    public static func - (a: Celsius, b: Celsius) -> Kelvin { Kelvin(a.value - b.value) }
    public static func + (a: Celsius, d: Kelvin) -> Celsius { Celsius(a.value + d.value) }
    public static func - (a: Celsius, d: Kelvin) -> Celsius { Celsius(a.value - d.value) }
}

/// Electrical or thermal power in watts.
public struct Watts: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "W"
}

/// Energy in joules.
public struct Joules: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "J"
    public init(kilowattHours: Double) { self.init(kilowattHours * 3.6e6) }
    public var kilowattHours: Double { value / 3.6e6 }
}

/// A duration or a point on a monotonic time axis, in seconds.
public struct Seconds: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "s"
    public static func minutes(_ m: Double) -> Seconds { Seconds(m * 60) }
    public static func hours(_ h: Double) -> Seconds { Seconds(h * 3600) }
}

extension Watts {
    public static func * (p: Watts, t: Seconds) -> Joules { Joules(p.value * t.value) }
    /// Heat flow through a conductance: UA × ΔT.
    public init(conductance: WattsPerKelvin, delta: Kelvin) { self.init(conductance.value * delta.value) }
}

/// Thermal conductance (UA) in W/K.
public struct WattsPerKelvin: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "W/K"
}

/// Heat capacity in J/K.
public struct JoulesPerKelvin: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "J/K"
}

/// Fan speed in revolutions per minute.
public struct RPM: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "rpm"
}

/// Clock frequency in megahertz.
public struct Megahertz: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "MHz"
}

/// Voltage in millivolts.
public struct Millivolts: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "mV"
    public var volts: Double { value / 1000 }
}

/// Current in amperes.
public struct Amperes: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "A"
}

/// Hash rate in hashes per second.
public struct HashRate: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "H/s"
    public init(terahashes: Double) { self.init(terahashes * 1e12) }
    public init(gigahashes: Double) { self.init(gigahashes * 1e9) }
    public var terahashes: Double { value / 1e12 }
    public var gigahashes: Double { value / 1e9 }
    public var description: String { "\(formatted(terahashes, decimals: 3)) TH/s" }
}

/// Sound pressure level in dB(A).
public struct Decibels: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "dB(A)"
}

/// A fan duty (or any fraction) in 0...1. Values outside are clamped on creation.
public struct DutyCycle: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value.isNaN ? 1 : Swift.min(1, Swift.max(0, value)) }
    public static let symbol = "%"
    public static func percent(_ p: Double) -> DutyCycle { DutyCycle(p / 100) }
    public static let full = DutyCycle(1)
    public var percent: Double { value * 100 }
    public var description: String { "\(formatted(percent, decimals: 0)) %" }
}

/// An amount of money in the user's currency (the currency itself is a label in settings).
public struct Money: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "¤"
}

/// Electricity price per kilowatt-hour, in the user's currency.
public struct EnergyPrice: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "¤/kWh"
    public static func * (price: EnergyPrice, energy: Joules) -> Money { Money(price.value * energy.kilowattHours) }
}

/// Hashprice: revenue per PH/s per day, in the user's currency.
public struct Hashprice: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "¤/(PH/s·day)"
    /// Revenue earned by `hashrate` sustained for `duration`.
    public func revenue(hashrate: HashRate, duration: Seconds) -> Money {
        Money(value * (hashrate.value / 1e15) * (duration.value / 86_400))
    }
}
