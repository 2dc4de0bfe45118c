import Testing
@testable import HearthCore

@Suite struct HeatEconomicsTests {
    @Test func flatPriceHandComputed() throws {
        // 500 W, 10 TH/s, 2 h at 0.30/kWh; hashprice 50 per PH/s per day.
        var econ = try HeatEconomics(hashprice: Hashprice(50), heatPumpCOP: 3)
        try econ.record(power: Watts(500), hashrate: HashRate(terahashes: 10), duration: .hours(2), price: EnergyPrice(0.30))
        let s = econ.summary
        #expect(s.energy == Joules(3_600_000))                 // 1 kWh
        #expect(s.kilowattHours == 1)
        #expect(s.hashes == 10e12 * 7200)                      // 7.2e16
        #expect(abs(s.electricityCost.value - 0.30) < 1e-12)
        // 50 × 0.01 PH/s × (2/24) day = 0.041666…
        #expect(abs(s.miningRevenue.value - 50 * 0.01 / 12) < 1e-12)
        #expect(abs(s.netCost.value - (0.30 - 0.5 / 12)) < 1e-12)
        #expect(abs((s.netCostPerKWhHeat?.value ?? .nan) - (0.30 - 0.5 / 12)) < 1e-12)
        #expect(abs((s.resistiveCostPerKWhHeat?.value ?? .nan) - 0.30) < 1e-12)
        #expect(abs((s.heatPumpCostPerKWhHeat?.value ?? .nan) - 0.10) < 1e-12)
        #expect(s.hashesPerKWh == 7.2e16)
    }

    @Test func timeOfUseWeightsPriceByEnergy() throws {
        // 1 kW for 3 h at night (0.18), 0.5 kW for 2 h at peak (0.42): 4 kWh total.
        var econ = try HeatEconomics(heatPumpCOP: 4)
        try econ.record(power: Watts(1000), hashrate: HashRate(terahashes: 20), duration: .hours(3), price: EnergyPrice(0.18))
        try econ.record(power: Watts(500), hashrate: HashRate(terahashes: 10), duration: .hours(2), price: EnergyPrice(0.42))
        let s = econ.summary
        #expect(abs(s.kilowattHours - 4) < 1e-12)
        // Cost 3 × 0.18 + 1 × 0.42 = 0.96, i.e. 0.24/kWh: not the 0.30 time average.
        #expect(abs(s.electricityCost.value - 0.96) < 1e-12)
        let resistive = try #require(s.resistiveCostPerKWhHeat)
        #expect(abs(resistive.value - 0.24) < 1e-12)
        #expect(abs(resistive.value - (0.18 + 0.42) / 2) > 0.05)
        #expect(abs((s.heatPumpCostPerKWhHeat?.value ?? .nan) - 0.06) < 1e-12)
        // No hashprice: no revenue, net = cost.
        #expect(s.miningRevenue == .zero)
        #expect(s.netCost == s.electricityCost)
        #expect(s.duration == .hours(5))
        #expect(s.hashes == 20e12 * 10_800 + 10e12 * 7200)
    }

    @Test func zeroEnergyGivesNilPerKWhFigures() throws {
        var econ = try HeatEconomics(hashprice: Hashprice(50))
        try econ.record(power: .zero, hashrate: .zero, duration: .hours(1), price: EnergyPrice(0.3))
        let s = econ.summary
        #expect(s.energy == .zero)
        #expect(s.netCostPerKWhHeat == nil)
        #expect(s.resistiveCostPerKWhHeat == nil)
        #expect(s.heatPumpCostPerKWhHeat == nil)
        #expect(s.hashesPerKWh == nil)
        #expect(s.netCost == .zero)
    }

    @Test func rejectsBadInputNamingTheField() throws {
        #expect(throws: EconomicsError.self) { try HeatEconomics(heatPumpCOP: 0) }
        var econ = try HeatEconomics()
        do {
            try econ.record(power: Watts(-5), hashrate: .zero, duration: .hours(1), price: EnergyPrice(0.3))
            Issue.record("negative power accepted")
        } catch {
            #expect(error.field == "power")
        }
        #expect(throws: EconomicsError.self) {
            try econ.record(power: Watts(5), hashrate: .zero, duration: Seconds(.nan), price: EnergyPrice(0.3))
        }
        // Rejected records leave the totals untouched.
        #expect(econ.summary.duration == .zero)
    }
}
