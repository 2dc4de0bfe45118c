import HearthCore
import HearthSupport
import Testing
@testable import HearthHomeAssistant

@Suite struct CommandParsingTests {
    func parse(_ kind: HomeAssistantCommand.Kind?, _ text: String, current: Mode = .heat) throws(HomeAssistantCommandError) -> HomeAssistantCommand? {
        try HomeAssistantCommand.parse(topic: "hearth/n/set/\(kind?.rawValue ?? "bogus")", kind: kind,
                                       payload: Array(text.utf8), current: current)
    }

    func change(_ pairs: [(String, JSONValue)]) -> HomeAssistantCommand { .change(.object(pairs)) }

    @Test func modesMapToHearthModes() throws {
        #expect(try parse(.mode, "off") == change([("mode", .string("off"))]))
        #expect(try parse(.mode, "heat", current: .off) == change([("mode", .string("heat"))]))
        // eco already heats: HA's "heat" must not throw the preset away.
        #expect(try parse(.mode, "heat", current: .eco) == nil)
    }

    @Test func presetsMapToHearthModes() throws {
        #expect(try parse(.preset, "eco") == change([("mode", .string("eco"))]))
        #expect(try parse(.preset, "quiet") == change([("mode", .string("quiet"))]))
        #expect(try parse(.preset, "mine") == change([("mode", .string("mine"))]))
        #expect(try parse(.preset, "none", current: .mine) == change([("mode", .string("heat"))]))
    }

    @Test func targetsGoThroughTheOneValidator() throws {
        #expect(try parse(.target, "21.5") == change([("target", .double(21.5))]))
        #expect(try parse(.target, "18") == change([("target", .integer(18))]))
        do {
            _ = try parse(.target, "45")
            Issue.record("45 °C accepted")
        } catch {
            #expect(error.problem.contains("out of range"))
            #expect(error.topic == "hearth/n/set/target")
        }
    }

    @Test func clearTripNeedsThePressPayload() throws {
        #expect(try parse(.clearTrip, "PRESS") == .clearTrip)
        #expect(throws: HomeAssistantCommandError.self) { try parse(.clearTrip, "press") }
    }

    @Test(arguments: [
        (HomeAssistantCommand.Kind.mode, "cool"), (.mode, "OFF"), (.mode, ""), (.mode, " off"),
        (.preset, "away"), (.preset, "Eco"),
        (.target, "nan"), (.target, "inf"), (.target, "2e1"), (.target, "21,5"), (.target, ""), (.target, "21."),
        (.target, ".5"), (.target, "--21"), (.target, " 21"), (.target, "21.5C"), (.target, "0x15"),
        (.target, String(repeating: "1", count: 40)),
    ])
    func badCommandsAreRefusedWithTheirTopic(kind: HomeAssistantCommand.Kind, text: String) {
        do {
            let c = try parse(kind, text)
            Issue.record("'\(text)' on \(kind) accepted as \(String(describing: c))")
        } catch {
            #expect(error.topic == "hearth/n/set/\(kind.rawValue)")
            #expect(error.description.contains("ignored"))
        }
    }

    @Test func unknownTopicsAndNonUTF8AreRefused() {
        #expect(throws: HomeAssistantCommandError.self) { try parse(nil, "off") }
        #expect(throws: HomeAssistantCommandError.self) {
            try HomeAssistantCommand.parse(topic: "t", kind: .mode, payload: [0xFF, 0xFE], current: .heat)
        }
    }
}
