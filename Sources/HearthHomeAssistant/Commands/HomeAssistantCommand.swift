import HearthCore
import HearthSupport

/// A command from Home Assistant, parsed strictly and turned into what the daemon's
/// one validated path takes: a settings change (the same JSON `PATCH /v1/settings`
/// takes, so `DaemonState.change` checks it again) or a trip clear. A payload that
/// is not exactly what HA sends is refused whole; nothing is half-applied.
public enum HomeAssistantCommand: Sendable, Hashable {
    /// A settings change in the API's field names (`{"mode": "eco"}`, `{"target": 21.5}`).
    case change(JSONValue)
    case clearTrip

    /// The command topics, `hearth/<node>/set/<kind>`.
    public enum Kind: String, Sendable, CaseIterable {
        case mode, target, preset
        case clearTrip = "clear_trip"
    }

    /// HA's button sends this (its default `payload_press`).
    public static let pressPayload = "PRESS"
    /// Longer than any command HA sends; a bigger payload is refused before it is read.
    public static let maxPayloadBytes = 32

    /// - Parameters:
    ///   - kind: from the topic (`nil` when the topic's last level is no command).
    ///   - current: the mode in force, so `heat` keeps a preset that already heats.
    /// - Returns: nil when the command asks for what is already so (HA's `heat` while eco heats).
    public static func parse(topic: String, kind: Kind?, payload: [UInt8], current: Mode) throws(HomeAssistantCommandError) -> HomeAssistantCommand? {
        func refuse(_ problem: String) -> HomeAssistantCommandError { .init(topic: topic, problem: problem) }
        guard let kind else {
            throw refuse("unknown command; allowed: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard payload.count <= maxPayloadBytes else { throw refuse("payload of \(payload.count) bytes; at most \(maxPayloadBytes)") }
        guard let text = String(validating: payload, as: UTF8.self) else { throw refuse("payload is not UTF-8") }
        let shown = "'\(text)'"
        switch kind {
        case .mode:
            switch text {
            case "off": return .change(.object([("mode", .string(Mode.off.rawValue))]))
            // Any mode but off already heats; only off → heat changes something.
            case "heat": return current == .off ? .change(.object([("mode", .string(Mode.heat.rawValue))])) : nil
            default: throw refuse("mode \(shown) is unknown; allowed: off, heat")
            }
        case .preset:
            if text == HomeAssistantPreset.none { return .change(.object([("mode", .string(Mode.heat.rawValue))])) }
            guard let preset = HomeAssistantPreset(rawValue: text) else {
                throw refuse("preset \(shown) is unknown; allowed: \((HomeAssistantPreset.allCases.map(\.rawValue) + [HomeAssistantPreset.none]).joined(separator: ", "))")
            }
            return .change(.object([("mode", .string(preset.mode.rawValue))]))
        case .target:
            guard let value = plainDecimal(text) else { throw refuse("target \(shown) is not a number like 21.5") }
            do {
                let t = try TargetTemperature.validate(Celsius(value))
                return .change(.object([("target", .number(t.value))]))
            } catch { throw refuse("target \(shown): \(error.problem)") }
        case .clearTrip:
            guard text == pressPayload else { throw refuse("payload \(shown); the clear button sends \(pressPayload)") }
            return .clearTrip
        }
    }

    /// `21`, `21.5`, `-3.25`: what HA's climate sends. No exponents, spaces, `nan` or `inf`.
    static func plainDecimal(_ text: String) -> Double? {
        var digitsBefore = 0, digitsAfter = 0, seenPoint = false
        for (i, c) in text.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "-") where i == 0: continue
            case UInt8(ascii: "."):
                if seenPoint || digitsBefore == 0 { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if seenPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            default: return nil
            }
        }
        guard digitsBefore > 0, digitsBefore <= 4, !seenPoint || digitsAfter > 0, digitsAfter <= 6 else { return nil }
        return Double(text)
    }
}

/// A command refused: which topic, and why. Logged; nothing changes.
public struct HomeAssistantCommandError: Error, Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var problem: String
    public init(topic: String, problem: String) {
        self.topic = topic
        self.problem = problem
    }
    public var description: String { "Home Assistant command on \(topic) ignored: \(problem)" }
}
