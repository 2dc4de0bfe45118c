import HearthCore
import HearthHAL
import HearthRuntime
import Testing

@Suite struct ControlLoopTests {
    @Test func aTickReturnsWhatItReadDecidedAndHowLongItTook() {
        let device = InlineDevice()
        let loop = ControlLoop(device: device, policy: HeaterController(board: runtimeBoard))
        let r = loop.tick(at: controlTime(0))
        #expect(r.readings.roomTemperature.value == Celsius(19))
        #expect(r.decision.trip == nil)
        #expect(device.applied == [r.decision.command])
        #expect(r.timing.total >= r.timing.read && r.actuatorError == nil)
        #expect(loop.last?.time == r.time)
    }

    @Test func anActuatorFailureReachesTheSupervisorNextTick() {
        let device = InlineDevice()
        let loop = ControlLoop(device: device, policy: HeaterController(board: runtimeBoard))
        device.applyFailures = 1
        let failed = loop.tick(at: controlTime(0))
        #expect(failed.actuatorError?.contains("fan controller did not answer") == true)
        let next = loop.tick(at: controlTime(1))
        #expect(next.decision.trip?.reason.kind == .actuatorFailure)
        #expect(device.applied.last == .safe(runtimeBoard))
    }

    @Test func shutDownTriesTwiceForTheSafeState() {
        let device = InlineDevice()
        let loop = ControlLoop(device: device, policy: BangBangController(board: runtimeBoard))
        device.applyFailures = 1
        let errors = loop.shutDown()
        #expect(errors.count == 1)
        #expect(device.applied == [.safe(runtimeBoard)])
        device.applyFailures = 2
        #expect(loop.shutDown().count == 2)
    }

    @Test func eventsAreChangesNotTicks() {
        let device = InlineDevice()
        device.readings = healthyReadings(room: 15)
        let loop = ControlLoop(device: device, policy: HeaterController(board: runtimeBoard))
        var previous: TickRecord?
        var events: [ControlEvent] = []
        for t in 0..<600 {
            let r = loop.tick(at: controlTime(Double(t)))
            events += ControlEvent.between(previous, r, profile: runtimeBoard)
            previous = r
        }
        #expect(events.first?.message.hasPrefix("started: mode heat") == true)
        #expect(events.filter { $0.level != .debug }.count < 10, "\(events)")
        device.readings.chipTemperature = .failed("chip", "nack")
        for t in 600..<603 {
            let r = loop.tick(at: controlTime(Double(t)))
            events += ControlEvent.between(previous, r, profile: runtimeBoard)
            previous = r
        }
        #expect(events.filter { $0.level == .critical && $0.message.contains("TRIP") }.count == 1)
    }
}
