import HearthCore
import HearthSupport

/// Reading what plugs publish on their state and power topics: Tasmota (`ON`,
/// `{"POWER":"ON"}`, `{"ENERGY":{"Power":65}}`), Zigbee2MQTT (`{"state":"ON","power":65}`),
/// Shelly's MQTT status (`{"output":true,"apower":65}`) and bare values.
enum MQTTPlugPayload {
    /// On or off, or nil when the payload says neither.
    static func state(_ payload: String, onPayload: String, offPayload: String) -> Bool? {
        let text = payload.trimmingWhitespace
        if text.caseInsensitiveEquals(onPayload) { return true }
        if text.caseInsensitiveEquals(offPayload) { return false }
        switch text.uppercased() {
        case "ON", "1", "TRUE": return true
        case "OFF", "0", "FALSE": return false
        default: break
        }
        guard text.hasPrefix("{"), let json = try? JSONParser.parse(text) else { return nil }
        for key in ["POWER", "POWER1", "state", "output"] {
            guard let value = json[key] else { continue }
            if let flag = value.boolValue { return flag }
            if let string = value.stringValue { return state(string, onPayload: onPayload, offPayload: offPayload) }
        }
        return nil
    }

    /// The watts in a power payload, or nil when it has none.
    static func watts(_ payload: String) -> Watts? {
        let text = payload.trimmingWhitespace
        if let value = Double(text), value.isFinite { return Watts(value) }
        guard text.hasPrefix("{"), let json = try? JSONParser.parse(text) else { return nil }
        for path in ["ENERGY.Power", "apower", "power", "Power"] {
            guard let field = json[path] else { continue }
            if let value = (field.arrayValue?.first ?? field).doubleValue, value.isFinite { return Watts(value) }
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    fileprivate func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
