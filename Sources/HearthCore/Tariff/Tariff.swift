/// What electricity costs when: one flat price, or time-of-use periods that
/// follow the same in-force rule as `WeeklySchedule` (latest start at or before
/// the moment, wrapping round the week; later period wins a tie).
///
/// Prices may be negative (some dynamic tariffs pay for consumption) but must be finite.
public struct Tariff: Sendable, Hashable, CustomStringConvertible {
    /// Time-of-use periods; empty for a flat tariff.
    public let periods: [TariffPeriod]
    /// The price of a flat tariff; nil for time-of-use.
    public let flatPrice: EnergyPrice?
    private let timeline: WeeklyTimeline

    public init(flat price: EnergyPrice) throws(TariffError) {
        guard price.isFinite else { throw TariffError(field: "flat", problem: "price must be a finite number per kWh") }
        flatPrice = price
        periods = []
        timeline = WeeklyTimeline([])
    }

    public init(periods: [TariffPeriod]) throws(TariffError) {
        guard !periods.isEmpty else {
            throw TariffError(field: "period", problem: "a time-of-use tariff needs at least one period")
        }
        for (i, p) in periods.enumerated() {
            if p.days.isEmpty { throw TariffError(period: i + 1, field: "days", problem: "no days given") }
            if !p.price.isFinite {
                throw TariffError(period: i + 1, field: "price", problem: "must be a finite number per kWh")
            }
        }
        self.periods = periods
        flatPrice = nil
        timeline = WeeklyTimeline(periods.map { ($0.days, $0.start) })
    }

    public var isFlat: Bool { flatPrice != nil }

    /// The price in force at `t`.
    public func price(at t: WeekTime) -> EnergyPrice {
        if let flatPrice { return flatPrice }
        // Non-empty periods always give an entry (wrap-around covers the whole week).
        return timeline.entry(at: t).map { periods[$0].price } ?? .zero
    }

    /// The next moment after `t` when the price actually changes; nil for a flat
    /// tariff or one whose periods all cost the same.
    public func nextChange(after t: WeekTime) -> WeekTime? {
        if isFlat { return nil }
        return timeline.nextChange(after: t) { a, b in periods[a].price != periods[b].price }
    }

    /// Time-weighted mean price over the whole week.
    public var weeklyAveragePrice: EnergyPrice {
        if let flatPrice { return flatPrice }
        let starts = timeline.starts
        var total = 0.0
        for (i, s) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1].second : starts[0].second + WeekTime.week
            total += periods[s.entry].price.value * (end - s.second)
        }
        return EnergyPrice(total / WeekTime.week)
    }

    /// `flat 0.3` or `mon-fri 17:00 0.42; * 00:00 0.18` (same shape as a schedule).
    public var description: String {
        if let flatPrice { return "flat \(shortDecimal(flatPrice.value))" }
        return periods.map { "\($0.days) \($0.start) \(shortDecimal($0.price.value))" }.joined(separator: "; ")
    }
}

extension Tariff: Codable {
    private enum CodingKeys: String, CodingKey { case flat, periods }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            if let flat = try c.decodeIfPresent(EnergyPrice.self, forKey: .flat) {
                self = try Tariff(flat: flat)
            } else {
                self = try Tariff(periods: c.decode([TariffPeriod].self, forKey: .periods))
            }
        } catch let error as TariffError {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let flatPrice { try c.encode(flatPrice, forKey: .flat) } else { try c.encode(periods, forKey: .periods) }
    }
}
