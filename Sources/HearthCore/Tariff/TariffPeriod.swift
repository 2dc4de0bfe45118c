/// One time-of-use period: from `start` on each of `days`, energy costs `price`
/// until the next period starts.
public struct TariffPeriod: Sendable, Hashable, Codable {
    public var days: Weekdays
    public var start: TimeOfDay
    public var price: EnergyPrice

    public init(days: Weekdays, start: TimeOfDay, price: EnergyPrice) {
        self.days = days
        self.start = start
        self.price = price
    }
}

/// Why a tariff or price cap was rejected.
public struct TariffError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based period number, or nil when the problem is not in one period.
    public var period: Int?
    /// The field at fault (`price`, `days`, `flat`, `fraction`, …).
    public var field: String
    public var problem: String

    public init(period: Int? = nil, field: String, problem: String) {
        self.period = period
        self.field = field
        self.problem = problem
    }

    public var description: String {
        (period.map { "tariff period \($0), " } ?? "") + "\(field): \(problem)"
    }
}
