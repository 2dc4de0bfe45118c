import HearthCore
import HearthBoardFiles
import HearthHAL
import Testing

final class MockGPIO: GPIOLine {
    let name: String
    var level = false
    var history: [Bool] = []
    init(name: String) { self.name = name }
    func set(_ active: Bool) throws(BusError) { level = active; history.append(active) }
    func get() throws(BusError) -> Bool { level }
}

final class MockPWM: PWMChannel {
    let name = "pwmchip0/0"
    var duty: DutyCycle?
    var enabled = false
    var period: UInt64 = 0
    func configure(periodNanoseconds: UInt64, inverted: Bool) throws(BusError) { period = periodNanoseconds }
    func setDuty(_ duty: DutyCycle) throws(BusError) { self.duty = duty }
    func setEnabled(_ enabled: Bool) throws(BusError) { self.enabled = enabled }
}

final class MockTach: Tachometer {
    let name = "fan_tach"
    var rpm = RPM(1234)
    func readSpeed() throws(BusError) -> RPM { rpm }
}

final class MockHashBoard: HashBoardControl {
    var log: [String] = []
    /// The chips' stop command fails (a dead UART, a NACKing regulator).
    var stopFails = false
    func setOperatingPoint(_ point: OperatingPoint) throws(BusError) { log.append("point \(point.name)") }
    func setHashing(_ enabled: Bool) throws(BusError) {
        log.append("hashing \(enabled)")
        if !enabled && stopFails { throw BusError(.io, bus: "/dev/ttyS0", detail: "write failed") }
    }
}

final class MockProvider: BusProvider {
    let bus = MockI2CBus(name: "i2c-1")
    let enable = MockGPIO(name: "asic_enable")
    let pwm = MockPWM()
    let tach = MockTach()
    func i2cBus(named name: String) throws(BusError) -> any I2CBus {
        guard name == bus.name else { throw BusError(.notFound, bus: name) }
        return bus
    }
    func gpioLine(_ spec: GPIOSpec) throws(BusError) -> any GPIOLine { enable }
    func pwmChannel(_ spec: FanPWMSpec) throws(BusError) -> any PWMChannel { pwm }
    func tachometer(_ spec: GPIOSpec) throws(BusError) -> any Tachometer { tach }

    /// Register contents of healthy chips for `validBoard`.
    func populate() {
        bus.set(0x4C, 0xFE, [0x5D]); bus.set(0x4C, 0xFD, [0x16])
        bus.set(0x4C, 0x03, [0x00]); bus.set(0x4C, 0x4A, [0x00])
        bus.set(0x4C, 0x01, [0x46]); bus.set(0x4C, 0x10, [0x20])       // 70.125 °C
        bus.set(0x4C, 0x46, [0x10]); bus.set(0x4C, 0x47, [0x0E])       // 0x0E10 = 3600 → 1500 rpm
        bus.set16(0x48, 0x02, 0x4B00); bus.set16(0x48, 0x03, 0x5000)
        bus.set16(0x48, 0x00, 0x1530)                                  // 21.1875 °C
        bus.set16(0x40, 0xFE, 0x5449); bus.set16(0x40, 0xFF, 0x2270)
        bus.set16(0x40, 0x03, 0x0640)                                  // 1600 × 10 mW = 16 W
    }
}

@Suite struct AssemblyTests {
    func assemble(_ text: String = validBoard) throws -> (AssembledHeaterMiner, MockProvider, MockHashBoard) {
        let board = try BoardLoader.parse(text: text, file: file)
        let provider = MockProvider()
        provider.populate()
        let hash = MockHashBoard()
        return (try AssembledHeaterMiner(board: board, buses: provider, hashBoard: hash), provider, hash)
    }

    @Test func configureSetsUpChipsAndReadsAllRoles() throws {
        let (miner, p, _) = try assemble()
        try miner.configure()
        #expect(p.bus.byte(0x48, 0x01) == 0x60)
        #expect(p.bus.byte(0x4C, 0x03) == 0x04)
        #expect(p.bus.byte(0x4C, 0x4A) == 0x20)
        #expect(p.bus.registers[0x40]?[0x00] == [0x65, 0x27])
        #expect(p.enable.history == [false])
        let r = miner.read()
        #expect(r.chipTemperature.value == Celsius(70.125))
        #expect(r.chipTemperature.raw == 0x4620)
        #expect(r.roomTemperature.value == Celsius(21.1875))
        #expect(r.roomTemperature.raw == 0x1530)
        #expect(r.fanSpeed?.value == RPM(1500))
        #expect(r.power?.value?.value.isApproximately(16) == true)
        #expect(r.inletTemperature == nil)
    }

    @Test func oneFailingSensorDoesNotHideTheOthers() throws {
        let (miner, p, _) = try assemble()
        try miner.configure()
        p.bus.nacking = [0x48]
        let r = miner.read()
        let error = try #require(r.roomTemperature.error)
        #expect(r.roomTemperature.value == nil && r.roomTemperature.raw == nil)
        #expect(error.source == "room_temp (tmp75 on i2c-1 at 0x48)")
        #expect(error.reason.contains("nack"))
        #expect(r.chipTemperature.value == Celsius(70.125))
        #expect(r.fanSpeed?.value == RPM(1500))
        #expect(r.power?.error == nil)
    }

