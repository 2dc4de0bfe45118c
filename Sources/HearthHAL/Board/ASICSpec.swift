/// `[asic]`: the hash chips on the board's UART, for the BM13xx driver.
public struct ASICSpec: Sendable, Hashable {
    /// BM13xx model ("BM1366", "BM1368", "BM1370").
    public var model: BM13xxChipModel
    public var count: Int
    /// Switch the chain to 1 Mbaud after bring-up (when the port can follow).
    public var fastBaud: Bool
    /// The chips' serial port ("/dev/ttyS0" on a PiAxe).
    public var port: String
    /// Pulse the board's `asic_reset` line before enumerating (nil: no reset line is used).
    public var reset: GPIOSpec?
    /// 1 on hardware. Below 1 only for Hearth's virtual chain behind a pseudo-terminal
    /// (`hearth internal serve-virtual-asic`), which reports tickets at a scaled difficulty.
    public var ticketDifficultyScale: Double

    public init(model: BM13xxChipModel, count: Int, fastBaud: Bool = true, port: String, reset: GPIOSpec? = nil,
                ticketDifficultyScale: Double = 1) {
        self.model = model
        self.count = count
        self.fastBaud = fastBaud
        self.port = port
        self.reset = reset
        self.ticketDifficultyScale = ticketDifficultyScale
    }
}
