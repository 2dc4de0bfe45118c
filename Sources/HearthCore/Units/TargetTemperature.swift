/// The one check for a room target a person typed or sent: the CLI (`--target`,
/// `hearth set target`), the API (`PATCH /v1/settings`), the config file
/// (`target = …`) and every schedule entry use it, so each accepts the same values
/// and refuses with the same words. Callers only add where the value came from.
public enum TargetTemperature {
    /// Targets a room heater can sensibly hold. Below is frost protection (the house's
    /// job, not a miner's); above is almost surely a typo or Fahrenheit without the F.
    public static let range = Celsius(5)...Celsius(30)

    /// Parses `21.5`, `21.5C`, `21.5°C` or `70F` and checks the range.
    public static func parse(_ text: String) throws(TargetTemperatureError) -> Celsius {
        let t: Celsius
        do { t = try Celsius(parsing: text) } catch {
            throw TargetTemperatureError(text: text, problem: error.problem)
        }
        let fahrenheit = text.last == "F" || text.last == "f"
        return try check(t, text: text, fahrenheitGiven: fahrenheit)
    }

    /// Checks a target already in °C (a JSON or TOML number).
    public static func validate(_ t: Celsius) throws(TargetTemperatureError) -> Celsius {
        try check(t, text: t.typedText, fahrenheitGiven: false)
    }

    private static func check(_ t: Celsius, text: String, fahrenheitGiven: Bool) throws(TargetTemperatureError) -> Celsius {
        guard t.isFinite, range.contains(t) else {
            // A number above the range is most often Fahrenheit typed without its unit.
            let hint = t > range.upperBound && !fahrenheitGiven ? " (Fahrenheit needs an F, like 70F)" : ""
            throw TargetTemperatureError(text: text,
                                         problem: "\(t.typedText) °C is out of range; allowed: \(range.lowerBound.typedText)…\(range.upperBound.typedText) °C\(hint)")
        }
        return t
    }
}

/// A target that was not a temperature or is out of `TargetTemperature.range`.
/// `problem` is the same text on every path; callers prefix where it came from
/// (`--target`, `field 'target'`, `file:line: key 'control.target'`, a schedule entry).
public struct TargetTemperatureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The value as given (`"45"`, `"100F"`).
    public var text: String
    /// What is wrong and what is allowed.
    public var problem: String

    public init(text: String, problem: String) {
        self.text = text
        self.problem = problem
    }

    public var description: String { "target '\(text)': \(problem)" }
}
