import Foundation
import HearthCore
import HearthSupport
import Logging
import Testing
@testable import HearthDaemon

/// `status.economics` and `[economics] hashprice`: figures checked against the hashprice
/// definition worked by hand (revenue = hashprice × PH/s × days), not against HeatEconomics.
@Suite struct StatusEconomicsTests {
    /// 100 W at 5 TH/s for an hour at 0.30/kWh, hashprice 45 per PH/s per day:
    /// revenue 45 × 0.005 × 1/24 = 0.009375 for 0.1 kWh → 0.09375/kWh; net 0.20625/kWh.
    @Test func netCostIsThePriceLessTheRevenuePerKWh() throws {
        let e = try #require(StatusEconomics(power: Watts(100), hashrate: HashRate(5e12), price: EnergyPrice(0.30),
                                             hashprice: Hashprice(45)))
        #expect(abs(e.pricePerKWh - 0.30) < 1e-12)
        #expect(abs((e.miningRevenuePerKWh ?? 0) - 0.09375) < 1e-9)
        #expect(abs((e.netCostPerKWhHeat ?? 0) - 0.20625) < 1e-9)
    }

    @Test func unknownFiguresAreAbsent() throws {
        // No hashprice: the price is known, the revenue and the net cost are not.
        let noHashprice = try #require(StatusEconomics(power: Watts(100), hashrate: HashRate(5e12), price: EnergyPrice(0.3),
                                                       hashprice: nil))
        #expect(noHashprice.miningRevenuePerKWh == nil && noHashprice.netCostPerKWhHeat == nil)
        // No power: no heat, so nothing per kWh of heat.
        let idle = try #require(StatusEconomics(power: .zero, hashrate: .zero, price: EnergyPrice(0.3), hashprice: Hashprice(45)))
        #expect(idle.netCostPerKWhHeat == nil && idle.miningRevenuePerKWh == nil && idle.pricePerKWh == 0.3)
        let json = String(decoding: try JSONEncoder().encode(idle), as: UTF8.self)
        #expect(json == #"{"price_per_kwh":0.3}"#)
    }

    @Test func theConfigTakesAHashpriceAndNamesABadOne() throws {
        #expect(try DaemonConfig(parsing: "[economics]\nhashprice = 45\n", file: "h.toml").hashprice == Hashprice(45))
        #expect(try DaemonConfig(parsing: "", file: "h.toml").hashprice == nil)
        do {
            _ = try DaemonConfig(parsing: "board = \"x\"\n[economics]\nhashprice = -3\n", file: "h.toml")
            Issue.record("a negative hashprice was accepted")
        } catch {
            #expect(error.line == 3 && error.key == "economics.hashprice", "\(error)")
        }
    }

    @Test func theDaemonsStatusCarriesTheVersionAndTheEconomics() async throws {
        // Mine mode: the heater hashes whatever the room, so the status has heat to price.
        let rig = try ServiceTests.Rig(settings: DaemonSettings(mode: .mine))
        defer { rig.cleanUp() }
        let notify = SDNotify(environment: [:])
        let service = ControlService(loop: rig.loop, plant: rig.plant, state: rig.state, metrics: rig.metrics, notify: notify,
                                     readiness: Readiness(listeners: 0, notify: notify, status: "test"),
                                     timing: .init(tick: 1, speed: 100_000, hours: 0.05),
                                     tariff: try Tariff(flat: EnergyPrice(0.25)), hashprice: Hashprice(45),
                                     logger: Logger(label: "test.control"))
        try await service.run()
        let status = try #require(rig.state.status)
        #expect(status.version == HearthVersion.current)
        let economics = try #require(status.economics)
        #expect(economics.pricePerKWh == 0.25)
        let power = try #require(status.power)
        try #require(status.hashing && power > 0 && status.hashrate > 0, "mine mode hashes")
        let revenue = 45 * (status.hashrate / 1e15) / 24 / (power / 1000)
        #expect(abs((economics.miningRevenuePerKWh ?? 0) - revenue) < 1e-9)
        #expect(abs((economics.netCostPerKWhHeat ?? 0) - (0.25 - revenue)) < 1e-9)
    }
}
