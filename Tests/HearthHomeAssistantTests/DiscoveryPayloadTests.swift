import HearthCore
import HearthSupport
import Testing
@testable import HearthHomeAssistant

@Suite struct DiscoveryPayloadTests {
    static func discovery(node: String = "study", prefix: String = "homeassistant",
                          url: String? = "http://127.0.0.1:8380/") throws -> HomeAssistantDiscovery {
        let identity = try HomeAssistantIdentity(nodeID: node, boardID: "avalon-nano3s", boardName: "Avalon Nano 3S",
                                                 manufacturer: "Canaan", softwareVersion: "0.13.0-dev", configurationURL: url)
        return HomeAssistantDiscovery(topics: try HomeAssistantTopics(discoveryPrefix: prefix, nodeID: node), identity: identity)
    }

    func object(_ m: HomeAssistantDiscovery.Message) throws -> JSONObject {
        try #require(m.payload.objectValue)
    }

    @Test func everyKeyIsOneHomeAssistantDocuments() throws {
        for m in try Self.discovery().messages {
            let o = try object(m)
            let unknown = Set(o.keys).subtracting(HomeAssistantDocumentedKeys.keys(for: m.component))
            #expect(unknown.isEmpty, "\(m.component)/\(m.objectID): \(unknown.sorted())")
            let device = try #require(o["device"]?.objectValue)
            #expect(Set(device.keys).isSubset(of: HomeAssistantDocumentedKeys.device))
            let origin = try #require(o["origin"]?.objectValue)
            #expect(Set(origin.keys).isSubset(of: HomeAssistantDocumentedKeys.origin))
        }
    }

    @Test func climateCarriesModesPresetsRangeAndTopics() throws {
        let d = try Self.discovery()
        let climate = try object(try #require(d.messages.first { $0.component == "climate" }))
        #expect(climate["modes"] == .array([.string("off"), .string("heat")]))
        #expect(climate["preset_modes"] == .array([.string("eco"), .string("quiet"), .string("mine")]))
        #expect(climate["min_temp"]?.number == TargetTemperature.range.lowerBound.value)
        #expect(climate["max_temp"]?.number == TargetTemperature.range.upperBound.value)
        #expect(climate["temp_step"]?.number == 0.5)
        #expect(climate["temperature_unit"] == .string("C"))
        #expect(climate["action_topic"] == .string("hearth/study/state"))
        #expect(climate["mode_command_topic"] == .string("hearth/study/set/mode"))
        #expect(climate["temperature_command_topic"] == .string("hearth/study/set/target"))
        #expect(climate["preset_mode_command_topic"] == .string("hearth/study/set/preset"))
        #expect(climate["availability_topic"] == .string("hearth/study/availability"))
        #expect(climate["payload_not_available"] == .string("offline"))
        // Commands must not be retained: a retained command would be replayed on every start.
        #expect(climate["retain"] == .bool(false))
    }

    @Test func deviceBlockHasEverythingTheIssueAsks() throws {
        let climate = try object(try Self.discovery().messages[0])
        let device = try #require(climate["device"]?.objectValue)
        for key in ["identifiers", "name", "manufacturer", "model", "sw_version", "configuration_url"] {
            #expect(device[key] != nil, "device.\(key)")
        }
        #expect(device["configuration_url"] == .string("http://127.0.0.1:8380/"))
        #expect(try Self.discovery(url: nil).messages[0].payload["device"]?.objectValue?["configuration_url"] == nil)
        #expect(climate["origin"]?.objectValue?["name"] == .string("Hearth"))
    }

    @Test func sensorsUseHomeAssistantsClassesAndUnits() throws {
        let sensors = try Self.discovery().messages.filter { $0.component == "sensor" }
        var byID: [String: JSONObject] = [:]
        for s in sensors { byID[s.objectID] = try object(s) }
        #expect(Set(byID.keys) == ["room_temperature", "chip_temperature", "power", "hashrate", "fan", "shares_accepted", "net_cost_of_heat"])
        #expect(byID["power"]?["device_class"] == .string("power"))
        #expect(byID["power"]?["unit_of_measurement"] == .string("W"))
        #expect(byID["chip_temperature"]?["device_class"] == .string("temperature"))
        #expect(byID["chip_temperature"]?["unit_of_measurement"] == .string("°C"))
        #expect(byID["shares_accepted"]?["state_class"] == .string("total_increasing"))
        #expect(byID["net_cost_of_heat"]?["unit_of_measurement"] == .string("EUR/kWh"))
        for (_, o) in byID {
            #expect(HomeAssistantDocumentedKeys.stateClasses.contains(o["state_class"]?.stringValue ?? ""))
        }
    }

    @Test func tripIsAProblemBinarySensorWithAClearButton() throws {
        let messages = try Self.discovery().messages
        let trip = try object(try #require(messages.first { $0.component == "binary_sensor" }))
        #expect(trip["device_class"] == .string("problem"))
        let button = try object(try #require(messages.first { $0.component == "button" }))
        #expect(button["command_topic"] == .string("hearth/study/set/clear_trip"))
        #expect(button["payload_press"] == .string("PRESS"))
    }

    @Test func uniqueIDsAreStableAndDistinct() throws {
        let a = try Self.discovery().messages.map { $0.payload["unique_id"] }
        let b = try Self.discovery().messages.map { $0.payload["unique_id"] }
        #expect(a == b)
        #expect(Set(a.compactMap { $0?.stringValue }).count == a.count)
        #expect(a.first??.stringValue == "hearth_study_avalon_nano3s_thermostat")
        let other = try Self.discovery(node: "attic").messages.map { $0.payload["unique_id"] }
        #expect(Set(a).isDisjoint(with: Set(other)))
    }

    @Test func discoveryTopicsFollowThePrefix() throws {
        let topics = try Self.discovery(prefix: "ha/discovery").messages.map(\.topic)
        #expect(topics.contains("ha/discovery/climate/study/thermostat/config"))
        #expect(topics.allSatisfy { $0.hasPrefix("ha/discovery/") && $0.hasSuffix("/config") })
        #expect(try HomeAssistantTopics(discoveryPrefix: "ha/discovery", nodeID: "study").homeAssistantStatus == "ha/discovery/status")
    }

    @Test func badPrefixesAndNodeIDsAreRefusedByName() {
        for prefix in ["", "/homeassistant", "homeassistant/", "home/+/x", "#"] {
            #expect(throws: HomeAssistantConfigurationError.self) { try HomeAssistantTopics(discoveryPrefix: prefix, nodeID: "n") }
        }
        for node in ["", "has space", "slash/y", "ümlaut", String(repeating: "a", count: 65)] {
            do {
                try HomeAssistantIdentity.validateNodeID(node)
                Issue.record("'\(node)' accepted")
            } catch {
                #expect(error.setting == "node_id")
            }
        }
    }

    @Test func templatesReadKeysTheStatePayloadHas() throws {
        let state = HeaterState(mode: .heat, target: Celsius(21), room: nil, chip: nil, power: nil, hashrate: HashRate(0),
                                fanDuty: DutyCycle(0), hashing: false, sharesAccepted: nil, netCostPerKWhHeat: nil, trip: nil)
        let keys = Set(try #require(state.payload.objectValue).keys)
        for m in try Self.discovery().messages {
            for (key, value) in try object(m) where key.hasSuffix("template") && key != "json_attributes_template" {
                let text = try #require(value.stringValue)
                let field = try #require(text.split(separator: ".").last?.split(separator: " ").first.map(String.init))
                #expect(keys.contains(field), "\(m.objectID).\(key) reads \(field)")
            }
        }
    }
}
