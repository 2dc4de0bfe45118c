import HearthCore

/// `status.economics`: what a kWh of the heater's heat costs right now, from the tariff's
/// current price and `[economics] hashprice`. Each figure is absent when unknown (no
/// hashprice: no revenue; no heat: no per-kWh figure).
public struct StatusEconomics: Sendable, Hashable, Codable {
    /// The tariff's price now, per kWh of electricity (= per kWh of heat: a miner is a resistive heater).
    public var pricePerKWh: Double
    /// Mining revenue per kWh drawn at the current power and hashrate.
    public var miningRevenuePerKWh: Double?
    /// Price less revenue, per kWh of heat (negative: the heater pays for itself).
    public var netCostPerKWhHeat: Double?

    public init(pricePerKWh: Double, miningRevenuePerKWh: Double?, netCostPerKWhHeat: Double?) {
        self.pricePerKWh = pricePerKWh
        self.miningRevenuePerKWh = miningRevenuePerKWh
        self.netCostPerKWhHeat = netCostPerKWhHeat
    }

    /// One hour at the current `power`, `hashrate` and `price` through `HeatEconomics`, so the
    /// status and `hearth simulate` share one definition; nil when the inputs are not usable.
    public init?(power: Watts, hashrate: HashRate, price: EnergyPrice, hashprice: Hashprice?) {
        guard price.isFinite else { return nil }
        var heat: HeatEconomics
        do {
            heat = try HeatEconomics(hashprice: hashprice)
            try heat.record(power: max(power, .zero), hashrate: max(hashrate, .zero), duration: Seconds(3600), price: price)
        } catch {
            return nil
        }
        let summary = heat.summary
        let kWh = summary.kilowattHours
        self.pricePerKWh = price.value
        self.miningRevenuePerKWh = hashprice != nil && kWh > 0 ? summary.miningRevenue.value / kWh : nil
        self.netCostPerKWhHeat = hashprice != nil ? summary.netCostPerKWhHeat?.value : nil
    }

    enum CodingKeys: String, CodingKey {
        case pricePerKWh = "price_per_kwh"
        case miningRevenuePerKWh = "mining_revenue_per_kwh"
        case netCostPerKWhHeat = "net_cost_per_kwh_heat"
    }
}
