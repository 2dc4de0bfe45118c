/// A single word of typed-in text (a day list, a time, a temperature) that could
/// not be understood. Callers wrap it with where it came from (entry, file:line).
public struct TokenError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offending text exactly as typed.
    public var token: String
    /// What is wrong and what is allowed instead.
    public var problem: String

    public init(token: String, problem: String) {
        self.token = token
        self.problem = problem
    }

    public var description: String { "\"\(token)\": \(problem)" }
}

/// Shortest decimal text that parses back to the same `Double` ("18", "21.5", "21.11").
/// Used so text forms round-trip exactly.
func shortDecimal(_ x: Double) -> String {
    let text = "\(x)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}

/// Parses a plain decimal like `21.5`, `-3`, `0.42`. Rejects `inf`, `nan`, hex and
/// exponents, which `Double.init?(_:)` would accept but nobody types on purpose.
func parsePlainDecimal(_ text: Substring) -> Double? {
    var digits = 0, dots = 0
    for (i, c) in text.enumerated() {
        if c == "-" || c == "+" {
            if i != 0 { return nil }
        } else if c == "." {
            dots += 1
        } else if c.isASCII && c.isNumber {
            digits += 1
        } else {
            return nil
        }
    }
    guard digits > 0, dots <= 1, let x = Double(String(text)), x.isFinite else { return nil }
    return x
}
