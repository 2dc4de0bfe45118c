import HearthCore
import HearthHAL

/// The assembly's hash board where the core-voltage regulator's output is the chips' supply
/// (TPS546 boards, which often have no `asic_enable` at all): the BM13xx driver with that
/// output switched around it. `AssembledHeaterMiner` sets the operating point (VOUT_COMMAND)
/// before hashing on, so the voltage is in place before OPERATION on. Hashing on: output on
/// and up, then the driver brings the chain up. Hashing off — every safe state and trip goes
/// through it — the driver stops, then the output goes off, so a trip ends with the chips
/// unpowered. `asic_enable`, when the board also has one, stays the assembly's.
final class RegulatorSwitchedHashBoard: HashBoardControl {
    let driver: any HashBoardControl
    let regulator: CoreVoltageSetter

    init(driver: any HashBoardControl, regulator: CoreVoltageSetter) {
        self.driver = driver
        self.regulator = regulator
    }

    func setOperatingPoint(_ point: OperatingPoint) throws(BusError) {
        try driver.setOperatingPoint(point)
    }

    /// Whatever fails, the output ends off: a failed power-up switches it off itself; a failed
    /// bring-up is followed by the stop; a failed stop still switches the output off.
    func setHashing(_ enabled: Bool) throws(BusError) {
        if enabled {
            try regulator.setOutput(true)
            do { try driver.setHashing(true) } catch {
                try? driver.setHashing(false)
                try? regulator.setOutput(false)
                throw error
            }
        } else {
            var first: BusError?
            do { try driver.setHashing(false) } catch { first = error }
            do { try regulator.setOutput(false) } catch { first = first ?? error }
            if let first { throw first }
        }
    }

    func checkHealth() throws(BusError) {
        try driver.checkHealth()
    }
}
