import Foundation
import Testing
@testable import HearthDaemon

/// `[home_assistant]` in the daemon's config: read whole, or refused with file:line and key.
@Suite struct HomeAssistantConfigTests {
    func error(_ text: String) -> String? {
        do { _ = try DaemonConfig(parsing: text, file: "h.toml"); return nil } catch { return error.description }
    }

    @Test func readsEveryKey() throws {
        let c = try DaemonConfig(parsing: """
            [home_assistant]
            broker = "mqtt://192.168.1.10"
            username = "hearth"
            password_file = "/etc/hearth/mqtt"
            discovery_prefix = "ha"
            node_id = "study"
            currency = "CHF"
            """, file: "h.toml")
        let ha = try #require(c.homeAssistant)
        #expect(ha.host == "192.168.1.10" && ha.port == 1883)
        #expect(ha.username == "hearth" && ha.passwordFile == "/etc/hearth/mqtt")
        #expect(ha.discoveryPrefix == "ha" && ha.nodeID == "study" && ha.currency == "CHF")
        #expect(try DaemonConfig(parsing: "[home_assistant]\nbroker = \"mqtt://[::1]:1884\"\n", file: "h").homeAssistant
                == HomeAssistantConfig(host: "::1", port: 1884))
        #expect(try DaemonConfig(parsing: "board = \"piaxe\"\n", file: "h").homeAssistant == nil)
    }

    @Test func badValuesNameTheLineAndKey() {
        #expect(error("[home_assistant]\nnode_id = \"x\"\n")?.contains("h.toml:1: [home_assistant] needs broker") == true)
        #expect(error("[home_assistant]\nbroker = \"tcp://h:1883\"\n")?.contains("h.toml:2: key 'home_assistant.broker'") == true)
        #expect(error("[home_assistant]\nbroker = \"mqtt://h:99999\"\n")?.contains("is not mqtt://HOST[:PORT]") == true)
        #expect(error("[home_assistant]\nbroker = \"mqtt://h\"\nnode_id = \"my heater\"\n")?.contains("h.toml:3: key 'home_assistant.node_id'") == true)
        #expect(error("[home_assistant]\nbroker = \"mqtt://h\"\ndiscovery_prefix = \"ha/#\"\n")?.contains("key 'home_assistant.discovery_prefix'") == true)
        #expect(error("[home_assistant]\nbroker = \"mqtt://h\"\npassword_file = \"/p\"\n")?.contains("a password needs username") == true)
        #expect(error("[home_assistant]\nbroker = \"mqtt://h\"\nport = 1883\n")?.contains("unknown key; allowed in [home_assistant]") == true)
    }

    @Test func generatedNodeIDIsKeptAcrossRestarts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-ha-\(UInt32.random(in: 0 ... .max))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let stateFile = dir + "/settings.json"
        let first = try HomeAssistantService.persistedNodeID(besides: stateFile)
        #expect(first.hasPrefix("hearth_"))
        #expect(try HomeAssistantService.persistedNodeID(besides: stateFile) == first)
        try "bad id!".write(toFile: dir + "/" + HomeAssistantService.nodeIDFileName, atomically: true, encoding: .utf8)
        #expect(throws: DaemonError.self) { try HomeAssistantService.persistedNodeID(besides: stateFile) }
    }
}
