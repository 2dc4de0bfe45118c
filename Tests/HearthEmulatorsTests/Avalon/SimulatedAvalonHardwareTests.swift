import HearthCGMinerAPI
import HearthCore
import HearthSimulator
import Testing
@testable import HearthEmulators

/// The emulator driven by the simulator's heater: readings follow the physics, a
/// setting change restarts hashing, the firmware's fan loop holds TarT (127.0.0.138–139).
@Suite struct SimulatedAvalonHardwareTests {
    /// Runs the physics and the firmware for `seconds` of control time, one-second steps.
    func run(_ seconds: Int, hardware: SimulatedAvalonHardware, emulator: AvalonEmulator, clock: ManualClock) {
        for _ in 0..<seconds {
            _ = hardware.step(Seconds(1), at: clock.now, outdoor: Celsius(5), gains: .zero, extraWindow: WattsPerKelvin(0))
            clock.advance(by: 1)
            emulator.update()
        }
    }

    @Test func mapsEachSettingToTheBoardsPointByName() throws {
        let nano = SimulatedAvalonHardware(heater: try AvalonTestSupport.heater("avalon-nano3s"), model: .nano3s)
        #expect(nano.pointForSetting == [0: 0, 1: 1, 2: 2])
        let mini = SimulatedAvalonHardware(heater: try AvalonTestSupport.heater("avalon-mini3"), model: .mini3)
        // Points by power: night 0, eco 1, super 2, mining 3; Heater → eco, Mining → mining, Night → night.
        #expect(mini.pointForSetting == [0: 1, 1: 3, 2: 0])
        let q = SimulatedAvalonHardware(heater: try AvalonTestSupport.heater("avalon-q"), model: .q,
                                        pointNames: [2: "standard"])
        #expect(q.pointForSetting[2] == 1)
    }

    @Test func estatsFollowTheHeaterThroughAModeChange() async throws {
        let clock = ManualClock()
        let hardware = SimulatedAvalonHardware(heater: try AvalonTestSupport.heater("avalon-nano3s"), model: .nano3s)
        try await withEmulator(.nano3s, host: "127.0.0.138", clock: clock, hardware: hardware) { emulator, client in
            run(900, hardware: hardware, emulator: emulator, clock: clock)
            let low = try await client.estats(model: .nano3s)
            #expect(low.workMode == 0)
            // The refitted board file's low point (46.2 W, a MODEL figure: docs/chip-models.md); the
            // firmware's MPO stays the 70 W cap it reports, which a unit drawing less stays under.
            let lowPoint = hardware.withHeater { $0.board.profile.operatingPoints[0] }
            #expect(abs((low.wallPower?.value ?? 0) - lowPoint.power.value) < 10, "low reads \(low.wallPower?.value ?? 0) W")
            #expect((low.wallPower?.value ?? 99) < (low.maxPowerOutput?.value ?? 0))
            #expect(abs((low.hashrate?.terahashes ?? 0) - 3) < 0.4)
            // At its low power the fan's lowest duty already keeps the chips under TarT 80: it idles there.
            #expect((low.averageChip?.value ?? 99) <= 82)
            #expect(low.fanDuty == .percent(15) || abs((low.averageChip?.value ?? 0) - 80) <= 2)
            if case .auto = hardware.fan.control {} else { Issue.record("fan on the firmware's loop") }

            #expect(try await client.ascset(.setWorkMode(2)) == .ok)
            run(5, hardware: hardware, emulator: emulator, clock: clock)
            let calibrating = try await client.estats(model: .nano3s)
            #expect(calibrating.line["ADJ"] == "0")
            #expect(calibrating.hashrate == .zero)
            #expect(calibrating.systemStatus?.work == "In Init")
            #expect((calibrating.wallPower?.value ?? 100) < 15, "no hashing while recalibrating")
            #expect(try await client.ascset(.setWorkMode(1)).accepted == false)

            run(60, hardware: hardware, emulator: emulator, clock: clock)
            #expect(try await client.estats(model: .nano3s).line["ADJ"] == "1")
            run(900, hardware: hardware, emulator: emulator, clock: clock)
            let high = try await client.estats(model: .nano3s)
            #expect(high.workMode == 2)
            #expect(high.maxPowerOutput == Watts(133))
            // The board's physics at the stock TAvg 90 °C: more than the published 140 W (leakage).
            #expect((high.wallPower?.value ?? 0) > (low.wallPower?.value ?? 0) + 50)
            #expect((high.wallPower?.value ?? 0) < 175)
            #expect(abs((high.hashrate?.terahashes ?? 0) - 6) < 0.7)
            #expect(abs((high.averageChip?.value ?? 0) - 90) <= 3)
            #expect((high.hottestChip?.value ?? 0) > (high.averageChip?.value ?? 0))
            let summary = try await client.summary()
            #expect((summary.averageHashrate?.terahashes ?? 0) > 2)
            #expect(emulator.counters.settingChanges == 1)
            #expect(emulator.counters.refused == 1)
            #expect(hardware.lastError == nil)
        }
    }

    @Test func fixedFanAndSoftOffReachThePhysics() async throws {
        let clock = ManualClock()
        let hardware = SimulatedAvalonHardware(heater: try AvalonTestSupport.heater("avalon-q"), model: .q)
        try await withEmulator(.q, host: "127.0.0.139", clock: clock, hardware: hardware) { emulator, client in
            run(300, hardware: hardware, emulator: emulator, clock: clock)
            #expect(try await client.ascset(.fan(.percent(100))) == .ok)
            run(30, hardware: hardware, emulator: emulator, clock: clock)
            let full = try await client.estats(model: .q)
            #expect(full.fanDuty == .percent(100))
            #expect(full.fanSpeeds.count == 4)
            #expect(abs((full.fanSpeeds.first?.value ?? 0) - hardware.withHeater { $0.board.profile.fan.maximumRPM.value }) < 100)

            // Soft off 10 s from now on the unit's clock, as pyasic sends it.
            let now = 1_765_000_000 + Int64(clock.now.value)
            #expect(try await client.ascset(.softOff(atUnixTime: now + 10)).accepted)
            run(5, hardware: hardware, emulator: emulator, clock: clock)
            #expect(try await client.estats(model: .q).hashrate != .zero)
            run(10, hardware: hardware, emulator: emulator, clock: clock)
            let idle = try await client.estats(model: .q)
            #expect(idle.softOffReason == 4)
            #expect(idle.hashrate == .zero)
            #expect(idle.systemStatus?.work == "In Idle")
            #expect((idle.wallPower?.value ?? 1000) < 100)
            #expect(idle.line["SoftOffTime"] == "\(now + 10)")
            #expect(hardware.withHeater { !$0.hashBoard.hashing })
        }
    }
}
