/// Accumulates what heating by mining costs and earns, one interval at a time
/// (typically each control tick), for comparison with resistive and heat-pump heat.
public struct HeatEconomics: Sendable, Hashable, Codable {
    /// Revenue per PH/s per day; nil = revenue not counted.
    public let hashprice: Hashprice?
    /// Coefficient of performance of the heat pump we compare against.
    public let heatPumpCOP: Double

    public private(set) var duration: Seconds = .zero
    public private(set) var energy: Joules = .zero
    public private(set) var hashes: Double = 0
    public private(set) var electricityCost: Money = .zero
    public private(set) var miningRevenue: Money = .zero

    public init(hashprice: Hashprice? = nil, heatPumpCOP: Double = 3.0) throws(EconomicsError) {
        if let hashprice, !hashprice.isFinite {
            throw EconomicsError(field: "hashprice", problem: "must be a finite number")
        }
        guard heatPumpCOP.isFinite, heatPumpCOP > 0 else {
            throw EconomicsError(field: "heatPumpCOP", problem: "\(shortDecimal(heatPumpCOP)) must be a number above 0 (typically 2-5)")
        }
        self.hashprice = hashprice
        self.heatPumpCOP = heatPumpCOP
    }

    /// Adds an interval of `duration` at constant `power`, `hashrate` and `price`.
    /// Rejects non-finite or negative power, hashrate and duration, and non-finite price.
    public mutating func record(power: Watts, hashrate: HashRate, duration: Seconds, price: EnergyPrice) throws(EconomicsError) {
        guard power.isFinite, power >= .zero else { throw EconomicsError(field: "power", problem: "\(power) must be finite and not negative") }
        guard hashrate.isFinite, hashrate >= .zero else {
            throw EconomicsError(field: "hashrate", problem: "\(hashrate) must be finite and not negative")
        }
        guard duration.isFinite, duration >= .zero else {
            throw EconomicsError(field: "duration", problem: "\(duration) must be finite and not negative")
        }
        guard price.isFinite else { throw EconomicsError(field: "price", problem: "must be a finite price per kWh") }

        let e = power * duration
        self.duration += duration
        energy += e
        hashes += hashrate.value * duration.value
        electricityCost += price * e
        if let hashprice { miningRevenue += hashprice.revenue(hashrate: hashrate, duration: duration) }
    }

    public var summary: HeatEconomicsSummary {
        HeatEconomicsSummary(duration: duration, energy: energy, hashes: hashes, electricityCost: electricityCost,
                             miningRevenue: miningRevenue, heatPumpCOP: heatPumpCOP, hashprice: hashprice)
    }
}

/// A bad input to `HeatEconomics`, naming the field.
public struct EconomicsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var problem: String
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }
    public var description: String { "heat economics \(field): \(problem)" }
}
