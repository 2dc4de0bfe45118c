import HearthCore
import HearthHAL
import HearthLinux

/// GPIO through libgpiod against a gpio-sim bank: line 0 "hearth-out",
/// 1 "hearth-in", 2 "hearth-tach", 3 "hearth-reset".
struct GPIOChecks {
    let chip: String
    /// /sys/devices/platform/gpio-sim.0/gpiochipN: the simulated side of each line.
    let sim: String

    func simValue(_ line: Int) throws -> String { try Sysfs.read("\(sim)/sim_gpio\(line)/value") }
    func pull(_ line: Int, up: Bool) throws { try Sysfs.write(up ? "pull-up" : "pull-down", "\(sim)/sim_gpio\(line)/pull") }

    func run(_ h: Harness) {
        h.check("gpio output drives the simulated line") {
            let out = try LinuxGPIOLine(.chip(chip, offset: 0), request: .output(initial: false), name: "asic_enable")
            try expectEqual(try simValue(0), "0", "initial level")
            try out.set(true)
            try expectEqual(try simValue(0), "1", "after set(true)")
            try out.set(false)
            try expectEqual(try simValue(0), "0", "after set(false)")
        }
        h.check("active-low output inverts on the wire") {
            let reset = try LinuxGPIOLine(.chip(chip, offset: 3), request: .output(initial: false), activeLow: true)
            try expectEqual(try simValue(3), "1", "inactive active-low line")
            try reset.set(true)
            try expectEqual(try simValue(3), "0", "asserted active-low line")
            try expect(try reset.get(), "get() reads back the logical value")
        }
        h.check("a released line falls back to its pull") {
            try pull(0, up: false)
            let out = try LinuxGPIOLine(.chip(chip, offset: 0), request: .output(initial: true))
            try expectEqual(try simValue(0), "1", "driven high")
            out.close()
            try expectEqual(try simValue(0), "0", "released to pull-down")
        }
        h.check("line found by name, chip by path") {
            let byName = try LinuxGPIOLine(.named("hearth-in"), request: .input(edges: false))
            try expectEqual(byName.chipPath, "/dev/\(chip)", "chip of the named line")
            let byPath = try LinuxGPIOLine(.chip("/dev/\(chip)", offset: 2), request: .input(edges: false))
            _ = try byPath.get()
        }
        h.check("input follows the simulated pull and sees edges") {
            try pull(1, up: false)
            let input = try LinuxGPIOLine(.chip(chip, offset: 1), request: .input(edges: true))
            try expect(try !input.get(), "pulled down reads inactive")
            try expectEqual(try input.waitForEdge(timeout: Seconds(0.1)), nil, "no edge without a change")
            try pull(1, up: true)
            try expectEqual(try input.waitForEdge(timeout: Seconds(2)), .rising, "edge after pull-up")
            try expect(try input.get(), "pulled up reads active")
            try pull(1, up: false)
            try expectEqual(try input.waitForEdge(timeout: Seconds(2)), .falling, "edge after pull-down")
        }
        h.check("edge counting sees queued edges only inside its window") {
            let tach = try LinuxGPIOLine(.chip(chip, offset: 2), request: .input(edges: true), name: "fan_tach")
            for _ in 0..<3 { try pull(2, up: true); try pull(2, up: false) }
            // The edges above happened before the window: they are discarded, so 0 rpm.
            let rpm = try GPIOEdgeTachometer(line: tach, window: Seconds(0.05)).readSpeed()
            try expectEqual(rpm, RPM(0), "stale edges ignored")
        }
        h.check("a line held twice is busy, naming the holder") {
            let first = try LinuxGPIOLine(.chip(chip, offset: 0), request: .output(initial: false), consumer: "hearth")
            let text = try expectError("second request") {
                _ = try LinuxGPIOLine(.chip(chip, offset: 0), request: .output(initial: false), consumer: "other")
            }
            try expect(text.contains("busy") && text.contains("\"hearth\""), "message: \(text)")
            first.close()
            _ = try LinuxGPIOLine(.chip(chip, offset: 0), request: .output(initial: false))
        }
        h.check("an input can't be driven") {
            let input = try LinuxGPIOLine(.chip(chip, offset: 1), request: .input(edges: false))
            let text = try expectError("set on input") { try input.set(true) }
            try expect(text.contains("input"), "message: \(text)")
        }
        h.check("missing chip and out-of-range line are clear errors") {
            let noChip = try expectError("gpiochip9") {
                _ = try LinuxGPIOLine(.chip("gpiochip9", offset: 0), request: .input(edges: false))
            }
            try expect(noChip.contains("/dev/gpiochip9") && noChip.contains("notFound"), "message: \(noChip)")
            let noLine = try expectError("line 99") {
                _ = try LinuxGPIOLine(.chip(chip, offset: 99), request: .input(edges: false))
            }
            try expect(noLine.contains("no line 99") && noLine.contains("8 lines"), "message: \(noLine)")
        }
        h.check("bus provider opens a board's gpio spec") {
            let provider = LinuxBusProvider()
            let spec = GPIOSpec(function: .asicEnable, chip: chip, line: 0, direction: .output)
            let line = try provider.gpioLine(spec)
            try line.set(true)
            try expectEqual(try simValue(0), "1", "provider line drives the wire")
            try expectEqual(line.name, "asic_enable", "line name")
        }
    }
}
