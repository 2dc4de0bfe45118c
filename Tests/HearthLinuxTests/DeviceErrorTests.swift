import Glibc
import HearthCore
import HearthHAL
@testable import HearthLinux
import Testing

@Suite struct DeviceErrorTests {
    @Test func missingI2CBusSaysHowToEnableIt() {
        do {
            _ = try LinuxI2CBus(path: "/dev/i2c-97")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.description.contains("no /dev/i2c-97: enable I2C (raspi-config / dtparam=i2c_arm=on) or load i2c-dev"))
        }
    }

    @Test func aNonI2CNodeIsRejected() {
        #expect(throws: BusError.self) { try LinuxI2CBus(path: "/dev/null") }
    }

    @Test func errnoMapping() {
        let denied = linuxError(EACCES, .i2c, path: "/dev/i2c-1", action: "open")
        #expect(denied.kind == .permissionDenied)
        #expect(denied.description.contains("add the user to group i2c or install the udev rules in docs/linux.md"))
        #expect(linuxError(EACCES, .gpio, path: "/dev/gpiochip0", action: "open").description.contains("group gpio"))
        #expect(linuxError(EBUSY, .gpio, path: "/dev/gpiochip0", action: "request").kind == .busy)
        let nack = linuxError(ENXIO, .i2c, path: "/dev/i2c-1", address: 0x48, action: "read")
        #expect(nack.kind == .nack)
        #expect(nack.description.contains("i2cdetect -y 1"))
        #expect(linuxError(EREMOTEIO, .i2c, path: "/dev/i2c-1", action: "read").kind == .nack)
        #expect(linuxError(ETIMEDOUT, .i2c, path: "/dev/i2c-1", action: "read").kind == .timeout)
    }

    @Test func missingGPIOChipAndLineName() {
        do {
            _ = try LinuxGPIOLine(.chip("gpiochip42", offset: 0), request: .input(edges: false))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.description.contains("/dev/gpiochip42"))
        }
        do {
            _ = try LinuxGPIOLine(.named("HEARTH_NO_SUCH_LINE"), request: .output(initial: false))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.description.contains("HEARTH_NO_SUCH_LINE"))
        }
    }

    @Test func providerMapsBoardNamesToPaths() {
        let p = LinuxBusProvider(deviceRoot: "/dev")
        #expect(p.i2cPath(for: "i2c-1") == "/dev/i2c-1")
        #expect(p.i2cPath(for: "/dev/i2c-7") == "/dev/i2c-7")
        #expect(throws: BusError.self) { try p.i2cBus(named: "i2c-98") }
    }
}
