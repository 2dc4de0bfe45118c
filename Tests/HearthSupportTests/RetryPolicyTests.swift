import HearthSupport
import Testing

@Suite struct RetryPolicyTests {
    private let policy = RetryPolicy(floor: .seconds(1), initial: .seconds(2), multiplier: 2, cap: .seconds(60),
                                     jitter: 0.5, healthyAfter: .seconds(30))

    @Test func growsExponentiallyToTheCap() {
        let delays = (1...8).map { policy.delay(afterFailures: $0, random: 0) }
        #expect(delays == [.seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32), .seconds(60), .seconds(60),
                           .seconds(60)])
        #expect(policy.delay(afterFailures: 10_000, random: 0) == .seconds(60))
        #expect(policy.delay(afterFailures: Int.max, random: 0) == .seconds(60))
    }

    @Test func jitterTakesOffUpToItsShare() {
        #expect(policy.delay(afterFailures: 3, random: 0) == .seconds(8))
        #expect(policy.delay(afterFailures: 3, random: 0.5) == .seconds(6))
        #expect(policy.delay(afterFailures: 3, random: 1) == .seconds(4))
        // Out-of-range draws are clamped, not trusted.
        #expect(policy.delay(afterFailures: 3, random: 7) == .seconds(4))
        #expect(policy.delay(afterFailures: 3, random: -1) == .seconds(8))
        #expect(policy.delay(afterFailures: 3, random: .nan) == .seconds(8))
    }

    @Test func neverBelowTheFloorWhateverThePeerAsks() {
        let eager = RetryPolicy(floor: .seconds(1), initial: .zero, multiplier: 2, cap: .seconds(60), jitter: 1)
        for failures in 0...5 {
            #expect(eager.delay(afterFailures: failures, random: 1, requested: .zero) == .seconds(1))
        }
        #expect(policy.delay(afterFailures: 1, random: 1, requested: .milliseconds(1)) == .seconds(1))
        // A negative or inverted configuration still yields the floor, not a busy loop.
        let broken = RetryPolicy(floor: .seconds(1), initial: .seconds(-5), multiplier: -3, cap: .zero, jitter: 2)
        #expect(broken.delay(afterFailures: 3, random: 0.3) == .seconds(1))
    }

    @Test func aLongerRequestedWaitIsHonouredUpToTheCap() {
        #expect(policy.delay(afterFailures: 1, random: 0, requested: .seconds(10)) == .seconds(10))
        #expect(policy.delay(afterFailures: 1, random: 0, requested: .seconds(3600)) == .seconds(60))
        #expect(policy.delay(afterFailures: 4, random: 0, requested: .seconds(3)) == .seconds(16))
    }

    @Test func defaultsHaveAOneSecondFloor() {
        let standard = RetryPolicy.standard
        #expect(standard.floor >= .seconds(1))
        for failures in 1...20 {
            for r in [0.0, 0.5, 0.999] {
                let d = standard.delay(afterFailures: failures, random: r, requested: .zero)
                #expect(d >= .seconds(1) && d <= standard.cap)
            }
        }
    }

    @Test func scheduleCountsFailuresAndDrawsJitter() {
        let draws = Draws([0, 1, 0.5])
        var schedule = RetrySchedule(policy: policy) { draws.next() }
        #expect(schedule.failed() == .seconds(2))
        #expect(schedule.failed() == .seconds(2))  // 4 s base, all of the jitter
        #expect(schedule.failed() == .seconds(6))  // 8 s base, half of it
        #expect(schedule.failures == 3)
    }

    @Test func onlyAHealthyConnectionResetsTheCount() {
        var schedule = RetrySchedule(policy: policy) { 0 }
        _ = schedule.failed()
        _ = schedule.failed()
        // Accepted and dropped at once: still a failing peer.
        #expect(schedule.failed(connectedFor: .milliseconds(5)) == .seconds(8))
        #expect(schedule.failed(connectedFor: .seconds(29)) == .seconds(16))
        // Up for longer than healthyAfter: the next failure is a first failure again.
        #expect(schedule.failed(connectedFor: .seconds(30)) == .seconds(2))
        #expect(schedule.failures == 1)
        schedule.reset()
        #expect(schedule.failures == 0)
    }

    @Test func aReconnectStormIsBoundedByTheFloor() {
        // A peer that asks for an immediate reconnect every time, for 10 minutes of waits.
        var schedule = RetrySchedule(policy: .standard) { 0.999 }
        var waited = Duration.zero
        var attempts = 0
        while waited < .seconds(600), attempts < 10_000 {
            waited += schedule.failed(connectedFor: .zero, requested: .zero)
            attempts += 1
        }
        #expect(attempts < 25, "\(attempts) reconnects in 10 minutes")
    }
}

/// A fixed sequence of random draws, repeating its last one. Each test draws from one
/// task only; `@unchecked` just lets the closure that reads it be `@Sendable`.
private final class Draws: @unchecked Sendable {
    private let values: [Double]
    private var index = 0
    init(_ values: [Double]) { self.values = values }
    func next() -> Double {
        defer { index += 1 }
        return values[min(index, values.count - 1)]
    }
}
