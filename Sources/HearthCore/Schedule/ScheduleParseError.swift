/// Why a schedule (typed text or a list of entries) was rejected: which entry
/// (1-based), which token, and what is allowed instead.
public struct ScheduleParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based entry number, counting non-empty entries separated by `;` or newlines.
    public var entry: Int
    /// The whole entry's text, for context.
    public var entryText: String
    /// The offending token ("" when something is missing).
    public var token: String
    /// What is wrong and what is allowed.
    public var problem: String

    public init(entry: Int, entryText: String, token: String, problem: String) {
        self.entry = entry
        self.entryText = entryText
        self.token = token
        self.problem = problem
    }

    public var description: String {
        let what = token.isEmpty ? "" : " \"\(token)\":"
        return "schedule entry \(entry) (\"\(entryText)\"):\(what) \(problem)"
    }
}
