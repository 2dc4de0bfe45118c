import HearthAxeOS
import HearthCore
import HearthEmulators
import HearthHAL
import Testing

/// A board that answers every read and refuses every write keeps heating out of Hearth's
/// hands: a pause not taken within the limit is an actuator failure (issue 15). Loopback 127.0.0.230.
@Suite struct AxeOSStopDeliveryTests {
    @Test func aRefusedPauseIsAnActuatorFailureAndAnUnreachableBoardIsNot() async throws {
        let gamma = try await EmulatedGamma.start(host: "127.0.0.230")
        let clock = TestClock()
        let asic = try await gamma.client.asicInfo()
        let device = try AxeOSDevice(link: gamma.client, board: gamma.board, asic: asic,
                                     room: { Reading(Celsius(18), takenAt: clock.now) }, now: { clock.now })
        let off = DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: .full)
        _ = try await offPool { device.read() }
        gamma.emulator.refuseWrites = true
        try await offPool { try device.apply(off) }                     // refused, within the limit
        #expect(!gamma.emulator.hardware.snapshot().paused)
        clock.advance(Seconds(31))
        _ = try await offPool { device.read() }                          // reads still answer
        let error = await #expect(throws: BusError.self) { try await offPool { try device.apply(off) } }
        #expect(error?.description.contains("has not paused") == true)
        // Unreachable as well: the stale reading reports that, not the actuator.
        gamma.emulator.fault = .closesAtOnce
        clock.advance(Seconds(5))
        _ = try await offPool { device.read() }
        try await offPool { try device.apply(off) }
        // Back and taking writes: paused, no failure.
        gamma.emulator.fault = nil
        gamma.emulator.refuseWrites = false
        clock.advance(Seconds(30))
        _ = try await offPool { device.read() }
        try await offPool { try device.apply(off) }
        #expect(gamma.emulator.hardware.snapshot().paused)
        await gamma.emulator.stop()
    }
}
