/// Curtailment by price: while electricity costs more than `threshold`, run at
/// most `powerFraction` of the board's maximum power (0 = stop).
public struct PriceCap: Sendable, Hashable {
    public let threshold: EnergyPrice
    /// Fraction of the maximum allowed while the price is above the threshold, in 0...1.
    public let powerFraction: Double

    public init(threshold: EnergyPrice, powerFraction: Double) throws(TariffError) {
        guard threshold.isFinite else {
            throw TariffError(field: "price cap threshold", problem: "must be a finite price per kWh")
        }
        guard powerFraction.isFinite, (0...1).contains(powerFraction) else {
            throw TariffError(field: "price cap fraction",
                              problem: "\(shortDecimal(powerFraction)) is outside 0...1 (0 = stop, 1 = no cap)")
        }
        self.threshold = threshold
        self.powerFraction = powerFraction
    }

    /// Whether the cap applies at `price` (strictly above the threshold).
    public func isActive(price: EnergyPrice) -> Bool { price > threshold }

    /// The power allowed at `t`: `maximum` when the price is at or below the
    /// threshold, `maximum × powerFraction` above it.
    public func powerLimit(at t: WeekTime, tariff: Tariff, maximum: Watts) -> Watts {
        isActive(price: tariff.price(at: t)) ? maximum * powerFraction : maximum
    }
}

/// Decoding runs the same checks as `init`, so a config file can't smuggle in a bad fraction.
extension PriceCap: Codable {
    private enum CodingKeys: String, CodingKey { case threshold, powerFraction }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(threshold: c.decode(EnergyPrice.self, forKey: .threshold),
                          powerFraction: c.decode(Double.self, forKey: .powerFraction))
        } catch let error as TariffError {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(powerFraction, forKey: .powerFraction)
    }
}
