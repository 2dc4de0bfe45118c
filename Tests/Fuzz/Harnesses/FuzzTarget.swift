// A named decoder under fuzz: takes arbitrary bytes and must return or throw, never trap.
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable ([UInt8]) -> Void

    static let all: [FuzzTarget] = [
        jsonTarget,
        stratumMessageTarget, stratumStreamTarget,
        mqttTarget,
        cgminerReplyTarget, cgminerRequestTarget, avalonEstatsTarget,
        axeOSTarget,
        homeAssistantTarget,
        bm13xxTarget,
        boardFileTarget, daemonConfigTarget, settingsPatchTarget, httpRequestTarget,
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}
