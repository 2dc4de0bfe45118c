import HearthAxeOS
import HearthCore
import HearthEmulators
import HearthPlugs
import Testing

/// AxeOSDevice against the emulated firmware on loopback (127.0.0.170–179).
@Suite("AxeOS device", .serialized)
struct AxeOSDeviceTests {
    func device(_ gamma: EmulatedGamma, clock: TestClock, options: AxeOSDeviceOptions = AxeOSDeviceOptions()) async throws -> AxeOSDevice {
        let asic = try await gamma.client.asicInfo()
        return try AxeOSDevice(link: gamma.client, board: gamma.board, asic: asic, options: options,
                               room: { Reading(Celsius(18), takenAt: clock.now) }, now: { clock.now })
    }

    @Test func pointsAreTheFirmwaresOptionsOnTheBoardsLine() async throws {
        let gamma = try await EmulatedGamma.start(host: "127.0.0.170")
        defer { Task { await gamma.emulator.stop() } }
        let asic = try await gamma.client.asicInfo()
        let map = try AxeOSPointMap(board: gamma.board, asic: asic, peer: "test")
        #expect(map.points.map(\.name) == ["400MHz@1000mV", "490MHz@1100mV", "525MHz@1150mV", "550MHz@1150mV",
                                           "600MHz@1200mV", "625MHz@1250mV"])
        // Each offered voltage is at or above the table's line at that frequency.
        for p in map.points {
            let line = gamma.board.operatingPoints.sorted { $0.frequency < $1.frequency }
            if let exact = line.first(where: { $0.frequency == p.frequency }) { #expect(p.voltage >= exact.voltage) }
        }
        #expect(zip(map.points, map.points.dropFirst()).allSatisfy { $0.power <= $1.power })
    }

    @Test func optionsOffTheBoardsTableAreRefusedWithTheReason() {
        let board = BoardProfile(id: "x", name: "x", operatingPoints: [
            OperatingPoint(name: "a", frequency: Megahertz(400), voltage: Millivolts(1300), power: Watts(10), hashrate: HashRate(1e12)),
        ], thermal: ThermalLimits(chipTarget: Celsius(60), chipThrottle: Celsius(65), chipTrip: Celsius(70), chipLimit: Celsius(75)),
           fan: FanLimits(minimumDuty: DutyCycle(0.2), safeDuty: .full, maximumRPM: RPM(7000), stallRPM: RPM(500),
                          stallCheckDuty: DutyCycle(0.3), quietRPM: RPM(4000)), hasPowerSensor: true)
        let asic = AxeOSASICInfo(asicModel: "BM1370", frequencyOptions: [Megahertz(400)], voltageOptions: [Millivolts(1200)])
        #expect(throws: AxeOSError.self) { try AxeOSPointMap(board: board, asic: asic, peer: "axeos 127.0.0.1:80") }
    }

    @Test func readsAreStampedAndCommandsReachTheBoard() async throws {
        let gamma = try await EmulatedGamma.start(host: "127.0.0.171")
        let clock = TestClock()
        let device = try await device(gamma, clock: clock)
        gamma.warm(for: Seconds(120))
        clock.advance(Seconds(5))
        let readings = try await offPool { device.read() }
        #expect(readings.chipTemperature.takenAt == Seconds(5))
        #expect((readings.chipTemperature.value?.value ?? 0) > 25)
        #expect((readings.power?.value?.value ?? 0) > 10)
        #expect(device.status.frequency == Megahertz(525))

        // 600 MHz: one PATCH with frequency and voltage together.
        let index = try #require(device.map.points.firstIndex { $0.frequency == Megahertz(600) })
        try await offPool { try device.apply(DeviceCommand(hashing: true, operatingPoint: index, fanDuty: .full)) }
        #expect(gamma.emulator.patches == [#"{"frequency":600,"coreVoltage":1200}"#])
        #expect(gamma.emulator.hardware.snapshot().frequency == Megahertz(600))

        // Off is pause; on again is resume; nothing else is sent.
        try await offPool { try device.apply(DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: .full)) }
        #expect(gamma.emulator.pauses == 1)
        #expect(gamma.emulator.hardware.snapshot().paused)
        clock.advance(Seconds(10))
        let paused = try await offPool { device.read() }
        #expect(device.status.hashing == false)
        #expect(paused.power != nil)
        try await offPool { try device.apply(DeviceCommand(hashing: true, operatingPoint: index, fanDuty: .full)) }
        #expect(gamma.emulator.resumes == 1)
        #expect(gamma.emulator.patches.count == 1)
        await gamma.emulator.stop()
    }

    @Test func changesWaitOutTheDwellAndTheRateBound() async throws {
        let gamma = try await EmulatedGamma.start(host: "127.0.0.172")
        let clock = TestClock()
        var options = AxeOSDeviceOptions()
        options.maximumCommandsPerMinute = 3
        let device = try await device(gamma, clock: clock, options: options)
        _ = try await offPool { device.read() }
        try await offPool { try device.apply(DeviceCommand(hashing: true, operatingPoint: 0, fanDuty: .full)) }
        #expect(gamma.emulator.patches.count == 1)
        // A new point 10 s later waits for the 60 s dwell.
        clock.advance(Seconds(10))
        try await offPool { try device.apply(DeviceCommand(hashing: true, operatingPoint: 5, fanDuty: .full)) }
        #expect(gamma.emulator.patches.count == 1)
        #expect(device.status.commandsDeferred >= 1)
        clock.advance(Seconds(51))
        try await offPool { try device.apply(DeviceCommand(hashing: true, operatingPoint: 5, fanDuty: .full)) }
        #expect(gamma.emulator.patches.count == 2)
        // A controller flapping on/off every second gets at most 3 changes a minute.
        for _ in 0..<20 {
            clock.advance(Seconds(1))
            try await offPool { try device.apply(DeviceCommand(hashing: false, operatingPoint: 5, fanDuty: .full)) }
            clock.advance(Seconds(1))
            try await offPool { try device.apply(DeviceCommand(hashing: true, operatingPoint: 5, fanDuty: .full)) }
        }
        let sent = gamma.emulator.pauses + gamma.emulator.resumes + gamma.emulator.patches.count
        #expect(sent <= 2 + 3 * 1 + 3, "pauses \(gamma.emulator.pauses) resumes \(gamma.emulator.resumes)")
        #expect(gamma.emulator.pauses >= 1)
        await gamma.emulator.stop()
    }

    @Test func hearthRunsTheFanWhenAsked() async throws {
        let gamma = try await EmulatedGamma.start(host: "127.0.0.173")
        let clock = TestClock()
        var options = AxeOSDeviceOptions()
        options.fanControl = .hearth
        let device = try await device(gamma, clock: clock, options: options)
        gamma.warm(for: Seconds(30))
        let readings = try await offPool { device.read() }
        #expect(readings.fanSpeed != nil)
        try await offPool { try device.apply(DeviceCommand(hashing: true, operatingPoint: 2, fanDuty: DutyCycle(0.55))) }
        #expect(gamma.emulator.patches.contains(#"{"autofanspeed":0,"fanspeed":55}"#), "\(gamma.emulator.patches)")
        let s = gamma.emulator.hardware.snapshot()
        #expect(!s.autoFan && s.fanDuty == DutyCycle.percent(55))
        await gamma.emulator.stop()
    }

    @Test func aBoardOffTheNetworkGoesStaleAndIsAskedAgainAfterABackoff() async throws {
        let gamma = try await EmulatedGamma.start(host: "127.0.0.174")
        let clock = TestClock()
        let device = try await device(gamma, clock: clock)
        let first = try await offPool { device.read() }
        await gamma.emulator.stop()
        clock.advance(Seconds(5))
        let second = try await offPool { device.read() }
        #expect(second.chipTemperature.takenAt == first.chipTemperature.takenAt)  // old time: grows stale
        #expect(device.status.consecutiveFailedPolls == 1)
        #expect(device.status.lastError?.contains("connection refused") == true, "\(device.status.lastError ?? "")")
        // Within the backoff the board is not asked again.
        clock.advance(Seconds(0.5))
        _ = try await offPool { device.read() }
        #expect(device.status.consecutiveFailedPolls == 1)
        // Back on the network: the next poll after the pause reads it again.
        _ = try await gamma.emulator.start(host: gamma.host, port: gamma.port)
        clock.advance(Seconds(30))
        let back = try await offPool { device.read() }
        #expect(back.chipTemperature.takenAt == clock.now)
        #expect(device.status.consecutiveFailedPolls == 0)
        await gamma.emulator.stop()
    }

    @Test func aSlowBoardTimesOutAndAFailedPatchIsReported() async throws {
        let gamma = try await EmulatedGamma.start(
            host: "127.0.0.175", options: HTTPClientOptions(connectTimeout: .seconds(2), responseTimeout: .milliseconds(300)))
        let clock = TestClock()
        let device = try await device(gamma, clock: clock)
        _ = try await offPool { device.read() }
        gamma.emulator.inject(.slow(.seconds(2)))
        clock.advance(Seconds(5))
        _ = try await offPool { device.read() }
        #expect(device.status.lastError?.contains("no response within 300 ms") == true, "\(device.status.lastError ?? "")")
        gamma.emulator.refusePatches = true
        clock.advance(Seconds(30))
        _ = try await offPool { device.read() }
        try await offPool { try device.apply(DeviceCommand(hashing: true, operatingPoint: 0, fanDuty: .full)) }
        #expect(device.status.commandsFailed == 1)
        #expect(device.status.lastError?.contains("HTTP 500") == true, "\(device.status.lastError ?? "")")
        #expect(gamma.emulator.hardware.snapshot().frequency == Megahertz(525))
        await gamma.emulator.stop()
    }

    @Test func garbageFromTheBoardIsAnErrorNotACrash() async throws {
        let gamma = try await EmulatedGamma.start(host: "127.0.0.176")
        gamma.emulator.inject(.garbageBody)
        do {
            _ = try await gamma.client.systemInfo()
            Issue.record("decoded garbage")
        } catch {
            #expect(error.description.contains("not JSON"), "\(error)")
        }
        gamma.emulator.inject(.serverError)
        await #expect(throws: AxeOSError.self) { try await gamma.client.asicInfo() }
        await gamma.emulator.stop()
    }

    @Test func probeSaysWhatHearthCanDo() async throws {
        let gamma = try await EmulatedGamma.start(host: "127.0.0.177")
        let report = await AxeOSProbe.run(gamma.client, board: gamma.board, chip: "BM1370")
        #expect(report.ok, "\(report.checks)")
        #expect(report.asicModel == "BM1370")
        #expect(report.points.count == 6)
        #expect(report.cannot.contains { $0.contains("no password") })
        let wrong = await AxeOSProbe.run(gamma.client, board: gamma.board, chip: "BM1366")
        #expect(!wrong.ok)
        await gamma.emulator.stop()
        let gone = await AxeOSProbe.run(gamma.client)
        #expect(!gone.ok && gone.checks.first?.detail.contains("refused") == true)
    }

    @Test func theEmulatedChipFollowsItsVoltageAndFrequency() async throws {
        let gamma = try await EmulatedGamma.start(host: "127.0.0.178")
        gamma.warm(for: Seconds(300))
        let stock = try await gamma.client.systemInfo()
        try await gamma.client.update(AxeOSSettings(frequency: Megahertz(400), coreVoltage: Millivolts(1000)))
        gamma.warm(for: Seconds(300), from: Seconds(300))
        let low = try await gamma.client.systemInfo()
        #expect(low.power.value < stock.power.value - 4, "\(low.power) vs \(stock.power)")
        #expect(low.hashrate.gigahashes < stock.hashrate.gigahashes * 0.85)
        // Stock Gamma: 19.4–20.1 W at 525 MHz / 1150 mV in recorded replies.
        #expect((17...22).contains(stock.power.value), "\(stock.power)")
        try await gamma.client.pause()
        gamma.warm(for: Seconds(60), from: Seconds(600))
        let paused = try await gamma.client.systemInfo()
        #expect(paused.miningPaused == true && paused.hashrate.value == 0)
        await gamma.emulator.stop()
    }
}
