import HearthCore

/// Whether the plug answers, as `hearth status` shows it.
public enum PlugHealth: Sendable, Hashable {
    /// Not asked yet.
    case unknown
    /// The last exchange worked.
    case answering
    /// Some exchanges failed in a row, fewer than the policy's threshold: still retrying quietly.
    case failing(failures: Int)
    /// `failures` exchanges in a row failed, the first at `since` (control time); retried with backoff.
    case notAnswering(failures: Int, since: Seconds)

    public var isNotAnswering: Bool {
        if case .notAnswering = self { return true }
        return false
    }
}
