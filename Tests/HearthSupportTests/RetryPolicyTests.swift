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

    @Test func scheduleCountsFailuresAndDrawsJitterFromItsSeed() {
        var schedule = RetrySchedule(policy: policy, seed: 42)
        var draws = SplitMix64(state: 42)
        let expected = (1...5).map { policy.delay(afterFailures: $0, random: draws.uniform()) }
        let delays = (1...5).map { _ in schedule.failed() }
        #expect(delays == expected)
        #expect(schedule.failures == 5)
        // Same seed, same delays; another seed spreads them.
        var again = RetrySchedule(policy: policy, seed: 42)
        var other = RetrySchedule(policy: policy, seed: 7)
        #expect((1...5).map { _ in again.failed() } == delays)
        #expect((1...5).map { _ in other.failed() } != delays)
        #expect(delays.allSatisfy { $0 >= policy.floor && $0 <= policy.cap })
    }

    @Test func onlyAHealthyConnectionResetsTheCount() {
        let exact = RetryPolicy(floor: .seconds(1), initial: .seconds(2), cap: .seconds(60), jitter: 0, healthyAfter: .seconds(30))
        var schedule = RetrySchedule(policy: exact, seed: 1)
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
        var schedule = RetrySchedule(policy: .standard)
        var waited = Duration.zero
        var attempts = 0
        while waited < .seconds(600), attempts < 10_000 {
            waited += schedule.failed(connectedFor: .zero, requested: .zero)
            attempts += 1
        }
        #expect(attempts < 25, "\(attempts) reconnects in 10 minutes")
    }
}
