import Testing
@testable import HearthCore

/// The one target check every path uses (CLI, API, config file, schedule).
@Suite struct TargetTemperatureTests {
    func problem(_ text: String) -> String? {
        do { _ = try TargetTemperature.parse(text); return nil } catch { return error.problem }
    }

    @Test func acceptsUnitsInsideTheRange() throws {
        #expect(try TargetTemperature.parse("21.5") == Celsius(21.5))
        #expect(try TargetTemperature.parse("21.5C") == Celsius(21.5))
        #expect(try TargetTemperature.parse("21.5°C") == Celsius(21.5))
        #expect(try TargetTemperature.parse("70F") == Celsius(21.11))
        #expect(try TargetTemperature.parse("5") == Celsius(5))
        #expect(try TargetTemperature.parse("30") == Celsius(30))
        #expect(ControlSettings.targetRange == TargetTemperature.range)
    }

    @Test func refusesWithOneMessage() {
        #expect(problem("45") == "45 °C is out of range; allowed: 5…30 °C (Fahrenheit needs an F, like 70F)")
        #expect(problem("4.5") == "4.5 °C is out of range; allowed: 5…30 °C")
        // Fahrenheit given: no hint to add an F.
        #expect(problem("100F") == "37.78 °C is out of range; allowed: 5…30 °C")
        #expect(problem("warm") == "expected a temperature like 21.5, 21.5C or 70F")
        // A number already in °C gets the same words as the same text.
        do { _ = try TargetTemperature.validate(Celsius(45)); Issue.record("45 °C accepted") } catch {
            #expect(error.problem == problem("45"))
            #expect(error.description == "target '45': \(error.problem)")
        }
        #expect(throws: TargetTemperatureError.self) { try TargetTemperature.validate(Celsius(.nan)) }
        #expect(throws: TargetTemperatureError.self) { try TargetTemperature.validate(Celsius(.infinity)) }
    }
}
