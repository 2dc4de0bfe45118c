import HearthCore

/// The matrix's figures per fault kind, from the runs' outcomes.
public struct FaultMatrixSummary: Sendable {
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
        public var failures = 0
        public var expected: [String] = []
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
        var byKind: [String: Row] = [:]
        var order: [String] = []
        for o in outcomes where o.applicable {
            let key = o.fault.label
            if byKind[key] == nil {
                order.append(key)
                byKind[key] = Row(kind: key, expected: o.expectation.codes.map(\.rawValue).sorted(), physics: o.expectation.physics)
            }
            var row = byKind[key]!
            row.runs += 1
            if let t = o.trip {
                row.trips += 1
                row.codes[t.reason.code, default: 0] += 1
                row.timeToSafe.append(o.timeToSafe?.value ?? 0)
            }
            row.exposure.append(o.exposure.value)
            row.overtemp += o.overtemp.value
            if let f = o.failure {
                row.failures += 1
                failures.append("\(o.fault): \(f)")
            }
            byKind[key] = row
            runs += 1
        }
        rows = order.map { byKind[$0]! }
    }

    /// Nearest-rank percentile.
    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        let rank = Int((p * Double(s.count)).rounded(.up))
        return s[max(0, min(s.count - 1, rank - 1))]
    }
}
