import Foundation
import HearthCore
import HearthBoardFiles
import HearthHAL
@testable import HearthCLI
import HearthSimulator
import Testing

/// Virtual hardware standing in for a Pi: the probe's table logic without a kernel.
final class FakeBuses: BusProvider {
    let bus = VirtualI2CBus(name: "/dev/i2c-1")
    var lines: [Int: VirtualGPIOLine] = [:]
    var gpioError: BusError?
    var pwmError: BusError?
    var opened: [String] = []

    func i2cBus(named name: String) throws(BusError) -> any I2CBus {
        guard name == "i2c-1" else {
            throw BusError(.notFound, bus: "/dev/\(name)", detail: "open: No such file or directory; fix: no /dev/\(name): enable I2C")
        }
        return bus
    }

    func gpioLine(_ spec: GPIOSpec) throws(BusError) -> any GPIOLine {
        if let gpioError { throw gpioError }
        let line = VirtualGPIOLine(name: spec.function.rawValue, direction: spec.direction == .output ? .output : .input)
        lines[spec.line] = line
        opened.append(spec.function.rawValue)
        return line
    }

    func pwmChannel(_ spec: FanPWMSpec) throws(BusError) -> any PWMChannel {
        if let pwmError { throw pwmError }
        return VirtualPWMChannel(name: spec.chip)
    }

    func tachometer(_ spec: GPIOSpec) throws(BusError) -> any Tachometer {
        throw BusError(.notSupported, bus: spec.chip)
    }
}

@Suite struct BoardProbeTests {
    func piaxe() throws -> BoardDefinition {
        try BoardLoader.load(path: CLI.root.appendingPathComponent("boards/piaxe.toml").path)
    }

    @Test func workingHardwareIsAllTicks() throws {
        var board = try piaxe()
        board.i2cDevices.append(I2CDeviceSpec(bus: "i2c-1", driver: .emc2101, address: 0x4C, roles: [.fan]))
        let fake = FakeBuses()
        fake.bus.attach(VirtualTMP75(variant: .tmp1075, temperature: Celsius(41)), at: 0x48)
        fake.bus.attach(VirtualTMP75(variant: .tmp75, temperature: Celsius(20.5)), at: 0x49)
        fake.bus.attach(VirtualEMC2101(), at: 0x4C)
        let checks = BoardProbe(board: board, buses: fake).run()
        #expect(checks.allSatisfy { $0.ok }, "\(checks.filter { !$0.ok })")
        #expect(checks.count == 7)   // 3 I2C devices, 3 GPIO lines, the PWM fan (no serial opener given)
        #expect(checks[0].detail.hasPrefix("41.00 °C"))
        #expect(checks[2].detail.hasPrefix("EMC2101"))
        // Only asic_enable is safe to toggle: it was toggled and left inactive; asic_reset was not touched.
        #expect(checks.first { $0.item.contains("asic_enable") }?.detail.contains("toggled") == true)
        #expect(checks.first { $0.item.contains("asic_reset") }?.detail.contains("not toggled") == true)
        #expect(fake.lines[17]?.level == false)
        #expect(BoardProbe.table(checks).hasSuffix("all 7 checks passed"))
    }

    @Test func failuresCarryReasonAndFix() throws {
        var board = try piaxe()
        board.i2cDevices.append(I2CDeviceSpec(bus: "i2c-1", driver: .ina260, address: 0x40, roles: [.power]))
        board.i2cDevices.append(I2CDeviceSpec(bus: "i2c-7", driver: .emc2101, address: 0x4C, roles: [.fan]))
        let fake = FakeBuses()
        fake.bus.attach(VirtualTMP75(variant: .tmp1075), at: 0x48)
        fake.bus.attach(VirtualTMP75(variant: .tmp75), at: 0x40)          // wrong chip where the INA260 should be
        fake.gpioError = BusError(.permissionDenied, bus: "/dev/gpiochip0",
                                  detail: "open: Permission denied; fix: add the user to group gpio or install the udev rules in docs/linux.md")
        fake.pwmError = BusError(.busy, bus: "/sys/class/pwm/pwmchip0")
        let checks = BoardProbe(board: board, buses: fake).run()
        let byItem = Dictionary(uniqueKeysWithValues: checks.map { ($0.item, $0) })

        let absent = try #require(byItem["tmp75 on i2c-1 at 0x49"])
        #expect(!absent.ok && absent.detail.contains("nack"))
        #expect(absent.fix?.contains("i2cdetect") == true)
        let wrong = try #require(byItem["ina260 on i2c-1 at 0x40"])
        #expect(!wrong.ok && wrong.detail.contains("not an INA260"))
        #expect(wrong.fix?.contains("driver and address") == true)
        let noBus = try #require(byItem["emc2101 on i2c-7 at 0x4c"])
        #expect(noBus.fix == "no /dev/i2c-7: enable I2C")
        #expect(noBus.detail == "/dev/i2c-7: notFound (open: No such file or directory)")
        let denied = try #require(byItem["gpio asic_enable (gpiochip0 line 17)"])
        #expect(denied.fix == "add the user to group gpio or install the udev rules in docs/linux.md")
        #expect(byItem["fan_pwm pwmchip0 channel 0"]?.fix == "another program or a kernel driver holds it")
        #expect(byItem["tmp1075 on i2c-1 at 0x48"]?.ok == true)
        let table = BoardProbe.table(checks)
        #expect(table.contains("✗ tmp75 on i2c-1 at 0x49"))
        #expect(table.contains("✓ tmp1075 on i2c-1 at 0x48"))
        #expect(table.hasSuffix("7 of 8 checks failed"))
    }

    @Test func serialPortIsOpenedWhenAnOpenerIsGiven() throws {
        let board = try piaxe()
        let fake = FakeBuses()
        let checks = BoardProbe(board: board, buses: fake) { (spec: UARTSpec) throws(BusError) -> any SerialPort in
            throw BusError(.notFound, bus: spec.device, detail: "open: No such file or directory; fix: enable the UART")
        }.run()
        let uart = try #require(checks.last)
        #expect(uart.item == "uart /dev/ttyS0" && !uart.ok && uart.fix == "enable the UART")
    }

    @Test func probeCommandFailsWithJSONOnAMachineWithoutTheHardware() throws {
        // This CI machine has no /dev/i2c-1 or gpiochip0: the probe must say so and exit non-zero.
        let r = try CLI.run(["probe", "--board", "piaxe", "--json"])
        #expect(r.status != 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["ok"] as? Bool == false)
        #expect((object?["checks"] as? [Any])?.count == 7)
    }
}
