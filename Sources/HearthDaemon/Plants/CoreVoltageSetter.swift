import Foundation
import HearthCore
import HearthHAL

/// The board's core-voltage regulator as the BM13xx driver's setter: TPS546 over PMBus or
/// DS4432U trimming a buck, on the bus `[core_voltage]` names, held to its `min_mv…max_mv`.
/// A TPS546's output is also the chain's power switch (`switchesOutput`, `setOutput`); a
/// DS4432U only trims a buck some other line enables, so it has none.
/// One call at a time (the control tick sets it; the lock only guards against a second caller).
final class CoreVoltageSetter: @unchecked Sendable {
    private enum Regulator {
        case tps546(TPS546)
        case ds4432u(DS4432U)
    }

    private let regulator: Regulator
    private let clock: ThreadTiming
    private let lock = NSLock()
    let description: String

    /// nil when the board's core voltage is fixed (`settable = false`) or absent.
    static func make(_ spec: CoreVoltageSpec?, buses: any BusProvider, clock: ThreadTiming = .wall) throws(DaemonError) -> CoreVoltageSetter? {
        guard let spec, let control = spec.control else { return nil }
        let bus: any I2CBus
        do { bus = try buses.i2cBus(named: control.bus) } catch {
            throw DaemonError("[core_voltage] \(control.regulator.rawValue) on \(control.bus): \(error)")
        }
        let limits = control.minimum...control.maximum
        switch control.regulator {
        case .tps546:
            return CoreVoltageSetter(.tps546(TPS546(bus: bus, address: control.address, limits: limits)),
                                     "TPS546 on \(control.bus) at 0x\(hex(control.address))", clock: clock)
        case .ds4432u:
            guard let feedback = control.dacFeedback else {
                throw DaemonError("[core_voltage] ds4432u names no feedback resistors (rfs_ohm, r_top_ohm, r_bottom_ohm, feedback_mv)")
            }
            return CoreVoltageSetter(.ds4432u(DS4432U(bus: bus, address: control.address, feedback: feedback, limits: limits)),
                                     "DS4432U on \(control.bus) at 0x\(hex(control.address))", clock: clock)
        }
    }

    private init(_ regulator: Regulator, _ description: String, clock: ThreadTiming) {
        self.regulator = regulator
        self.description = description
        self.clock = clock
    }

    /// True when the regulator's output is the chips' supply and can be switched (TPS546).
    var switchesOutput: Bool {
        if case .tps546 = regulator { true } else { false }
    }

    /// The board's starting voltage: a TPS546 is also switched off, handed to OPERATION and
    /// given its own clamp (VOUT_MAX) at the board's maximum.
    func configure(initial: Millivolts) throws(BusError) {
        lock.lock()
        defer { lock.unlock() }
        switch regulator {
        case .tps546(let t):
            do { try t.configure(initial: initial) } catch { throw Self.named(error, "configure", t) }
        case .ds4432u(let d):
            do { try d.setVoltage(initial) } catch { throw error.busError }
        }
    }

    func set(_ v: Millivolts) throws(BusError) {
        lock.lock()
        defer { lock.unlock() }
        switch regulator {
        case .tps546(let t):
            do { try t.setVoltage(v) } catch { throw error.busError.map { Self.named($0, "VOUT_COMMAND", t) } ?? Self.refusal(error.description) }
        case .ds4432u(let d):
            do { try d.setVoltage(v) } catch { throw error.busError }
        }
    }

    /// Switches the output (a TPS546's OPERATION; nothing for a DS4432U). On: the output is
    /// waited for, bounded (`TPS546.waitForOutput`), before this returns, so nobody talks to
    /// unpowered chips; if the write or the wait fails the output is switched off again.
    /// Every failure is a `BusError` naming the regulator, its bus and address.
    func setOutput(_ on: Bool) throws(BusError) {
        lock.lock()
        defer { lock.unlock() }
        guard case .tps546(let t) = regulator else { return }
        guard on else {
            do { try t.setEnabled(false) } catch { throw Self.named(error, "OPERATION off", t) }
            return
        }
        do {
            try t.setEnabled(true)
            try t.waitForOutput(sleep: clock.sleep, now: clock.now)
        } catch {
            try? t.setEnabled(false)
            throw Self.named(error, "OPERATION on", t)
        }
    }

    /// The driver's error with the part and step in its detail ("TPS546 OPERATION on: …").
    private static func named(_ error: DriverError, _ step: String, _ t: TPS546) -> BusError {
        guard let e = error.busError else {
            return BusError(.io, bus: t.bus.name, address: t.address, detail: "TPS546 \(step): \(error)")
        }
        return named(e, step, t)
    }

    private static func named(_ e: BusError, _ step: String, _ t: TPS546) -> BusError {
        let detail = e.detail.hasPrefix("TPS546") ? e.detail : "TPS546 \(step)" + (e.detail.isEmpty ? "" : ": \(e.detail)")
        return BusError(e.kind, bus: e.bus, address: e.address ?? t.address, detail: detail)
    }

    private static func refusal(_ detail: String) -> BusError {
        BusError(.notSupported, bus: "core voltage", detail: detail)
    }
}
