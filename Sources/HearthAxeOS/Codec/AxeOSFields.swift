import HearthSupport

/// Strict reads of one AxeOS JSON object: a field that is there must have the type
/// and range the firmware documents (openapi.yaml), or the reply is refused with the
/// field's name. AxeOS writes flags as numbers (0/1) and some as booleans; both read.
struct AxeOSFields {
    let object: JSONObject
    let peer: String
    let request: String

    init(_ value: JSONValue, peer: String, request: String) throws(AxeOSError) {
        guard let object = value.objectValue else {
            throw AxeOSError.field(peer: peer, request: request, field: "(reply)", problem: "must be an object, found \(value.typeName)")
        }
        self.object = object
        self.peer = peer
        self.request = request
    }

    func fail(_ field: String, _ problem: String) -> AxeOSError {
        .field(peer: peer, request: request, field: field, problem: problem)
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(AxeOSError) -> Double {
        guard let value = try optionalNumber(key, in: range) else { throw fail(key, "is missing") }
        return value
    }

    func optionalNumber(_ key: String, in range: ClosedRange<Double>) throws(AxeOSError) -> Double? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let n = value.doubleValue else { throw fail(key, "must be a number, found \(value.typeName)") }
        guard n.isFinite, range.contains(n) else {
            throw fail(key, "is \(n), outside \(range.lowerBound)…\(range.upperBound)")
        }
        return n
    }

    func optionalFlag(_ key: String) throws(AxeOSError) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        if let b = value.boolValue { return b }
        if let i = value.integerValue, i == 0 || i == 1 { return i == 1 }
        throw fail(key, "must be 0, 1 or a boolean, found \(value.jsonText)")
    }

    func optionalString(_ key: String) throws(AxeOSError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let s = value.stringValue else { throw fail(key, "must be a string, found \(value.typeName)") }
        return s
    }

    func optionalNumbers(_ key: String, in range: ClosedRange<Double>) throws(AxeOSError) -> [Double]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let array = value.arrayValue else { throw fail(key, "must be an array of numbers, found \(value.typeName)") }
        var out: [Double] = []
        for (i, item) in array.enumerated() {
            guard let n = item.doubleValue, n.isFinite, range.contains(n) else {
                throw fail("\(key)[\(i)]", "must be a number in \(range.lowerBound)…\(range.upperBound), found \(item.jsonText)")
            }
            out.append(n)
        }
        return out
    }
}
