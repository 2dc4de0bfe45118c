import HearthSupport
import Testing

@Suite struct DurationSecondsTests {
    @Test func secondsIncludeTheFraction() {
        #expect(Duration.milliseconds(1500).seconds == 1.5)
        #expect(Duration.seconds(-1.5).seconds == -1.5)
        #expect(Duration.nanoseconds(1).seconds == 1e-9)
        #expect(Duration.seconds(86_400 * 365).seconds == 31_536_000)
        #expect(Duration.zero.seconds == 0)
    }
}
