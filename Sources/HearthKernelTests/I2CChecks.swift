import HearthCore
import HearthHAL
import HearthLinux

/// The production drivers on /dev/i2c-N backed by i2c-stub (chips at 0x48 and 0x4c).
/// i2c-stub is SMBus-only, so every transfer takes LinuxI2CBus's SMBus path.
struct I2CChecks {
    let path: String

    func run(_ h: Harness) {
        h.check("i2c-stub is SMBus-only: the fallback path is used") {
            let bus = try LinuxI2CBus(path: path)
            try expect(bus.usesSMBus, "functionality 0x\(String(bus.functionality, radix: 16)) has I2C_FUNC_I2C")
        }
        h.check("TMP75 reads registers preloaded through the bus") {
            let bus = try LinuxI2CBus(path: path)
            // Preload like the part's power-up state: 25.0 °C, T_low 75, T_high 80.
            try bus.writeRegister16BE(address: 0x48, register: 0x00, value: 0x1900)
            try bus.writeRegister16BE(address: 0x48, register: 0x02, value: 0x4B00)
            try bus.writeRegister16BE(address: 0x48, register: 0x03, value: 0x5000)
            let tmp = TMP75(bus: bus, address: 0x48, variant: .tmp75)
            try tmp.configure()
            try tmp.checkPlausible()
            let t = try tmp.readTemperature()
            try expectEqual(t.value, Celsius(25), "temperature")
            try expectEqual(t.raw, 0x1900, "raw bits")
        }
        h.check("negative temperature and 16-bit writes read back") {
            let bus = try LinuxI2CBus(path: path)
            try bus.writeRegister16BE(address: 0x48, register: 0x00, value: 0xE700)   // -25.0 °C
            try expectEqual(try TMP75(bus: bus, address: 0x48).readTemperature().value, Celsius(-25), "temperature")
            try bus.writeRegister16BE(address: 0x48, register: 0x03, value: 0x55A0)
            try expectEqual(try bus.readRegister16BE(address: 0x48, register: 0x03), 0x55A0, "T_high read back")
        }
        h.check("EMC2101 identifies and reads temperature and tach") {
            let bus = try LinuxI2CBus(path: path)
            let preload: [(UInt8, UInt8)] = [(0xFE, 0x5D), (0xFD, 0x16), (0x00, 31), (0x01, 42), (0x10, 0x20),
                                             (0x46, 0x08), (0x47, 0x07), (0x03, 0x00), (0x4A, 0x00)]
            for (register, value) in preload { try bus.writeRegister8(address: 0x4C, register: register, value: value) }
            let fan = EMC2101(bus: bus, address: 0x4C)
            try expectEqual(try fan.identify(), "EMC2101", "product")
            try expectEqual(try fan.readExternalTemperature().value, Celsius(42.125), "external temperature")
            try expectEqual(try fan.readInternalTemperature().value, Celsius(31), "internal temperature")
            try expectEqual(try fan.readFanSpeed().value, RPM(3000), "fan speed from count 0x0708")
        }
        h.check("EMC2101 configuration and duty writes read back") {
            let bus = try LinuxI2CBus(path: path)
            let fan = EMC2101(bus: bus, address: 0x4C)
            try fan.configure()
            try expect(try bus.readRegister8(address: 0x4C, register: 0x03) & EMC2101.altTach != 0, "tach input enabled")
            try expect(try bus.readRegister8(address: 0x4C, register: 0x4A) & EMC2101.lutDisable != 0, "LUT disabled")
            try fan.setFanDuty(DutyCycle(0.5))
            try expectEqual(try bus.readRegister8(address: 0x4C, register: 0x4C), 32, "fan setting for 50 %")
        }
        h.check("block read and write on the SMBus path") {
            let bus = try LinuxI2CBus(path: path)
            try bus.write(address: 0x4C, [0x20, 1, 2, 3, 4])
            try expectEqual(try bus.writeRead(address: 0x4C, [0x20], readCount: 4), [1, 2, 3, 4], "block")
        }
        h.check("an absent address is a clear NACK") {
            let bus = try LinuxI2CBus(path: path)
            do {
                _ = try bus.readRegister8(address: 0x50, register: 0)
                throw Expectation(description: "read from 0x50 succeeded")
            } catch let error as BusError {
                try expectEqual(error.kind, .nack, "kind")
                try expect(error.description.contains("0x50") && error.description.contains("i2cdetect"),
                           "message: \(error)")
            }
        }
        h.check("bus provider maps a board's bus name") {
            let name = String(path.dropFirst("/dev/".count))
            let provider = LinuxBusProvider()
            let a = try provider.i2cBus(named: name)
            let b = try provider.i2cBus(named: name)
            try expect(a === b, "one descriptor per bus")
            let missing = try expectError("i2c-9") { _ = try provider.i2cBus(named: "i2c-9") }
            try expect(missing.contains("no /dev/i2c-9: enable I2C"), "message: \(missing)")
            provider.closeAll()
        }
        h.check("a closed bus fails reads instead of crashing") {
            let bus = try LinuxI2CBus(path: path)
            bus.close()
            _ = try expectError("read after close") { _ = try bus.readRegister8(address: 0x48, register: 0) }
        }
    }

    /// After the stub was reloaded with only 0x4c: the TMP75 is gone, the EMC2101 is blank.
    func runReaddressed(_ h: Harness) {
        h.check("a sensor that disappeared fails with NACK") {
            let bus = try LinuxI2CBus(path: path)
            do {
                _ = try TMP75(bus: bus, address: 0x48).readTemperature()
                throw Expectation(description: "TMP75 at 0x48 still answers")
            } catch let error as DriverError {
                try expectEqual(error.busError?.kind, .nack, "kind")
            }
        }
        h.check("a chip that lost its registers fails identification") {
            let bus = try LinuxI2CBus(path: path)
            let text = try expectError("identify blank chip") { try EMC2101(bus: bus, address: 0x4C).identify() }
            try expect(text.contains("not an EMC2101"), "message: \(text)")
        }
    }
}
