import HearthMining
import HearthSupport

/// The drills' figures per fault kind: max and p99 of each time, attempts a minute,
/// runs that missed a bound. Seconds throughout.
public struct PoolFaultSummary: Sendable {
    public struct Row: Sendable {
        public var kind: String
        public var runs = 0
        public var failures = 0
        public var noticed = 0
        public var notice: [Duration] = []
        public var failover: [Duration] = []
        public var resume: [Duration] = []
        public var attemptsPerMinute: [Double] = []
        public var expectation: PoolFaultExpectation

        public func max(_ samples: [Duration]) -> Double? { DurationPercentile.nearestRank(samples, 100)?.seconds }
        public func p99(_ samples: [Duration]) -> Double? { DurationPercentile.nearestRank(samples, 99)?.seconds }
    }

    public var rows: [Row] = []
    public var failures: [String] = []

    public init(_ outcomes: [PoolFaultOutcome]) {
        var byKind: [String: Row] = [:]
        var order: [String] = []
        for o in outcomes {
            let key = o.fault.label
            if byKind[key] == nil {
                order.append(key)
                byKind[key] = Row(kind: key, expectation: o.expectation)
            }
            var row = byKind[key]!
            row.runs += 1
            if let n = o.notice {
                row.noticed += 1
                row.notice.append(n)
            }
            if let f = o.failover { row.failover.append(f) }
            if let r = o.resume { row.resume.append(r) }
            row.attemptsPerMinute.append(o.attemptsPerMinute)
            if let f = o.failure {
                row.failures += 1
                failures.append("\(key): \(f)")
            }
            byKind[key] = row
        }
        rows = order.map { byKind[$0]! }
    }
}
