import HearthSupport
import HearthWork

/// The result of `mining.subscribe`: `[[subscriptions…], extranonce1, extranonce2_size]`.
public struct SubscribeResult: Sendable, Hashable {
    /// The `mining.notify` subscription id, which pools accept to resume a session.
    public var sessionID: String?
    public var extranonce: ExtranonceSettings

    public init(sessionID: String?, extranonce: ExtranonceSettings) {
        self.sessionID = sessionID
        self.extranonce = extranonce
    }

    public init(result: JSONValue) throws(StratumCodecError) {
        guard let items = result.arrayValue else {
            throw .wrongType(field: "result", expected: "array", found: result.typeName)
        }
        let p = ParamReader("result", items)
        try p.require(count: 3)
        // Subscriptions come as one pair or a list of pairs; the notify one names the session.
        var session: String?
        if let subs = p.optional(0) {
            guard let list = subs.arrayValue else {
                throw .wrongType(field: p.field(0), expected: "array", found: subs.typeName)
            }
            let pairs = list.first?.arrayValue != nil ? list.compactMap(\.arrayValue) : [list]
            for pair in pairs where pair.count >= 2 && pair[0].stringValue == "mining.notify" {
                session = pair[1].stringValue
            }
        }
        self.sessionID = session.flatMap { $0.isEmpty ? nil : $0 }
        self.extranonce = try PoolNotification.extranonce(
            try p.hex(1), try p.integer(2), fields: (p.field(1), p.field(2)))
    }
}

/// The result of `mining.configure` for version rolling (BIP 310).
public struct ConfigureResult: Sendable, Hashable {
    /// The mask the pool allows; 0 when it refused or didn't mention version rolling.
    public var versionMask: UInt32

    public init(versionMask: UInt32) { self.versionMask = versionMask }

    public init(result: JSONValue) throws(StratumCodecError) {
        guard let fields = result.objectValue else {
            throw .wrongType(field: "result", expected: "object", found: result.typeName)
        }
        guard let enabled = fields["version-rolling"] else {
            self.versionMask = 0
            return
        }
        guard let on = enabled.boolValue else {
            throw .wrongType(field: "result.version-rolling", expected: "boolean", found: enabled.typeName)
        }
        guard on else {
            self.versionMask = 0
            return
        }
        guard let mask = fields["version-rolling.mask"] else { throw .missingField("result.version-rolling.mask") }
        guard let text = mask.stringValue else {
            throw .wrongType(field: "result.version-rolling.mask", expected: "string", found: mask.typeName)
        }
        self.versionMask = try StratumHex.word(text, field: "result.version-rolling.mask")
    }
}

/// A yes/no answer (`mining.authorize`, `mining.submit`): true, or a reason for no.
public enum PoolVerdict: Sendable, Hashable {
    case yes
    case no(String)

    public init(result: JSONValue, error: StratumRPCError?) {
        if let error {
            self = .no(error.message.isEmpty ? "error \(error.code)" : error.message)
        } else if result.boolValue == true {
            self = .yes
        } else {
            self = .no("pool answered \(result.jsonText.prefix(100))")
        }
    }
}
