import Foundation
import HearthCore
import HearthHAL

/// The board's core-voltage regulator as the BM13xx driver's setter: TPS546 over PMBus or
/// DS4432U trimming a buck, on the bus `[core_voltage]` names, held to its `min_mv…max_mv`.
/// One call at a time (the control tick sets it; the lock only guards against a second caller).
final class CoreVoltageSetter: @unchecked Sendable {
    private enum Regulator {
        case tps546(TPS546)
        case ds4432u(DS4432U)
    }

    private let regulator: Regulator
    private let lock = NSLock()
    let description: String

    /// nil when the board's core voltage is fixed (`settable = false`) or absent.
    static func make(_ spec: CoreVoltageSpec?, buses: any BusProvider) throws(DaemonError) -> CoreVoltageSetter? {
        guard let spec, let control = spec.control else { return nil }
        let bus: any I2CBus
        do { bus = try buses.i2cBus(named: control.bus) } catch {
            throw DaemonError("[core_voltage] \(control.regulator.rawValue) on \(control.bus): \(error)")
        }
        let limits = control.minimum...control.maximum
        switch control.regulator {
        case .tps546:
            return CoreVoltageSetter(.tps546(TPS546(bus: bus, address: control.address, limits: limits)),
                                     "TPS546 on \(control.bus) at 0x\(hex(control.address))")
        case .ds4432u:
            guard let feedback = control.dacFeedback else {
                throw DaemonError("[core_voltage] ds4432u names no feedback resistors (rfs_ohm, r_top_ohm, r_bottom_ohm, feedback_mv)")
            }
            return CoreVoltageSetter(.ds4432u(DS4432U(bus: bus, address: control.address, feedback: feedback, limits: limits)),
                                     "DS4432U on \(control.bus) at 0x\(hex(control.address))")
        }
    }

    private init(_ regulator: Regulator, _ description: String) {
        self.regulator = regulator
        self.description = description
    }

    /// The board's starting voltage: a TPS546 also gets its own clamp (VOUT_MAX) at the board's maximum.
    func configure(initial: Millivolts) throws(BusError) {
        lock.lock()
        defer { lock.unlock() }
        switch regulator {
        case .tps546(let t):
            do { try t.configure(initial: initial) } catch { throw error.busError ?? Self.refusal(error.description) }
        case .ds4432u(let d):
            do { try d.setVoltage(initial) } catch { throw error.busError }
        }
    }

    func set(_ v: Millivolts) throws(BusError) {
        lock.lock()
        defer { lock.unlock() }
        switch regulator {
        case .tps546(let t):
            do { try t.setVoltage(v) } catch { throw error.busError ?? Self.refusal(error.description) }
        case .ds4432u(let d):
            do { try d.setVoltage(v) } catch { throw error.busError }
        }
    }

    private static func refusal(_ detail: String) -> BusError {
        BusError(.notSupported, bus: "core voltage", detail: detail)
    }
}
