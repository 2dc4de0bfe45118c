import HearthBoardFiles
import Foundation
import HearthCore
import Testing
@testable import HearthHAL

@Suite struct TariffFileTests {
    private func parseError(_ text: String) -> TariffFileError? {
        do {
            _ = try TariffFile(parsing: text, file: "t.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func loadsTheExampleFile() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/tariff-tou.toml")
        let file = try TariffFile(parsing: String(contentsOf: url, encoding: .utf8), file: "tariff-tou.toml")
        #expect(file.currency == "EUR")
        #expect(file.tariff.periods.count == 4)
        #expect(file.tariff.price(at: WeekTime(day: 0, hour: 3)) == EnergyPrice(0.19))
        #expect(file.tariff.price(at: WeekTime(day: 1, hour: 18)) == EnergyPrice(0.42))
        #expect(file.tariff.price(at: WeekTime(day: 5, hour: 18)) == EnergyPrice(0.31))
        #expect(file.tariff.price(at: WeekTime(day: 4, hour: 20, minute: 1)) == EnergyPrice(0.31))
    }

    @Test func flatTariffAndIntegerPrice() throws {
        let f = try TariffFile(parsing: "flat = 0.30", file: "f.toml")
        #expect(f.tariff.flatPrice == EnergyPrice(0.30))
        #expect(f.currency == nil)
        let yen = try TariffFile(parsing: "currency = \"JPY\"\nflat = 31", file: "y.toml")
        #expect(yen.tariff.flatPrice == EnergyPrice(31))
    }

    @Test func acceptsTOMLLocalTimeForStart() throws {
        let f = try TariffFile(parsing: "[[period]]\ndays = \"*\"\nstart = 07:30:00\nprice = 0.2", file: "t.toml")
        #expect(f.tariff.periods[0].start == (try TimeOfDay(hour: 7, minute: 30)))
    }

    @Test func badDaysNamesFileLineAndKey() throws {
        let text = """
        currency = "EUR"
        [[period]]
        days = "*"
        start = "00:00"
        price = 0.19

        [[period]]
        start = "17:00"
        days = "mon-fry"
        price = 0.42
        """
        let e = try #require(parseError(text))
        #expect(e.line == 9)
        #expect(e.key == "period 2 key 'days'")
        #expect(e.description.hasPrefix("t.toml:9: period 2 key 'days': "))
        #expect(e.problem.contains("fry"))
    }

    @Test func badStartAndPriceAndMissingKey() throws {
        let start = try #require(parseError("[[period]]\ndays = \"*\"\nstart = \"25:00\"\nprice = 0.2"))
        #expect(start.line == 3 && start.problem.contains("HH:MM"))

        let price = try #require(parseError("[[period]]\ndays = \"*\"\nstart = \"00:00\"\nprice = \"cheap\""))
        #expect(price.line == 4 && price.key == "period 1 key 'price'")

        // Missing key: point at the [[period]] header.
        let missing = try #require(parseError("flat_typo = 1\n"))
        #expect(missing.line == 1 && missing.problem.contains("unknown key"))
        let noPrice = try #require(parseError("currency = \"EUR\"\n[[period]]\ndays = \"*\"\nstart = \"00:00\""))
        #expect(noPrice.line == 2 && noPrice.problem.contains("needs price"))

        let unknown = try #require(parseError("[[period]]\ndays = \"*\"\nstart = \"00:00\"\nprice = 0.2\ncost = 3"))
        #expect(unknown.line == 5 && unknown.key == "period 1 key 'cost'")
    }

    @Test func syntaxErrorsAndConflicts() throws {
        let syntax = try #require(parseError("currency = \"EUR\"\nflat = = 0.3"))
        #expect(syntax.line == 2 && syntax.problem.hasPrefix("TOML syntax"))
        let both = try #require(parseError("flat = 0.3\n[[period]]\ndays = \"*\"\nstart = \"00:00\"\nprice = 0.2"))
        #expect(both.line == 1 && both.problem.contains("not both"))
        let none = try #require(parseError("currency = \"EUR\""))
        #expect(none.problem.contains("no tariff"))
    }
}
