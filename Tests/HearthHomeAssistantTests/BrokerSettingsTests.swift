import HearthMQTT
import Testing
@testable import HearthHomeAssistant

@Suite struct BrokerSettingsTests {
    @Test func clientSettingsCarryTheNodeAndHideThePassword() throws {
        let broker = HomeAssistantBroker(host: "192.168.1.10", port: 1884, username: "hearth", password: "s3cret-pass")
        let config: MQTTClientConfiguration = try broker.mqttConfiguration(nodeID: "study")
        #expect(config.clientID == "hearth-study")
        #expect(config.broker == "192.168.1.10:1884")
        #expect(config.password == "s3cret-pass")
        #expect(!"\(config)".contains("s3cret"))
        #expect(!"\(broker)".contains("s3cret"))
        #expect("\(broker)" == "192.168.1.10:1884")
    }

    @Test func settingsTheClientWouldRefuseAreNamedAtOnce() {
        for broker in [HomeAssistantBroker(host: "", port: 1883), HomeAssistantBroker(host: "h", port: 0),
                       HomeAssistantBroker(host: "h", password: "no user")] {
            do {
                _ = try broker.mqttConfiguration(nodeID: "n")
                Issue.record("\(broker) accepted")
            } catch {
                #expect(error.setting == "broker")
            }
        }
    }
}
