/// A board could not be put together or brought up; names the device
/// (driver, bus, address, or line) so a person knows what to check.
public struct BoardAssemblyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// "emc2101 on i2c-1 at 0x4c", "gpio asic_enable (gpiochip0 line 17)", …
    public var device: String
    /// What was being done: "open bus", "identify", "configure".
    public var step: String
    public var reason: String

    public init(device: String, step: String, reason: String) {
        self.device = device
        self.step = step
        self.reason = reason
    }

    public var description: String { "\(device): \(step) failed: \(reason)" }
}
