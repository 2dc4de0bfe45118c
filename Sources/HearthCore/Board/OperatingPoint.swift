/// One point of a board's frequency/voltage table with its published (or
/// measured) board-level power and hashrate. Board power includes fan,
/// controller and PSU losses at that point, which is what heats the room.
public struct OperatingPoint: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    public var frequency: Megahertz
    public var voltage: Millivolts
    public var power: Watts
    public var hashrate: HashRate

    public init(name: String, frequency: Megahertz, voltage: Millivolts, power: Watts, hashrate: HashRate) {
        self.name = name
        self.frequency = frequency
        self.voltage = voltage
        self.power = power
        self.hashrate = hashrate
    }

    /// Joules per terahash at this point (lower is better).
    public var joulesPerTerahash: Double { power.value / hashrate.terahashes }

    public var description: String {
        "\(name) \(formatted(frequency.value, decimals: 0)) MHz \(formatted(voltage.value, decimals: 0)) mV \(power) \(hashrate)"
    }
}
