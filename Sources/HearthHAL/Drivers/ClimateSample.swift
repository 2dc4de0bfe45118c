import HearthCore

/// Relative humidity in percent (0…100 %RH).
public struct RelativeHumidity: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "%RH"
}

/// Air pressure in pascals.
public struct Pascals: Quantity {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let symbol = "Pa"
}

/// One conversion of a room climate sensor (SHT3x, SHT4x, BME280): the temperature with
/// the raw bits it was decoded from (20 bits on a BME280, so wider than a register
/// sample), and humidity or pressure when the part measures them.
public struct ClimateSample: Sendable, Hashable {
    public var temperature: Celsius
    public var rawTemperature: UInt32
    public var humidity: RelativeHumidity?
    public var pressure: Pascals?

    public init(temperature: Celsius, rawTemperature: UInt32, humidity: RelativeHumidity? = nil, pressure: Pascals? = nil) {
        self.temperature = temperature
        self.rawTemperature = rawTemperature
        self.humidity = humidity
        self.pressure = pressure
    }

    /// The temperature as the controller reads it: value and raw bits, taken now.
    public var reading: Reading<Celsius> { Reading(temperature, raw: rawTemperature) }
}
