/// A JSON object: keys in the order they were added (so reports print in a stable,
/// readable order and a message can be logged as it came) with lookup by key in
/// constant time. Equality is JSON's: the same keys with equal values, in any order.
public struct JSONObject: Sendable {
    public typealias Element = (key: String, value: JSONValue)

    private var entries: [Element] = []
    /// Where each key sits in `entries`.
    private var positions: [String: Int] = [:]

    public init() {}

    /// The pairs in their order; a later duplicate key replaces the earlier value in place.
    public init(_ pairs: [(String, JSONValue)]) {
        entries.reserveCapacity(pairs.count)
        for (key, value) in pairs { updateValue(value, forKey: key) }
    }

    /// A dictionary's entries with the keys sorted, so output never depends on hashing.
    public init(_ dictionary: [String: JSONValue]) {
        self.init(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    public var keys: [String] { entries.map(\.key) }
    public var values: [JSONValue] { entries.map(\.value) }

    /// The value for `key`; setting `nil` removes the key, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { positions[key].map { entries[$0].value } }
        set {
            if let newValue { updateValue(newValue, forKey: key) } else { removeValue(forKey: key) }
        }
    }

    /// Sets the value for `key` (appended if new, replaced in place if not) and returns the old value.
    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey key: String) -> JSONValue? {
        if let i = positions[key] {
            let old = entries[i].value
            entries[i].value = value
            return old
        }
        positions[key] = entries.count
        entries.append((key, value))
        return nil
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let i = positions.removeValue(forKey: key) else { return nil }
        let old = entries.remove(at: i).value
        for j in i..<entries.count { positions[entries[j].key] = j }
        return old
    }
}

extension JSONObject: RandomAccessCollection {
    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> Element { entries[position] }
}

extension JSONObject: Hashable {
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.count == b.count && a.entries.allSatisfy { b[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with ==: a sum of each entry's own hash.
        var sum = 0
        for (key, value) in entries {
            var h = Hasher()
            h.combine(key)
            h.combine(value)
            sum &+= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}

/// `[("a", .integer(1)), ("b", .null)]`: the spelling reports use, order explicit.
extension JSONObject: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
