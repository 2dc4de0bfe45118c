extension Celsius {
    /// Parses a typed temperature: `21.5`, `21.5C`, `21.5°C` (Celsius) or `70F`, `70°F`.
    /// Fahrenheit is converted and rounded to 0.01 °C so the Celsius text form
    /// round-trips exactly; thermostats act on far coarser steps.
    public init(parsing text: String) throws(TokenError) {
        var body = Substring(text)
        var fahrenheit = false
        if let last = body.last, "cCfF".contains(last) {
            fahrenheit = last == "f" || last == "F"
            body = body.dropLast()
            if body.last == "°" { body = body.dropLast() }
        }
        guard let number = parsePlainDecimal(body) else {
            throw TokenError(token: text, problem: "expected a temperature like 21.5, 21.5C or 70F")
        }
        if fahrenheit {
            self.init((Celsius(fahrenheit: number).value * 100).rounded() / 100)
        } else {
            self.init(number)
        }
    }

    /// Shortest Celsius text that parses back to the same value (`21.5`, `18`).
    public var typedText: String { shortDecimal(value) }
}
