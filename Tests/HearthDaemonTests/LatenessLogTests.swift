import HearthDaemon
import Testing

@Suite struct LatenessLogTests {
    @Test func percentilesCoverTheLastWindowAndWorstTheWholeRun() {
        var log = LatenessLog()
        #expect(log.percentile(0.99) == nil)
        log.add(.seconds(2))                        // the worst, soon pushed out of the window
        log.add(.milliseconds(-3))                  // early counts as on time
        #expect(log.percentile(0) == .zero)
        for i in 0..<LatenessLog.capacity { log.add(.milliseconds(i % 100)) }
        #expect(log.count == LatenessLog.capacity + 2)
        #expect(log.worst == .seconds(2))
        #expect(log.percentile(1) == .milliseconds(99))
        #expect(log.percentile(0.5) == .milliseconds(49))
    }
}
