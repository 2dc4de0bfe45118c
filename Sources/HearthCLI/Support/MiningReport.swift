import HearthCore
import HearthMining
import HearthSimulator
import HearthStratum
import HearthSupport

/// The mining figures added to `hearth simulate --pool` output.
enum MiningReport {
    static func add(_ s: MiningStatistics, hashrate: Double, pool: PoolConfig,
                    to report: JSONValue) -> JSONValue {
        guard case .object(var fields) = report else { return report }
        let extra: [(String, JSONValue)] = [
            ("pool", .string(pool.url.description)),
            ("shares_accepted", .number(Double(s.sharesAccepted))),
            ("shares_rejected", .number(Double(s.totalRejected))),
            ("rejected_reasons", .object(s.sharesRejected.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })),
            ("shares_unanswered", .number(Double(s.sharesUnanswered))),
            ("stale", .number(Double(s.stale))),
            ("duplicates", .number(Double(s.duplicates))),
            ("hardware_errors", .number(Double(s.hardwareErrors))),
            ("best_share_difficulty", .number(s.bestShareDifficulty)),
            ("share_hashrate_hs", .number(hashrate.rounded())),
            ("jobs_received", .number(Double(s.jobsReceived))),
        ]
        var mining = fields["mining"]?.objectValue ?? [:]
        for (key, value) in extra { mining[key] = value }
        fields["mining"] = .object(mining)
        return .object(fields)
    }

    static func table(_ s: MiningStatistics, hashrate: Double, pool: PoolConfig) -> String {
        let reasons = s.sharesRejected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return """
          pool                                    \(pool.url) as \(pool.user)
          shares                                  \(s.sharesAccepted) accepted, \(s.totalRejected) rejected\(reasons.isEmpty ? "" : " (\(reasons))"), \(s.stale) stale, \(s.hardwareErrors) hardware errors
          best share / share hashrate             \(formatted(s.bestShareDifficulty, decimals: 4)) / \(formatted(hashrate / 1e3, decimals: 1)) kH/s
        """
    }
}
