/// Totals of a run of heating-by-mining and what each kWh of heat cost.
///
/// Every electrical watt ends up as heat in the room, so heat energy equals
/// electrical energy. Per-kWh figures are nil when no energy was used.
public struct HeatEconomicsSummary: Sendable, Hashable, Codable {
    /// Time covered by the records.
    public var duration: Seconds
    /// Electrical energy drawn = heat delivered.
    public var energy: Joules
    /// `energy` in kWh, stored so JSON reports read naturally.
    public var kilowattHours: Double
    /// Total hashes computed (hashrate × time).
    public var hashes: Double
    public var electricityCost: Money
    /// Zero when no hashprice was configured.
    public var miningRevenue: Money
    /// Electricity cost minus mining revenue (negative = the heater paid for itself).
    public var netCost: Money
    /// Net cost per kWh of heat.
    public var netCostPerKWhHeat: EnergyPrice?
    /// What a resistive heater would have cost per kWh for the same heat at the same
    /// times: the time-of-use-weighted electricity price.
    public var resistiveCostPerKWhHeat: EnergyPrice?
    /// A heat pump with `heatPumpCOP` for the same heat at the same times.
    public var heatPumpCostPerKWhHeat: EnergyPrice?
    public var hashesPerKWh: Double?
    public var heatPumpCOP: Double
    public var hashprice: Hashprice?

    public init(duration: Seconds, energy: Joules, hashes: Double, electricityCost: Money,
                miningRevenue: Money, heatPumpCOP: Double, hashprice: Hashprice?) {
        self.duration = duration
        self.energy = energy
        self.kilowattHours = energy.kilowattHours
        self.hashes = hashes
        self.electricityCost = electricityCost
        self.miningRevenue = miningRevenue
        self.netCost = electricityCost - miningRevenue
        self.heatPumpCOP = heatPumpCOP
        self.hashprice = hashprice
        let kWh = energy.kilowattHours
        // No energy, no heat: per-kWh figures are undefined, not zero.
        if kWh > 0 {
            netCostPerKWhHeat = EnergyPrice(netCost.value / kWh)
            let resistive = EnergyPrice(electricityCost.value / kWh)
            resistiveCostPerKWhHeat = resistive
            heatPumpCostPerKWhHeat = resistive / heatPumpCOP
            hashesPerKWh = hashes / kWh
        } else {
            netCostPerKWhHeat = nil
            resistiveCostPerKWhHeat = nil
            heatPumpCostPerKWhHeat = nil
            hashesPerKWh = nil
        }
    }
}
