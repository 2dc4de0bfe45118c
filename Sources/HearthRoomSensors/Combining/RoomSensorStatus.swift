import HearthCore

/// One line of `hearth status` per room sensor: its last value, how old it is, whether
/// it still counts, whether the room temperature uses it, and what is wrong with it.
public struct RoomSensorStatus: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// mqtt, push, i2c or inlet.
    public var kind: String
    public var lastValue: Celsius?
    /// Since the last good value; nil when there has been none.
    public var age: Seconds?
    public var staleAfter: Seconds
    public var isStale: Bool
    /// The room temperature was made from it at the last evaluation.
    public var inUse: Bool
    /// Used only when nothing else is fresh (the miner's inlet).
    public var isLastResort: Bool
    /// What is wrong with it now, in plain words (passwords never appear here).
    public var problem: String?

    public init(name: String, kind: String, lastValue: Celsius?, age: Seconds?, staleAfter: Seconds, isStale: Bool,
                inUse: Bool, isLastResort: Bool, problem: String?) {
        self.name = name
        self.kind = kind
        self.lastValue = lastValue
        self.age = age
        self.staleAfter = staleAfter
        self.isStale = isStale
        self.inUse = inUse
        self.isLastResort = isLastResort
        self.problem = problem
    }

    public var description: String {
        var text = "\(name): "
        if let lastValue, let age {
            text += "\(lastValue), \(formatted(age.value, decimals: 0)) s ago"
            if isStale { text += ", stale (limit \(formatted(staleAfter.value, decimals: 0)) s)" }
        } else {
            text += "no value yet"
        }
        if inUse { text += ", in use" } else if isLastResort && !isStale { text += ", standby (last resort)" }
        if let problem { text += "; \(problem)" }
        return text
    }
}
