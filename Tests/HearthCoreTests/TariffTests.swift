import Testing
@testable import HearthCore

@Suite struct TariffTests {
    /// Night 0.18 every day 00:00-07:00, day 0.30, weekday peak 0.42 17:00-20:00.
    static func touTariff() throws -> Tariff {
        try Tariff(periods: [
            TariffPeriod(days: .everyDay, start: TimeOfDay(hour: 0), price: EnergyPrice(0.18)),
            TariffPeriod(days: .everyDay, start: TimeOfDay(hour: 7), price: EnergyPrice(0.30)),
            TariffPeriod(days: .workdays, start: TimeOfDay(hour: 17), price: EnergyPrice(0.42)),
            TariffPeriod(days: .workdays, start: TimeOfDay(hour: 20), price: EnergyPrice(0.30)),
        ])
    }

    @Test func flatPriceEverywhere() throws {
        let t = try Tariff(flat: EnergyPrice(0.30))
        #expect(t.price(at: WeekTime(day: 3, hour: 18)) == EnergyPrice(0.30))
        #expect(t.nextChange(after: WeekTime(day: 0, hour: 0)) == nil)
        #expect(t.weeklyAveragePrice == EnergyPrice(0.30))
        #expect(t.description == "flat 0.3")
    }

    @Test func timeOfUsePrices() throws {
        let t = try Self.touTariff()
        #expect(t.price(at: WeekTime(day: 0, hour: 3)) == EnergyPrice(0.18))
        #expect(t.price(at: WeekTime(day: 0, hour: 7)) == EnergyPrice(0.30))
        #expect(t.price(at: WeekTime(day: 2, hour: 17, minute: 30)) == EnergyPrice(0.42))
        #expect(t.price(at: WeekTime(day: 2, hour: 20)) == EnergyPrice(0.30))
        // No peak at the weekend.
        #expect(t.price(at: WeekTime(day: 5, hour: 18)) == EnergyPrice(0.30))
        // Sunday late evening: still day rate until midnight.
        #expect(t.price(at: WeekTime(day: 6, hour: 23, minute: 59)) == EnergyPrice(0.30))
    }

    @Test func nextChangeSkipsSamePriceAndWraps() throws {
        let t = try Self.touTariff()
        #expect(t.nextChange(after: WeekTime(day: 0, hour: 8)) == WeekTime(day: 0, hour: 17))
        #expect(t.nextChange(after: WeekTime(day: 4, hour: 21)) == WeekTime(day: 5, hour: 0))
        // Saturday 07:00 → Sunday 00:00 (night), not a same-price boundary.
        #expect(t.nextChange(after: WeekTime(day: 5, hour: 8)) == WeekTime(day: 6, hour: 0))
        // Sunday 08:00 → Monday 00:00, across the week end.
        #expect(t.nextChange(after: WeekTime(day: 6, hour: 8)) == WeekTime(day: 0, hour: 0))
    }

    @Test func weeklyAverageIsTimeWeighted() throws {
        let t = try Self.touTariff()
        // Per week: 49 h at 0.18, 15 h at 0.42, 104 h at 0.30.
        let expected = (49 * 0.18 + 15 * 0.42 + 104 * 0.30) / 168
        #expect(abs(t.weeklyAveragePrice.value - expected) < 1e-12)
    }

    @Test func rejectsBadTariffs() throws {
        #expect(throws: TariffError.self) { try Tariff(periods: []) }
        #expect(throws: TariffError.self) { try Tariff(flat: EnergyPrice(.infinity)) }
        do {
            _ = try Tariff(periods: [
                TariffPeriod(days: .everyDay, start: TimeOfDay(hour: 0), price: EnergyPrice(0.2)),
                TariffPeriod(days: .everyDay, start: TimeOfDay(hour: 7), price: EnergyPrice(.nan)),
            ])
            Issue.record("NaN price accepted")
        } catch let error as TariffError {
            #expect(error.period == 2 && error.field == "price")
            #expect(error.description.hasPrefix("tariff period 2, price"))
        }
    }
}

@Suite struct PriceCapTests {
    @Test func limitsPowerOnlyAboveThreshold() throws {
        let tariff = try TariffTests.touTariff()
        let cap = try PriceCap(threshold: EnergyPrice(0.30), powerFraction: 0.25)
        let max = Watts(1200)
        #expect(cap.powerLimit(at: WeekTime(day: 1, hour: 18), tariff: tariff, maximum: max) == Watts(300))
        // Exactly at the threshold: not above it, no cap.
        #expect(cap.powerLimit(at: WeekTime(day: 1, hour: 12), tariff: tariff, maximum: max) == max)
        #expect(cap.powerLimit(at: WeekTime(day: 1, hour: 3), tariff: tariff, maximum: max) == max)
        let stop = try PriceCap(threshold: EnergyPrice(0.40), powerFraction: 0)
        #expect(stop.powerLimit(at: WeekTime(day: 1, hour: 18), tariff: tariff, maximum: max) == .zero)
    }

    @Test(arguments: [-0.1, 1.5, Double.nan])
    func rejectsFractionOutsideUnitInterval(_ f: Double) {
        #expect(throws: TariffError.self) { try PriceCap(threshold: EnergyPrice(0.3), powerFraction: f) }
    }
}
