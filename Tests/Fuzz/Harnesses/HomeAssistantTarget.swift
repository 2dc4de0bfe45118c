import HearthCore
import HearthHomeAssistant

/// A command published by Home Assistant: first byte picks the command kind, the rest is the payload.
let homeAssistantTarget = FuzzTarget(name: "homeassistant") { bytes in
    guard let first = bytes.first else { return }
    let kinds = HomeAssistantCommand.Kind.allCases
    let kind = Int(first) < kinds.count ? kinds[Int(first)] : nil
    for mode in Mode.allCases {
        _ = try? HomeAssistantCommand.parse(topic: "hearth/fuzz/set", kind: kind, payload: Array(bytes.dropFirst()), current: mode)
    }
}
