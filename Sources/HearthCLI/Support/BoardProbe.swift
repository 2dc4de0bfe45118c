import HearthCore
import HearthHAL

/// One line of `hearth probe`: what was checked, whether it worked, why not and how to fix it.
struct ProbeCheck: Sendable, Hashable, Codable {
    var item: String
    var ok: Bool
    var detail: String
    var fix: String?
}

/// The hardware self-test behind `hearth probe`: opens every bus, line and port a
/// board names, asks each chip who it is, and toggles only outputs marked safe.
/// Works on any `BusProvider`, so tests run it on virtual hardware.
struct BoardProbe {
    var board: BoardDefinition
    var buses: any BusProvider
    var openSerial: ((UARTSpec) throws(BusError) -> any SerialPort)?

    func run() -> [ProbeCheck] {
        var checks = board.i2cDevices.map(i2c)
        for spec in board.gpios { checks.append(gpio(spec)) }
        if let pwm = board.fanPWM {
            let item = "fan_pwm \(pwm.chip) channel \(pwm.channel)"
            do {
                _ = try buses.pwmChannel(pwm)
                checks.append(ProbeCheck(item: item, ok: true, detail: "opened (duty left as it is)"))
            } catch { checks.append(Self.failure(item, error.description)) }
        }
        if let uart = board.uart, let openSerial {
            let item = "uart \(uart.device)"
            do {
                _ = try openSerial(uart)
                checks.append(ProbeCheck(item: item, ok: true, detail: "opened at \(uart.baud) baud"))
            } catch { checks.append(Self.failure(item, error.description)) }
        }
        return checks
    }

    private func i2c(_ spec: I2CDeviceSpec) -> ProbeCheck {
        let item = spec.description
        let bus: any I2CBus
        do { bus = try buses.i2cBus(named: spec.bus) } catch { return Self.failure(item, error.description) }
        do throws(DriverError) {
            switch spec.driver {
            case .emc2101:
                let name = try EMC2101(bus: bus, address: spec.address).identify()
                return ProbeCheck(item: item, ok: true, detail: "\(name) (manufacturer 0x5d)")
            case .ina260:
                try INA260(bus: bus, address: spec.address).identify()
                return ProbeCheck(item: item, ok: true, detail: "INA260 (manufacturer 0x5449, die 0x227)")
            case .tmp75, .tmp1075, .lm75:
                let variant: TMP75.Variant = spec.driver == .lm75 ? .lm75 : spec.driver == .tmp1075 ? .tmp1075 : .tmp75
                let sensor = TMP75(bus: bus, address: spec.address, variant: variant)
                try sensor.configure()   // only sets the TMP75's resolution: safe on any board
                try sensor.checkPlausible()
                let t = try sensor.readTemperature().value
                guard (-40...125).contains(t.value) else {
                    return Self.failure(item, "reads \(formatted(t.value, decimals: 2)) °C, outside the part's -40…125 °C range",
                                        fix: "a different chip answers at this address; check the board file's driver and address")
                }
                return ProbeCheck(item: item, ok: true, detail: "\(formatted(t.value, decimals: 2)) °C, registers plausible")
            }
        } catch {
            return Self.failure(item, error.description, fix: error.busError == nil
                ? "a different chip answers at this address; check the board file's driver and address" : nil)
        }
    }

    private func gpio(_ spec: GPIOSpec) -> ProbeCheck {
        let item = "gpio \(spec.function) (\(spec.chip) line \(spec.line))"
        do throws(BusError) {
            if spec.function == .fanTach {
                let rpm = try buses.tachometer(spec).readSpeed()
                return ProbeCheck(item: item, ok: true, detail: "tach reads \(Int(rpm.value.rounded())) rpm")
            }
            let line = try buses.gpioLine(spec)
            switch spec.direction {
            case .input:
                return ProbeCheck(item: item, ok: true, detail: "input reads \(try line.get() ? "active" : "inactive")")
            case .output where spec.safeToToggle:
                try line.set(true)
                let high = try line.get()
                try line.set(false)
                let low = try line.get()
                guard high, !low else {
                    return Self.failure(item, "toggled but read back \(high ? 1 : 0)/\(low ? 1 : 0) instead of 1/0",
                                        fix: "check that nothing else drives the line")
                }
                return ProbeCheck(item: item, ok: true, detail: "toggled active/inactive, left inactive")
            case .output:
                return ProbeCheck(item: item, ok: true, detail: "opened as output (not toggled: safe_to_toggle is false)")
            }
        } catch {
            return Self.failure(item, error.description)
        }
    }

    /// A failed check; the fix comes from the error's "; fix: …" part, else from `fix`, else by kind.
    static func failure(_ item: String, _ message: String, fix: String? = nil) -> ProbeCheck {
        if let range = message.range(of: "; fix: ") {
            var reason = String(message[..<range.lowerBound])
            var hint = String(message[range.upperBound...])
            // BusError.description closes its detail with ")": keep the parenthesis balanced.
            if hint.hasSuffix(")") && reason.contains("(") { hint.removeLast(); reason += ")" }
            return ProbeCheck(item: item, ok: false, detail: reason, fix: hint)
        }
        return ProbeCheck(item: item, ok: false, detail: message, fix: fix ?? genericFix(message))
    }

    static func genericFix(_ message: String) -> String? {
        if message.contains("nack") { return "check wiring, power and the address (i2cdetect -y N)" }
        if message.contains("permissionDenied") {
            return "add the user to group i2c/gpio or install the udev rules in docs/linux.md"
        }
        if message.contains("busy") { return "another program or a kernel driver holds it" }
        if message.contains("notFound") { return "check the name in the board file" }
        return nil
    }

    /// The ✓/✗ table, one check per line, the fix indented below a failure.
    static func table(_ checks: [ProbeCheck]) -> String {
        let width = min(48, checks.map(\.item.count).max() ?? 0)
        var lines: [String] = []
        for c in checks {
            lines.append("\(c.ok ? "✓" : "✗") \(c.item.padded(width))  \(c.detail)")
            if !c.ok, let fix = c.fix { lines.append("  \(String(repeating: " ", count: width))  fix: \(fix)") }
        }
        let failed = checks.filter { !$0.ok }.count
        lines.append(failed == 0 ? "all \(checks.count) checks passed" : "\(failed) of \(checks.count) checks failed")
        return lines.joined(separator: "\n")
    }
}