    @Test func diodeFaultBecomesReadingError() throws {
        let (miner, p, _) = try assemble()
        p.bus.set(0x4C, 0x01, [0x7F]); p.bus.set(0x4C, 0x10, [0x00])
        #expect(miner.read().chipTemperature.error?.reason.contains("diode fault") == true)
    }

    @Test func configureNamesTheDeviceThatFailedToIdentify() throws {
        let (miner, p, _) = try assemble()
        p.bus.set16(0x40, 0xFE, 0x1234)
        #expect {
            try miner.configure()
        } throws: { error in
            "\(error)".hasPrefix("ina260 on i2c-1 at 0x40: identify failed:") && "\(error)".contains("0x1234")
        }
        p.bus.set16(0x40, 0xFE, 0x5449)
        p.bus.nacking = [0x4C]
        #expect(throws: BoardAssemblyError(device: "emc2101 on i2c-1 at 0x4c", step: "identify",
                                           reason: "i2c-1 address 0x4c: nack")) { try miner.configure() }
    }

    @Test func unknownBusIsNamed() throws {
        let board = try BoardLoader.parse(text: validBoard.replacingOccurrences(of: "bus = \"i2c-1\"\ndriver = \"ina260\"",
                                                                                with: "bus = \"i2c-9\"\ndriver = \"ina260\""), file: file)
        #expect {
            try AssembledHeaterMiner(board: board, buses: MockProvider(), hashBoard: MockHashBoard())
        } throws: { error in
            "\(error)".hasPrefix("ina260 on i2c-9 at 0x40: open bus failed")
        }
    }

    @Test func applyDrivesFanGPIOAndHashBoardInOrder() throws {
        let (miner, p, hash) = try assemble()
        try miner.configure()
        try miner.apply(DeviceCommand(hashing: true, operatingPoint: 1, fanDuty: DutyCycle(0.5)))
        #expect(p.bus.byte(0x4C, 0x4C) == 32)
        #expect(p.enable.level)
        #expect(hash.log == ["point high", "hashing true"])
        try miner.apply(DeviceCommand(hashing: true, operatingPoint: 1, fanDuty: DutyCycle(0.6)))
        #expect(hash.log.count == 2)   // unchanged point and hashing are not resent
        try miner.apply(.safe(miner.profile))
        #expect(hash.log.last == "hashing false")
        #expect(!p.enable.level)
        #expect(p.bus.byte(0x4C, 0x4C) == 63)
        #expect(throws: BusError.self) { try miner.apply(DeviceCommand(hashing: true, operatingPoint: 5, fanDuty: .full)) }
        p.bus.nacking = [0x4C]
        #expect(throws: BusError(.nack, bus: "i2c-1", address: 0x4C)) { try miner.apply(.safe(miner.profile)) }
    }

    /// The enable line is the last word on the chips' power: a stop command that fails must
    /// not keep it high (before, the throw skipped the line, so a trip left the chips powered).
    @Test func aFailedStopStillCutsTheEnableLineAndIsRetried() throws {
        let (miner, p, hash) = try assemble()
        try miner.configure()
        try miner.apply(DeviceCommand(hashing: true, operatingPoint: 1, fanDuty: DutyCycle(0.5)))
        #expect(p.enable.level)
        hash.stopFails = true
        #expect(throws: BusError(.io, bus: "/dev/ttyS0", detail: "write failed")) { try miner.apply(.safe(miner.profile)) }
        #expect(!p.enable.level)
        #expect(p.bus.byte(0x4C, 0x4C) == 63)                 // and the fan at its safe duty
        #expect(throws: BusError.self) { try miner.apply(.safe(miner.profile)) }
        #expect(hash.log.suffix(2) == ["hashing false", "hashing false"])   // the stop is sent again
        hash.stopFails = false
        try miner.apply(.safe(miner.profile))
        try miner.apply(.safe(miner.profile))
        #expect(hash.log.suffix(3) == ["hashing false", "hashing false", "hashing false"])
        #expect(!p.enable.level)
    }

    @Test func pwmFanWithTach() throws {
        let text = validBoard
            .replacingOccurrences(of: "roles = [\"fan\", \"chip_temp\"]", with: "roles = [\"chip_temp\"]")
            + "\n[fan_pwm]\nchip = \"pwmchip0\"\nchannel = 0\nperiod_ns = 40000\n\n[[gpio]]\nname = \"fan_tach\"\nchip = \"gpiochip0\"\nline = 5\ndirection = \"input\"\n"
        let (miner, p, _) = try assemble(text)
        try miner.configure()
        #expect(p.pwm.enabled && p.pwm.period == 40_000 && p.pwm.duty == .full)
        try miner.apply(DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: DutyCycle(0.4)))
        #expect(p.pwm.duty == DutyCycle(0.4))
        #expect(p.bus.byte(0x4C, 0x4C) == nil)
        #expect(miner.read().fanSpeed?.value == RPM(1234))
    }
}
