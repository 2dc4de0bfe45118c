/// A physical quantity stored as a `Double` in one fixed SI-style unit.
///
/// Every public API in Hearth passes typed quantities, never bare `Double`s, so a
/// watt can't be handed where a degree is expected. The shared arithmetic lives
/// here once; each unit is a tiny struct that only names its unit.
public protocol Quantity: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The magnitude in this type's unit (°C, W, rpm, MHz, mV, H/s, s, J, dB).
    var value: Double { get }
    init(_ value: Double)
    /// Unit symbol used by `description`.
    static var symbol: String { get }
}

extension Quantity {
    public static var zero: Self { Self(0) }
    public var description: String { "\(formatted(value, decimals: 2)) \(Self.symbol)" }

    public static func + (a: Self, b: Self) -> Self { Self(a.value + b.value) }
    public static func - (a: Self, b: Self) -> Self { Self(a.value - b.value) }
    public static func += (a: inout Self, b: Self) { a = a + b }
    public static func -= (a: inout Self, b: Self) { a = a - b }
    public static prefix func - (a: Self) -> Self { Self(-a.value) }
    public static func * (a: Self, k: Double) -> Self { Self(a.value * k) }
    public static func * (k: Double, a: Self) -> Self { Self(a.value * k) }
    public static func / (a: Self, k: Double) -> Self { Self(a.value / k) }
    /// Dimensionless ratio of two quantities of the same kind.
    public static func / (a: Self, b: Self) -> Double { a.value / b.value }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    public var isFinite: Bool { value.isFinite }
    public func clamped(to range: ClosedRange<Self>) -> Self {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}

extension Double {
    /// For the dimensionless fractions and shares the controllers compute.
    func clamped(to r: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, r.lowerBound), r.upperBound) }
}

/// Quantities decode from and encode to a bare number, so JSON and TOML stay readable.
extension Quantity {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Double.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

/// Fixed-point formatting without Foundation (HearthCore has no I/O dependencies).
public func formatted(_ x: Double, decimals: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    // Past 2^53 there are no fractional digits to fix and Int64 would trap (a client
    // sent 2e98 as a frequency): Swift's own shortest form says it exactly.
    guard abs(x) < 9_007_199_254_740_992 else { return String(x) }
    var scale = 1.0
    for _ in 0..<max(0, decimals) { scale *= 10 }
    let rounded = (abs(x) * scale).rounded()
    let sign = x < 0 && rounded != 0 ? "-" : ""
    let whole = (rounded / scale).rounded(.down)
    var text = sign + String(Int64(whole))
    if decimals > 0 {
        let frac = Int64(rounded - whole * scale)
        var digits = String(frac)
        while digits.count < decimals { digits = "0" + digits }
        text += "." + digits
    }
    return text
}
