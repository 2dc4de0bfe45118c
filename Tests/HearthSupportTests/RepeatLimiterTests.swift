import HearthSupport
import Testing

@Suite struct RepeatLimiterTests {
    @Test func aStormBecomesOneLinePerWindowWithACount() {
        var limiter = RepeatLimiter(window: .seconds(10))
        var lines: [RepeatLimiter.Admission] = []
        for ms in stride(from: 0, to: 30_000, by: 2) {            // 500 events a second for 30 s
            let a = limiter.admit("pool 127.0.0.1:3333 reconnect", now: .milliseconds(ms))
            if a != .suppress { lines.append(a) }
        }
        #expect(lines.count == 3)
        #expect(lines[0] == .log(suppressed: 0))
        #expect(lines[1] == .log(suppressed: 4999))
        #expect(limiter.suffix(4999) == " (… 4999 more times in the last 10 s)")
    }

    @Test func keysAreApartAndBounded() {
        var limiter = RepeatLimiter(window: .seconds(10), capacity: 4)
        #expect(limiter.admit("a", now: .zero) == .log(suppressed: 0))
        #expect(limiter.admit("b", now: .zero) == .log(suppressed: 0))
        #expect(limiter.admit("a", now: .seconds(1)) == .suppress)
        for i in 0..<100 { _ = limiter.admit("k\(i)", now: .seconds(2)) }   // memory stays bounded
        #expect(limiter.admit("a", now: .seconds(3)) == .log(suppressed: 0))
    }
}
