import HearthCGMinerAPI
import Logging
import ServiceLifecycle

/// Hearth's cgminer-style API as a service of the daemon: listens while the daemon
/// runs, closes at shutdown. A port it cannot bind (another miner tool on 4028) is
/// logged and the thermostat carries on: this is a window onto the heater, not part
/// of keeping the room warm.
public struct CGMinerAPIService: Service {
    let server: CGMinerAPIServer
    let config: CGMinerAPIConfig
    let logger: Logger

    public init(config: CGMinerAPIConfig, state: DaemonState, logger: Logger = Logger(label: "hearth.cgminer-api")) {
        self.config = config
        self.logger = logger
        server = CGMinerAPIServer(backend: DaemonCGMinerBackend(state: state, logger: logger), allow: config.allow,
                                  logger: logger)
    }

    public func run() async throws {
        do {
            let port = try await server.start(host: config.host, port: config.port)
            logger.info("cgminer API listening on \(config.host):\(port) (allow \(config.allow))")
            if !config.isLoopback { logger.warning("the cgminer API on \(config.host) is reachable from the network; writes only from W: entries of allow") }
        } catch {
            logger.error("cgminer API cannot listen on \(config.host):\(config.port): \(error); the heater runs without it")
        }
        try? await gracefulShutdown()
        await server.stop()
    }
}
