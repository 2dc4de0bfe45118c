import HearthCore
import HearthHAL

/// What powers a board's hash chips for the start check: the `asic_enable` line and, on a
/// TPS546 board, the regulator's output (the chips' supply itself). On goes line first, then
/// the regulator (its VOUT was set before; OPERATION on, output waited for); off goes the
/// other way round, and both are always tried: one failed switch never leaves the other on.
struct ChainPower {
    let line: (any GPIOLine)?
    /// Only a regulator that `switchesOutput` (a DS4432U has nothing to switch).
    let regulator: CoreVoltageSetter?

    init(line: (any GPIOLine)?, regulator: CoreVoltageSetter?) {
        self.line = line
        self.regulator = regulator?.switchesOutput == true ? regulator : nil
    }

    /// Everything on; on a failure everything is switched off again before the error is thrown.
    func on() throws(BusError) {
        do throws(BusError) {
            try line?.set(true)
            try regulator?.setOutput(true)
        } catch {
            try? off()
            throw error
        }
    }

    /// Everything off; the first failure is thrown once both switches were tried.
    func off() throws(BusError) {
        var first: BusError?
        do { try regulator?.setOutput(false) } catch { first = error }
        do { try line?.set(false) } catch { first = first ?? error }
        if let first { throw first }
    }
}
