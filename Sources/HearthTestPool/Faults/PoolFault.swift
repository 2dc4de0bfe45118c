import HearthStratum
import HearthSupport

/// A way for the test pool to misbehave, switched on and off while it runs
/// (`TestPool.setFault`): the pool failures a miner meets in the field.
public enum PoolFault: Sendable, Hashable, CustomStringConvertible {
    /// The pool is down: the listener closes (connects are refused) and every miner is dropped.
    case refuse
    /// The pool hangs: connections are accepted but nothing is ever sent, requests go unanswered.
    case silent
    /// Every connection is closed after it has received this many messages from the miner.
    case closeAfter(messages: Int)
    /// Every connection is closed this long after it opened: a pool that flaps at a period.
    case closeEvery(Duration)
    /// Every line the pool sends is replaced by garbage, and more garbage follows every
    /// `PoolGarbage.interval` on its own.
    case garbage(PoolGarbage)
    /// Every line the pool sends leaves this much later (answers and pushes alike).
    case slow(Duration)

    /// A short name for tables and JSON (`refuse`, `flap-messages`, `garbage-bad-hex`…).
    public var label: String {
        switch self {
        case .refuse: "refuse"
        case .silent: "silent"
        case .closeAfter: "flap-messages"
        case .closeEvery: "flap-period"
        case .garbage(let g): "garbage-\(g.label)"
        case .slow(let d): "slow-\(Int((d.seconds * 1000).rounded()))ms"
        }
    }

    public var description: String {
        switch self {
        case .refuse: "refuse"
        case .silent: "silent"
        case .closeAfter(let n): "close after \(n) messages"
        case .closeEvery(let d): "close every \(d)"
        case .garbage(let g): "garbage (\(g.rawValue))"
        case .slow(let d): "slow (\(d))"
        }
    }
}

/// What kind of garbage a `.garbage` pool sends.
public enum PoolGarbage: String, Sendable, Hashable, CaseIterable {
    /// Bytes that are not text at all (NUL, 0xFF, broken UTF-8).
    case binary
    /// One line longer than any client's line limit (`StratumLineDecoder.defaultMaxLineLength`).
    case oversize
    /// Valid JSON, a `mining.notify` whose params have the wrong types.
    case wrongTypes
    /// A `mining.notify` of the right shape whose hex fields are not hex.
    case badHex

    var label: String {
        switch self {
        case .binary: "binary"
        case .oversize: "oversize"
        case .wrongTypes: "wrong-types"
        case .badHex: "bad-hex"
        }
    }

    /// How often a garbage pool sends a line unasked (a real broken pool keeps talking).
    public static let interval: Duration = .milliseconds(100)

    /// The line, newline included.
    public var line: [UInt8] {
        switch self {
        case .binary:
            return [0x00, 0xFF, 0xFE, 0xC3, 0x28, 0x7B, 0x22, 0x00, 0x80, 0x81, 0xE2, 0x82, 0x1B, 0x5B, 0x32, 0x4A,
                    0x7D, 0x7B, 0xF0, 0x9F, 0x92] + Array("\u{7F}binary".utf8) + [0x0A]
        case .oversize:
            return [UInt8](repeating: UInt8(ascii: "a"), count: StratumLineDecoder.defaultMaxLineLength + 4096) + [0x0A]
        case .wrongTypes:
            let params: [JSONValue] = [.integer(1), .bool(true), .integer(3), .null, .string("branch"), .integer(6),
                                       .integer(7), .integer(8), .string("yes")]
            return StratumMessage.notification(method: "mining.notify", params: params).encodedLine
        case .badHex:
            let notHex = JSONValue.string(String(repeating: "zz", count: 32))
            let params: [JSONValue] = [.string("bad"), notHex, .string("0100zz"), .string("ffffffff"), .array([notHex]),
                                       .string("2000000g"), .string("1702 5ce"), .string("xyzxyzxy"), .bool(true)]
            return StratumMessage.notification(method: "mining.notify", params: params).encodedLine
        }
    }
}
