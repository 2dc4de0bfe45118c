import HearthCore
import HearthHAL

/// Fan speed from a tach line: rising edges counted over a short window.
/// Most PC fans give two pulses per revolution.
public final class GPIOEdgeTachometer: Tachometer {
    public let line: LinuxGPIOLine
    public let window: Seconds
    public let pulsesPerRevolution: Int
    public var name: String { line.name }

    /// `line` must be requested with `.input(edges: true)`.
    public init(line: LinuxGPIOLine, window: Seconds = Seconds(0.25), pulsesPerRevolution: Int = 2) {
        self.line = line
        self.window = Seconds(max(0.01, window.value))
        self.pulsesPerRevolution = max(1, pulsesPerRevolution)
    }

    /// Blocks for `window` (bounded): the cost of a tach without a counter chip.
    public func readSpeed() throws(BusError) -> RPM {
        let edges = try line.countRisingEdges(during: window)
        return Self.rpm(risingEdges: edges, window: window, pulsesPerRevolution: pulsesPerRevolution)
    }

    public static func rpm(risingEdges: Int, window: Seconds, pulsesPerRevolution: Int) -> RPM {
        RPM(Double(risingEdges) / Double(pulsesPerRevolution) / window.value * 60)
    }
}
