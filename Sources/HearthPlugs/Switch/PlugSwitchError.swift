/// The plug is not (yet) in the state asked for: the report says why (not answering,
/// waiting for the backoff or the per-minute limit, a relay that did not follow).
public struct PlugSwitchError: Error, Sendable, Hashable, CustomStringConvertible {
    public var report: PlugSwitchReport

    public init(report: PlugSwitchReport) { self.report = report }

    public var description: String {
        if report.lastError == nil, report.nextAttemptAt != nil {
            return "\(report) (held back: too many commands in the last minute)"
        }
        return report.description
    }
}
