/// How the stock firmware prints a fractional number, by field: `api.c` gives every
/// field a type (`API_MHS` prints `%.2f`, `API_DIFF` `%.8f`, `API_PERCENT` `%.4f`…),
/// and clients such as pyasic read those texts, so Hearth's API prints them the same.
public enum FirmwareNumberFormat {
    /// Digits after the decimal point for a fractional value of `key`.
    public static func fractionDigits(forKey key: String) -> Int {
        if key.hasSuffix("%") { return 4 }                                       // API_PERCENT
        if key.hasPrefix("MHS ") || key.hasPrefix("GHS ") { return 2 }          // API_MHS
        switch key {
        case "Utility", "Work Utility", "Temperature": return 2                  // API_UTILITY, API_TEMP
        case "Total MH": return 4                                                // API_MHTOTAL
        default: break
        }
        if key.contains("Diff") { return 8 }                                     // API_DIFF
        return 6                                                                 // API_DOUBLE, API_TIMEVAL: %f
    }

    /// `x` with exactly `digits` decimals, rounded half away from zero, without
    /// Foundation. The whole and fractional parts are rounded apart so large values
    /// (a network difficulty near 10^14 at 8 decimals) keep their digits.
    public static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let digits = min(max(digits, 0), 15)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let magnitude = abs(x)
        var whole = magnitude.rounded(.towardZero)
        var fraction = ((magnitude - whole) * scale).rounded()
        if fraction >= scale {
            whole += 1
            fraction -= scale
        }
        let negative = x < 0 && (whole != 0 || fraction != 0)
        var text = negative ? "-" : ""
        text += whole < 9.0e18 ? String(Int64(whole)) : wholeDigits(whole)
        if digits > 0 {
            let f = String(Int64(fraction))
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return text
    }

    /// Digits of a whole number too large for Int64, one decimal place at a time.
    private static func wholeDigits(_ whole: Double) -> String {
        var digits: [Character] = []
        var rest = whole
        while rest >= 1, digits.count < 320 {
            let next = (rest / 10).rounded(.towardZero)
            let digit = Int(rest - next * 10)
            digits.append(Character(String(min(max(digit, 0), 9))))
            rest = next
        }
        return digits.isEmpty ? "0" : String(digits.reversed())
    }
}
