import HearthMQTT
import Synchronization

/// A Tasmota plug over MQTT, as far as Hearth uses it: `ON`/`OFF` on `cmnd/<name>/POWER`
/// switch it and are answered with the state on `stat/<name>/POWER`; an empty payload
/// only asks for the state. mosquitto_sub, not this, is the witness of what Hearth sent.
final class MQTTTasmotaDouble: Sendable {
    let client: MQTTClient
    private let state = Mutex(false)

    init(host: String, name: String) async throws {
        client = try MQTTClient(configuration: MQTTClientConfiguration(host: host, clientID: "tasmota-\(name)"))
        let stateTopic = "stat/\(name)/POWER"
        try await client.subscribe("cmnd/\(name)/POWER") { [weak self] message in
            guard let self else { return }
            let isOn: Bool = state.withLock { isOn in
                switch message.payloadString?.uppercased() {
                case "ON": isOn = true
                case "OFF": isOn = false
                default: break
                }
                return isOn
            }
            try? self.client.publish(topic: stateTopic, payload: isOn ? "ON" : "OFF", qos: .atLeastOnce)
        }
        client.start()
    }

    var isOn: Bool { state.withLock { $0 } }

    func stop() async { await client.stop() }
}
