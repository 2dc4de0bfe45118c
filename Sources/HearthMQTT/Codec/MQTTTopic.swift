/// Topic names and topic filters (MQTT 3.1.1 §4.7): validation and matching.
public enum MQTTTopic {
    /// Why a topic name or filter is refused.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var topic: String
        public var problem: String
        public var description: String { "invalid topic '\(topic)': \(problem)" }
    }

    /// A topic name a message is published to: no wildcards, 1…65535 bytes of MQTT UTF-8.
    public static func validateName(_ name: String) throws(Invalid) {
        try validateCommon(name)
        if name.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") }) {
            throw Invalid(topic: name, problem: "wildcards '+' and '#' are only allowed in subscriptions")
        }
    }

    /// A subscription filter: `+` fills one whole level, `#` only as the whole last level.
    public static func validateFilter(_ filter: String) throws(Invalid) {
        try validateCommon(filter)
        let levels = filter.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        for (i, level) in levels.enumerated() {
            if level.contains(UInt8(ascii: "#")) && (level.count != 1 || i != levels.count - 1) {
                throw Invalid(topic: filter, problem: "'#' must be a whole level and the last one (as in 'a/#')")
            }
            if level.contains(UInt8(ascii: "+")) && level.count != 1 {
                throw Invalid(topic: filter, problem: "'+' must be a whole level (as in 'a/+/c')")
            }
        }
    }

    private static func validateCommon(_ topic: String) throws(Invalid) {
        let bytes = Array(topic.utf8)
        if bytes.isEmpty { throw Invalid(topic: topic, problem: "empty (a topic needs at least one character)") }
        if bytes.count > Int(UInt16.max) { throw Invalid(topic: topic, problem: "\(bytes.count) bytes, at most 65535") }
        if let violation = MQTTUTF8.firstViolation(in: bytes) {
            throw Invalid(topic: topic, problem: "\(violation.problem) (byte \(violation.index))")
        }
    }

    /// Whether a (valid) filter matches a (valid) topic name. Filters that start with a
    /// wildcard don't match `$`-topics such as `$SYS/…` (§4.7.2).
    public static func matches(filter: String, topic: String) -> Bool {
        let filterLevels = filter.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let topicLevels = topic.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        if topic.utf8.first == UInt8(ascii: "$"),
           let first = filter.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "#")
        {
            return false
        }
        var i = 0
        while i < filterLevels.count {
            let level = filterLevels[i]
            // `#` also matches the parent level: `a/#` matches `a`.
            if level.elementsEqual("#".utf8) { return true }
            guard i < topicLevels.count else { return false }
            if !level.elementsEqual("+".utf8) && !level.elementsEqual(topicLevels[i]) { return false }
            i += 1
        }
        return i == topicLevels.count
    }
}
