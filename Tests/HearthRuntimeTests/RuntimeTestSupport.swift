import Dispatch
import HearthCore
import HearthHAL
import Synchronization

/// A two-point heater for runtime tests (the numbers only need to be plausible).
let runtimeBoard = BoardProfile(
    id: "runtime-test", name: "Runtime test heater",
    operatingPoints: [
        OperatingPoint(name: "low", frequency: Megahertz(300), voltage: Millivolts(290), power: Watts(80),
                       hashrate: HashRate(terahashes: 3.5)),
        OperatingPoint(name: "high", frequency: Megahertz(420), voltage: Millivolts(310), power: Watts(140),
                       hashrate: HashRate(terahashes: 6)),
    ],
    thermal: ThermalLimits(chipTarget: Celsius(75), chipThrottle: Celsius(88), chipTrip: Celsius(95), chipLimit: Celsius(100)),
    fan: FanLimits(minimumDuty: DutyCycle(0.15), safeDuty: DutyCycle(1), maximumRPM: RPM(4700), stallRPM: RPM(400),
                   stallCheckDuty: DutyCycle(0.3), quietRPM: RPM(1500)),
    hasPowerSensor: false)

/// Healthy readings whose raw bits move with `salt`, so the stuck-sensor check stays quiet.
func healthyReadings(room: Double = 19, chip: Double = 70, salt: UInt32 = 0) -> DeviceReadings {
    DeviceReadings(chipTemperature: Reading(Celsius(chip + Double(salt % 3) * 0.125), raw: UInt32(chip * 8) &+ salt % 3),
                   roomTemperature: Reading(Celsius(room), raw: UInt32(room * 16)),
                   fanSpeed: Reading(RPM(2500), raw: 2500 &+ salt % 5))
}

/// Control time the test moves by hand; devices can wait for it to pass a mark.
final class VirtualTime: Sendable {
    private struct Waiter { let until: Double; let signal: DispatchSemaphore }
    private let state = Mutex<(now: Double, waiters: [Waiter])>((0, []))

    var now: Seconds { Seconds(state.withLock { $0.now }) }

    func advance(by seconds: Double) {
        let due = state.withLock { s -> [DispatchSemaphore] in
            s.now += seconds
            let due = s.waiters.filter { $0.until <= s.now }.map(\.signal)
            s.waiters.removeAll { $0.until <= s.now }
            return due
        }
        for d in due { d.signal() }
    }

    /// Blocks the calling (device) thread until control time reaches `until`, or
    /// `wallTimeout` passes; returns false on the timeout.
    func wait(until: Double, wallTimeout: Double = 10) -> Bool {
        let signal = DispatchSemaphore(value: 0)
        let already = state.withLock { s -> Bool in
            if s.now >= until { return true }
            s.waiters.append(Waiter(until: until, signal: signal))
            return false
        }
        if already { return true }
        return signal.wait(timeout: .now() + wallTimeout) == .success
    }
}

/// A device whose every read takes `readTime` seconds of control time, like a stock
/// miner answering over the network; it can be made to hang until released.
final class SlowDevice: HeaterMiner, @unchecked Sendable {
    let profile = runtimeBoard
    let readingAgeLimit: Seconds
    private let time: VirtualTime
    private let readTime: Double
    private struct State {
        var hanging = false
        var readsStarted = 0
        var readsDone = 0
        var lastCompletedStart = -1.0
        var applied: [DeviceCommand] = []
        var failApplies = false
    }
    private let lock = Mutex(State())
    private let release = DispatchSemaphore(value: 0)
    private let progress = DispatchSemaphore(value: 0)

    init(time: VirtualTime, readTime: Double, readingAgeLimit: Seconds) {
        self.time = time
        self.readTime = readTime
        self.readingAgeLimit = readingAgeLimit
    }

    var readsDone: Int { lock.withLock { $0.readsDone } }
    var readsStarted: Int { lock.withLock { $0.readsStarted } }
    /// Control time at which the newest completed read began (its readings' stamp).
    var lastCompletedStart: Double { lock.withLock { $0.lastCompletedStart } }
    var applied: [DeviceCommand] { lock.withLock { $0.applied } }
    func hang() { lock.withLock { $0.hanging = true } }
    func unhang() { lock.withLock { $0.hanging = false }; release.signal() }
    func failApplies(_ fail: Bool) { lock.withLock { $0.failApplies = fail } }

    /// Waits (bounded, wall time) until `done` reads have completed and `started` have begun.
    func waitForReads(done: Int, started: Int, wallTimeout: Double = 10) -> Bool {
        let deadline = DispatchTime.now() + wallTimeout
        while lock.withLock({ $0.readsDone < done || $0.readsStarted < started }) {
            if progress.wait(timeout: deadline) == .timedOut { return false }
        }
        return true
    }

    /// Waits (bounded, wall time) until `count` commands have been applied.
    func waitForApplied(_ count: Int, wallTimeout: Double = 10) -> Bool {
        let deadline = DispatchTime.now() + wallTimeout
        while lock.withLock({ $0.applied.count < count }) {
            if progress.wait(timeout: deadline) == .timedOut { return false }
        }
        return true
    }

    func read() -> DeviceReadings {
        let start = time.now.value
        lock.withLock { $0.readsStarted += 1 }
        progress.signal()
        _ = time.wait(until: start + readTime)
        if lock.withLock({ $0.hanging }) { _ = release.wait(timeout: .now() + 30) }
        let n = lock.withLock { s -> Int in
            s.readsDone += 1
            s.lastCompletedStart = start
            return s.readsDone
        }
        progress.signal()
        return healthyReadings(salt: UInt32(n))
    }

    func apply(_ command: DeviceCommand) throws(BusError) {
        let fail = lock.withLock { s -> Bool in
            if !s.failApplies { s.applied.append(command) }
            return s.failApplies
        }
        progress.signal()
        if fail { throw BusError(.io, bus: "test:slow", detail: "refused the command") }
    }
}

/// An I2C-like device answering inside the tick, with scripted readings and failures.
final class InlineDevice: HeaterMiner {
    let profile = runtimeBoard
    var readings: DeviceReadings = healthyReadings()
    var applyFailures = 0
    private(set) var applied: [DeviceCommand] = []
    private var reads: UInt32 = 0

    func read() -> DeviceReadings {
        reads += 1
        var r = readings
        r.chipTemperature = Reading(Celsius((r.chipTemperature.value?.value ?? 70) + Double(reads % 3) * 0.125),
                                    raw: (r.chipTemperature.raw ?? 0) &+ reads % 3)
        if readings.chipTemperature.error != nil { r.chipTemperature = readings.chipTemperature }
        return r
    }

    func apply(_ command: DeviceCommand) throws(BusError) {
        if applyFailures > 0 {
            applyFailures -= 1
            throw BusError(.nack, bus: "test:i2c", detail: "fan controller did not answer")
        }
        applied.append(command)
    }
}

func controlTime(_ t: Double) -> ControlTime {
    ControlTime(monotonic: Seconds(t), week: WeekTime(day: 0, hour: 6).advanced(by: Seconds(t)))
}
