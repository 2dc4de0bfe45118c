/// A `--plug` spec or `[plug]` entry that can't be used: which part, what is wrong and
/// what is allowed. The spec is quoted with its password hidden.
public struct PlugSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The spec as written, user and password hidden.
    public var spec: String
    /// `scheme`, `host`, `port`, `switch id`, `command topic`, `query parameter 'x'`…
    public var part: String
    public var problem: String

    public init(spec: String, part: String, problem: String) {
        self.spec = spec
        self.part = part
        self.problem = problem
    }

    public var description: String { "plug spec '\(spec)': \(part): \(problem)" }
}
