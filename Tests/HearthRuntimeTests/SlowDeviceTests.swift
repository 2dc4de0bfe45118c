import HearthCore
import HearthHAL
import HearthRuntime
import Testing

/// Issue 10, point 4: a device whose reads take 2 s must not stretch the tick, and
/// readings that stop coming must end in the safe state within the device's limit.
@Suite(.timeLimit(.minutes(1))) struct SlowDeviceTests {
    /// Runs `ticks` ticks of 1 s control time. Before each tick the test lets the device
    /// finish the read that control time has made due and begin the next, so nothing
    /// depends on how threads happen to be scheduled.
    private func run(_ loop: ControlLoop, _ device: SlowDevice, _ time: VirtualTime, from start: Int, ticks: Int,
                     readTime: Int, expectReads: Bool = true) -> [TickRecord] {
        var records: [TickRecord] = []
        for i in start..<(start + ticks) {
            if expectReads && i % readTime == 0 {
                #expect(device.waitForReads(done: i / readTime, started: i / readTime + 1),
                        "read \(i / readTime) never completed")
            }
            records.append(loop.tick(at: controlTime(time.now.value)))
            time.advance(by: 1)
        }
        return records
    }

    @Test func twoSecondReadsNeverStretchTheTick() {
        let time = VirtualTime()
        let device = SlowDevice(time: time, readTime: 2, readingAgeLimit: Seconds(5))
        let background = BackgroundDevice(wrapping: device, pollInterval: .zero, now: { time.now })
        defer { background.stop() }
        let loop = ControlLoop(device: background, policy: HeaterController(board: runtimeBoard))
        let records = run(loop, device, time, from: 0, ticks: 60, readTime: 2)

        // The first two seconds wait for the first reading (hashing off, no trip).
        #expect(records[0].decision.reasons == [.awaitingDevice])
        #expect(records[0].decision.command == .safe(runtimeBoard))
        let running = records.dropFirst(3)
        #expect(running.allSatisfy { $0.decision.trip == nil })
        #expect(running.contains { $0.decision.command.hashing })                  // a cold room gets heat
        #expect(running.map(\.oldestReadingAge.value).max()! <= 3)                  // read started ≤ 3 s before the tick
        let slowest = records.map(\.timing.deviceIO).max()!
        #expect(slowest < .milliseconds(50), "a tick waited \(slowest) on a device whose reads take 2 s")
        #expect(device.readsDone >= 29)
    }

    @Test func aDeviceThatStopsAnsweringEndsInTheSafeStateWithinItsLimit() {
        let time = VirtualTime()
        let limit = 5.0
        let device = SlowDevice(time: time, readTime: 2, readingAgeLimit: Seconds(limit))
        let background = BackgroundDevice(wrapping: device, pollInterval: .zero, now: { time.now })
        let loop = ControlLoop(device: background, policy: HeaterController(board: runtimeBoard))
        _ = run(loop, device, time, from: 0, ticks: 20, readTime: 2)
        #expect(loop.last?.decision.command.hashing == true)

        // The device hangs in the middle of its next read (the one begun at 20 s).
        #expect(device.waitForReads(done: 10, started: 11))
        device.hang()
        let after = run(loop, device, time, from: 20, ticks: 15, readTime: 2, expectReads: false)
        let firstTrip = after.first { $0.decision.trip != nil }
        #expect(firstTrip?.decision.trip?.reason.kind == .staleReading)
        let lastReadStart = device.lastCompletedStart     // the readings' stamp: 18 s
        #expect(lastReadStart == 18)
        let tripTime = firstTrip?.time.monotonic.value ?? .infinity
        #expect(tripTime <= lastReadStart + limit + 1, "tripped at \(tripTime) s; readings stopped at \(lastReadStart) s")
        #expect(after.filter { $0.time.monotonic.value >= tripTime }.allSatisfy { $0.decision.command == .safe(runtimeBoard) })
        #expect(after.map(\.timing.deviceIO).max()! < .milliseconds(50))

        // When the device answers again, the first command it gets is the safe one.
        let appliedBefore = device.applied.count
        device.unhang()
        #expect(device.waitForApplied(appliedBefore + 1))
        background.stop()
        time.advance(by: 10)                             // lets a read begun meanwhile finish
        #expect(background.waitUntilStopped(timeout: .seconds(10)))
        #expect(device.applied[appliedBefore] == .safe(runtimeBoard))
    }

    @Test func aCommandTheDeviceRefusesIsAnActuatorTrip() {
        let time = VirtualTime()
        let device = SlowDevice(time: time, readTime: 1, readingAgeLimit: Seconds(5))
        let background = BackgroundDevice(wrapping: device, pollInterval: .zero, now: { time.now })
        defer { background.stop() }
        device.failApplies(true)
        let loop = ControlLoop(device: background, policy: HeaterController(board: runtimeBoard))
        let trip = run(loop, device, time, from: 0, ticks: 10, readTime: 1).compactMap(\.decision.trip).first
        #expect(trip?.reason.kind == .actuatorFailure)
        #expect(trip.map { "\($0.reason)" }?.contains("refused the command") == true)
    }
}
