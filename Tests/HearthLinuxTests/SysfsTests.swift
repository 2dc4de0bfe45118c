import HearthCore
import HearthHAL
@testable import HearthLinux
import Testing

@Suite struct SysfsPWMTests {
    func pwmTree(polarity: String = "normal") throws -> TempTree {
        let t = try TempTree()
        try t.file("pwmchip0/export")
        try t.file("pwmchip0/npwm", "2\n")
        for f in ["period", "duty_cycle", "enable"] { try t.file("pwmchip0/pwm0/\(f)", "0\n") }
        try t.file("pwmchip0/pwm0/polarity", "\(polarity)\n")
        return t
    }

    @Test func configureDutyEnable() throws {
        let t = try pwmTree()
        let pwm = try SysfsPWMChannel(chip: "pwmchip0", channel: 0, root: t.root)
        try pwm.configure(periodNanoseconds: 1_000_000, inverted: true)
        try pwm.setDuty(DutyCycle(0.25))
        try pwm.setEnabled(true)
        #expect(try t.read("pwmchip0/pwm0/period") == "1000000")
        #expect(try t.read("pwmchip0/pwm0/duty_cycle") == "250000")
        #expect(try t.read("pwmchip0/pwm0/polarity") == "inversed")
        #expect(try t.read("pwmchip0/pwm0/enable") == "1")
    }

    @Test func dutyUsesTheKernelsPeriodWhenNotConfigured() throws {
        let t = try pwmTree()
        try t.file("pwmchip0/pwm0/period", "40000\n")
        let pwm = try SysfsPWMChannel(chip: "0", channel: 0, root: t.root)
        try pwm.setDuty(DutyCycle(0.5))
        #expect(try t.read("pwmchip0/pwm0/duty_cycle") == "20000")
    }

    @Test func dutyWithoutAnyPeriodFails() throws {
        let t = try pwmTree()
        let pwm = try SysfsPWMChannel(chip: "pwmchip0", channel: 0, root: t.root)
        #expect(throws: BusError.self) { try pwm.setDuty(DutyCycle(0.5)) }
    }

    @Test func missingChipNamesTheOverlay() throws {
        let t = try TempTree()
        do {
            _ = try SysfsPWMChannel(chip: "pwmchip3", channel: 0, root: t.root)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.description.contains("pwmchip3"))
            #expect(error.description.contains("dtoverlay=pwm"))
        }
    }

    @Test func exportIsWrittenAndAMissingChannelTimesOut() throws {
        let t = try pwmTree()
        do {
            _ = try SysfsPWMChannel(chip: "pwmchip0", channel: 1, root: t.root, exportTimeout: Seconds(0.05))
            Issue.record("expected a timeout")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.bus.hasSuffix("pwmchip0/pwm1"))
        }
        #expect(try t.read("pwmchip0/export") == "1")
    }
}

@Suite struct HwmonTests {
    @Test func readsMillidegreesByChipName() throws {
        let t = try TempTree()
        try t.file("hwmon0/name", "acpitz\n")
        try t.file("hwmon1/name", "lm75\n")
        try t.file("hwmon1/temp1_input", "-12500\n")
        let sensor = try HwmonTemperature(chipName: "lm75", root: t.root)
        #expect(try sensor.read() == Celsius(-12.5))
    }

    @Test func garbageAndMissingAreErrors() throws {
        let t = try TempTree()
        try t.file("hwmon0/name", "x\n")
        try t.file("hwmon0/temp1_input", "hot\n")
        #expect(throws: BusError.self) { try HwmonTemperature(chipName: "x", root: t.root).read() }
        #expect(throws: BusError.self) { try HwmonTemperature(chipName: "nope", root: t.root) }
    }
}

@Suite struct TachometerTests {
    @Test func rpmFromEdges() {
        // 50 rising edges in 0.5 s at 2 pulses per revolution = 50 rev/s = 3000 rpm.
        #expect(GPIOEdgeTachometer.rpm(risingEdges: 50, window: Seconds(0.5), pulsesPerRevolution: 2) == RPM(3000))
        #expect(GPIOEdgeTachometer.rpm(risingEdges: 0, window: Seconds(0.25), pulsesPerRevolution: 2) == RPM(0))
    }
}
