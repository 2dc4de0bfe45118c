#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The emulator's few libm needs, with the platform import in one place.
@inline(__always) func avalonExp(_ x: Double) -> Double { exp(x) }
@inline(__always) func avalonCos(_ x: Double) -> Double { cos(x) }

extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
