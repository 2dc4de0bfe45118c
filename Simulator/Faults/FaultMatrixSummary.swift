import HearthCore
import HearthSupport

/// The matrix's figures per fault kind, from the runs of every matrix section (the local
/// simulator's, and any remote or network section that reports its runs the same way).
public struct FaultMatrixSummary: Sendable {
    /// One run, as any section reports it.
    public struct Run: Sendable {
        /// The row it counts in: the kind and, where the kind takes one, its sensor.
        public var kind: String
        /// Board, phase, time and seed: enough to replay it.
        public var description: String
        public var tripCode: String?
        /// Seconds from the injection to the latched safe state (nil: no trip).
        public var timeToSafe: Double?
        /// Seconds of hashing between the injection and the trip (or the end).
        public var exposure: Double
        /// Seconds the true chip spent over its limit.
        public var overtemp: Double
        /// The trip named another fault (its code) or another sensor than the faulted one.
        public var mismatch: Bool
        /// What is wrong with the run, or nil.
        public var failure: String?
        public var expectedCodes: [String]
        public var bound: Double
        public var physics: String

        public init(kind: String, description: String, tripCode: String?, timeToSafe: Double?, exposure: Double,
                    overtemp: Double, mismatch: Bool, failure: String?, expectedCodes: [String], bound: Double,
                    physics: String) {
            self.kind = kind
            self.description = description
            self.tripCode = tripCode
            self.timeToSafe = timeToSafe
            self.exposure = exposure
            self.overtemp = overtemp
            self.mismatch = mismatch
            self.failure = failure
            self.expectedCodes = expectedCodes
            self.bound = bound
            self.physics = physics
        }
    }

    public struct Row: Sendable {
        public var kind: String
        public var runs = 0
        public var trips = 0
        public var codes: [String: Int] = [:]
        /// Seconds from the injection to the latched safe state, over the runs that tripped.
        public var timeToSafe: [Double] = []
        /// Seconds of hashing between the injection and the trip.
        public var exposure: [Double] = []
        public var overtemp = 0.0
        public var mismatches = 0
        public var failures = 0
        public var expected: [String] = []
        public var bound = 0.0
        public var physics = ""

        public var maxTime: Double { timeToSafe.max() ?? 0 }
        public var p99Time: Double { FaultMatrixSummary.percentile(timeToSafe, 0.99) }
        public var maxExposure: Double { exposure.max() ?? 0 }
        public var p99Exposure: Double { FaultMatrixSummary.percentile(exposure, 0.99) }
    }

    public var rows: [Row] = []
    public var failures: [String] = []
    public var runs = 0

    public init(_ outcomes: [FaultMatrix.Outcome]) {
        self.init(runs: outcomes.compactMap(\.run))
    }

    public init(runs list: [Run]) {
        var byKind: [String: Row] = [:]
        var order: [String] = []
        for r in list {
            if byKind[r.kind] == nil {
                order.append(r.kind)
                byKind[r.kind] = Row(kind: r.kind, expected: r.expectedCodes, bound: r.bound, physics: r.physics)
            }
            var row = byKind[r.kind]!
            row.runs += 1
            if let code = r.tripCode {
                row.trips += 1
                row.codes[code, default: 0] += 1
                row.timeToSafe.append(r.timeToSafe ?? 0)
            }
            row.exposure.append(r.exposure)
            row.overtemp += r.overtemp
            row.bound = max(row.bound, r.bound)   // tach-dependent kinds: the widest board's bound
            if r.mismatch { row.mismatches += 1 }
            if let f = r.failure {
                row.failures += 1
                failures.append("\(r.description): \(f)")
            }
            byKind[r.kind] = row
            runs += 1
        }
        rows = order.map { byKind[$0]! }
    }

    /// Nearest rank (the project's one rule); 0 for no runs.
    static func percentile(_ xs: [Double], _ p: Double) -> Double { NearestRank.percentile(xs, p) ?? 0 }
}

extension FaultMatrix.Outcome {
    /// The trip named another fault or another sensor.
    public var mismatch: Bool {
        guard let trip else { return false }
        if !expectation.codes.contains(trip.reason.kind) { return true }
        if let named = trip.reason.sensor, !sensors.contains(named) { return true }
        return false
    }

    /// The run as the summary counts it; nil where the kind does not apply to the board.
    public var run: FaultMatrixSummary.Run? {
        guard applicable else { return nil }
        return .init(kind: fault.label, description: fault.description, tripCode: trip?.reason.code,
                     timeToSafe: timeToSafe?.value, exposure: exposure.value, overtemp: overtemp.value,
                     mismatch: mismatch, failure: failure, expectedCodes: expectation.codes.map(\.rawValue).sorted(),
                     bound: expectation.exposureBound.value, physics: expectation.physics)
    }
}
