import HearthHAL
import HearthCore
import TOMLKit

/// A tariff described in TOML, e.g. `examples/tariff-tou.toml`:
///
///     currency = "EUR"
///     [[period]]
///     days = "mon-fri"     # same day syntax as the schedule
///     start = "17:00"
///     price = 0.42         # currency per kWh
///
/// or `flat = 0.30` instead of periods. Periods follow the schedule's in-force rule.
/// Reading the file is the caller's job (HAL makes no OS calls); this parses its text.
public struct TariffFile: Sendable, Hashable {
    /// Currency label (e.g. "EUR"); nil when the file doesn't say.
    public var currency: String?
    public var tariff: Tariff

    public init(currency: String?, tariff: Tariff) {
        self.currency = currency
        self.tariff = tariff
    }

    /// Parses TOML `text`; `file` is only used to name the source in errors.
    public init(parsing text: String, file: String) throws(TariffFileError) {
        let locator = TOMLKeyLocator(source: text)
        func fail(_ key: String?, in period: Int? = nil, _ problem: String) -> TariffFileError {
            let table = period.map { "period[\($0)]" }
            let path = [table, key].compactMap { $0 }.joined(separator: ".")
            let line = path.isEmpty ? nil : locator.line(of: path)
            let where_ = period.map { "period \($0 + 1)" + (key.map { " key '\($0)'" } ?? "") } ?? key.map { "key '\($0)'" }
            return TariffFileError(file: file, line: line, key: where_, problem: problem)
        }

        if let bad = TOMLGuard.firstTrap(in: text) {
            throw TariffFileError(file: file, line: bad.line, key: nil, problem: "TOML syntax: \(bad.problem)")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw TariffFileError(file: file, line: error.source.begin.line, key: nil,
                                  problem: "TOML syntax: \(error.description)")
        } catch {
            throw TariffFileError(file: file, line: nil, key: nil, problem: "TOML syntax: \(error)")
        }

        for key in root.keys where !["currency", "flat", "period"].contains(key) {
            throw fail(key, "unknown key; allowed: currency, flat, [[period]]")
        }
        if let value = root["currency"] {
            guard let text = value.string, !text.isEmpty else { throw fail("currency", "expected a non-empty string like \"EUR\"") }
            currency = text
        } else {
            currency = nil
        }

        switch (root["flat"], root["period"]) {
        case (let flat?, nil):
            guard let price = Self.number(flat) else { throw fail("flat", "expected a price per kWh like 0.30") }
            do { tariff = try Tariff(flat: EnergyPrice(price)) } catch { throw fail("flat", error.problem) }
        case (nil, let list?):
            guard let array = list.array, !array.isEmpty else {
                throw fail("period", "expected one or more [[period]] tables")
            }
            var periods: [TariffPeriod] = []
            for (i, element) in array.enumerated() {
                guard let table = element.table else { throw fail(nil, in: i, "expected a table with days, start, price") }
                for key in table.keys where !["days", "start", "price"].contains(key) {
                    throw fail(key, in: i, "unknown key; allowed: days, start, price")
                }
                guard let daysText = table["days"]?.string else {
                    throw fail(table["days"] == nil ? nil : "days", in: i, "needs days = \"mon-fri\" (a string: \(Weekdays.allowedText))")
                }
                let days: Weekdays
                do { days = try Weekdays(parsing: daysText) } catch { throw fail("days", in: i, error.description) }
                let start: TimeOfDay
                if let time = table["start"]?.time {
                    do { start = try TimeOfDay(hour: time.hour, minute: time.minute) } catch { throw fail("start", in: i, error.problem) }
                } else if let startText = table["start"]?.string {
                    do { start = try TimeOfDay(parsing: startText) } catch { throw fail("start", in: i, error.description) }
                } else {
                    throw fail(table["start"] == nil ? nil : "start", in: i, "needs start = \"HH:MM\" (24-hour, like \"17:00\")")
                }
                guard let price = table["price"].flatMap(Self.number) else {
                    throw fail(table["price"] == nil ? nil : "price", in: i, "needs price = a number per kWh like 0.42")
                }
                periods.append(TariffPeriod(days: days, start: start, price: EnergyPrice(price)))
            }
            do {
                tariff = try Tariff(periods: periods)
            } catch {
                throw fail(error.field, in: error.period.map { $0 - 1 }, error.problem)
            }
        case (.some, .some):
            throw fail("flat", "give either flat = price or [[period]] tables, not both")
        case (nil, nil):
            throw TariffFileError(file: file, line: nil, key: nil,
                                  problem: "no tariff: add flat = 0.30 or one or more [[period]] tables")
        }
    }

    /// Integers are fine too (`price = 1` in a currency with large units).
    private static func number(_ value: any TOMLValueConvertible) -> Double? {
        value.double ?? value.int.map(Double.init)
    }
}

/// A tariff file problem, printed as `file:line: where: problem`.
public struct TariffFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when it could be found.
    public var line: Int?
    /// Which key, e.g. `period 2 key 'price'`; nil for whole-file problems.
    public var key: String?
    public var problem: String

    public init(file: String, line: Int?, key: String?, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    public var description: String {
        TOMLGuard.oneLine(file + (line.map { ":\($0)" } ?? "") + ": " + (key.map { "\($0): " } ?? "") + problem)
    }
}
