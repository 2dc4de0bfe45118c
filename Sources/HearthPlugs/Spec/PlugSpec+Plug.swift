import HearthMQTT
import HearthSupport
import Logging
import NIOCore
import NIOPosix

extension PlugSpec {
    /// The plug this spec names, ready to use (an MQTT plug is connecting to its broker).
    /// - Parameters:
    ///   - options: the HTTP plugs' timeouts and size limit.
    ///   - brokerRetry: the MQTT plug's reconnect backoff.
    /// - Throws: a broker setting the MQTT client refuses, naming it.
    public func makePlug(options: HTTPClientOptions = HTTPClientOptions(), brokerRetry: RetryPolicy = .standard,
                         group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                         logger: Logger = Logger(label: "hearth.plug")) async throws(PlugSpecError) -> any SmartPlug
    {
        switch self {
        case .shelly(let s):
            return ShellyPlug(host: s.host, port: s.port, switchID: s.switchID, password: s.password, options: options,
                              group: group, logger: logger)
        case .tasmota(let s):
            return TasmotaPlug(host: s.host, port: s.port, username: s.username, password: s.password, options: options,
                               group: group, logger: logger)
        case .mqtt(let s):
            // Unique per plug and run (a clean session: nothing is lost with the id); 20 characters at most.
            let clientID = "hearth-plug-" + String(UInt32.random(in: .min ... .max), radix: 16)
            let configuration = MQTTClientConfiguration(host: s.host, port: s.port, clientID: clientID, username: s.username,
                                                        password: s.password, retry: brokerRetry)
            do {
                let plug = try MQTTCommandPlug(configuration: configuration, topics: s.topics, logger: logger)
                try await plug.start()
                return plug
            } catch {
                throw PlugSpecError(spec: description, part: "broker", problem: error.description)
            }
        }
    }
}
