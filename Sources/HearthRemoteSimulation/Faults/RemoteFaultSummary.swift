import HearthCore
import HearthSupport

/// The remote matrix's figures per fault kind, and its JSON (`hearth bench remote-faults --json`).
public struct RemoteFaultSummary: Sendable {
    public struct Row: Sendable {
        public var kind: String
        public var runs = 0
        public var trips = 0
        public var codes: [String: Int] = [:]
        /// Seconds from the injection to the safe state, over the runs that owed one.
        public var timeToSafe: [Double] = []
        public var mismatches = 0
        public var falseTrips = 0
        public var overtemp = 0.0
        public var maxOvershoot = 0.0
        /// Runs whose peer came back and that were owed a recovery, and those that recovered.
        public var recoveriesOwed = 0
        public var recovered = 0
        public var failures = 0
        /// Runs where the fault met what it needs to matter (a stop request, for refused writes and a silent plug).
        public var exercised = 0
        public var physics: [String] = []

        public var maxTime: Double { timeToSafe.max() ?? 0 }
        public var p99Time: Double { RemoteFaultSummary.percentile(timeToSafe, 0.99) }
    }

    public var rows: [Row] = []
    public var failures: [String] = []
    public var runs = 0
    /// Simulated seconds without a fault (before the injections), over which false trips count.
    public var faultFreeSeconds = 0.0

    public init(_ outcomes: [RemoteFaultOutcome]) {
        var byKind: [String: Row] = [:]
        for o in outcomes {
            let key = o.fault.kind.rawValue
            var row = byKind[key] ?? Row(kind: key)
            row.runs += 1
            if o.exercised { row.exercised += 1 }
            if let t = o.trip {
                row.trips += 1
                row.codes[t.reason.code, default: 0] += 1
            }
            if let t = o.timeToSafe { row.timeToSafe.append(t.value) }
            if o.mismatch { row.mismatches += 1 }
            if o.falseTrip != nil { row.falseTrips += 1 }
            row.overtemp += o.overtemp.value
            row.maxOvershoot = max(row.maxOvershoot, o.overshoot.value)
            if o.expectation.recovers, o.expectation.tripOwed, !o.expectation.codes.isEmpty {
                row.recoveriesOwed += 1
                if o.clearAtEnd { row.recovered += 1 }
            }
            if !row.physics.contains(o.expectation.physics) { row.physics.append(o.expectation.physics) }
            if let f = o.failure {
                row.failures += 1
                failures.append("\(o.fault): \(f)")
            }
            byKind[key] = row
            runs += 1
            faultFreeSeconds += o.faultFree.value
        }
        rows = RemoteFaultMatrix.Kind.allCases.compactMap { byKind[$0.rawValue] }
    }

    /// Nearest rank (the project's one rule); 0 for no runs.
    static func percentile(_ xs: [Double], _ p: Double) -> Double { NearestRank.percentile(xs, p) ?? 0 }

    /// Stable field names, shaped as the local matrix's (`hearth bench faults --json`): per kind
    /// `runs`, `time_to_safe_s.max`/`.p99`, `mismatches`, `false_trips`, `overtemp_s`, `failures`.
    public var json: JSONValue {
        .object(JSONObject([
            ("runs", .integer(Int64(runs))),
            ("failures", .integer(Int64(failures.count))),
            ("fault_free_hours", .double((faultFreeSeconds / 3600 * 10).rounded() / 10)),
            ("kinds", .array(rows.map { r in
                .object(JSONObject([
                    ("kind", .string(r.kind)),
                    ("runs", .integer(Int64(r.runs))),
                    ("exercised", .integer(Int64(r.exercised))),
                    ("trips", .integer(Int64(r.trips))),
                    ("codes", .object(JSONObject(r.codes.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.integer(Int64($0.value))) }))),
                    ("safe_runs", .integer(Int64(r.timeToSafe.count))),
                    ("time_to_safe_s", .object(JSONObject([("max", .double(r.maxTime)), ("p99", .double(r.p99Time))]))),
                    ("mismatches", .integer(Int64(r.mismatches))),
                    ("false_trips", .integer(Int64(r.falseTrips))),
                    ("overtemp_s", .double(r.overtemp)),
                    ("max_room_overshoot_k", .double((r.maxOvershoot * 100).rounded() / 100)),
                    ("recoveries_owed", .integer(Int64(r.recoveriesOwed))),
                    ("recovered", .integer(Int64(r.recovered))),
                    ("failures", .integer(Int64(r.failures))),
                ]))
            })),
            ("failing_runs", .array(failures.prefix(50).map { .string($0) })),
        ]))
    }
}
