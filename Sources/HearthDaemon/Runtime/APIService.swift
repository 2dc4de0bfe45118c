import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Where the API listens. The unix socket is the default; TCP is opt-in and warned
/// about when it is reachable from beyond this machine.
public enum APIListener: Sendable, Hashable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        }
    }

    public var isLoopback: Bool {
        switch self {
        case .unix: true
        case .tcp(let host, _): host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
        }
    }
}

public enum APIService {
    /// A Hummingbird application (a `Service`) serving the API on `listener`.
    /// `onRunning` is called once it accepts connections.
    /// `publicReads`: reads on a listener reachable from the network need no token.
    public static func make(listener: APIListener, state: DaemonState, metrics: DaemonMetrics, token: String?,
                            publicReads: Bool = false, limits: HTTPLimits = .standard,
                            logger: Logger, onRunning: @escaping @Sendable () -> Void) throws -> any Service {
        let routes: APIRoutes
        let address: BindAddress
        switch listener {
        case .unix(let path):
            try prepareSocketPath(path)
            routes = APIRoutes(state: state, metrics: metrics, token: nil, requireToken: false)
            address = .unixDomainSocket(path: path)
        case .tcp(let host, let port):
            routes = APIRoutes(state: state, metrics: metrics, token: token, requireToken: true,
                               readsNeedToken: readsNeedToken(listener, publicReads: publicReads))
            address = .hostname(host, port: port)
        }
        // Hummingbird's own bounds, named by implicit members so this target needs no
        // HummingbirdCore import: the connection cap stops accepting past the limit, the
        // HTTP/1 idle timer closes a connection with no request in flight.
        let app = Application(responder: responder(routes),
                              server: .http1(configuration: .init(idleTimeout: .nanoseconds(limits.idleTimeoutNanoseconds))),
                              configuration: .init(address: address, serverName: "hearth", backlog: limits.backlog,
                                                   availableConnectionsDelegate: .maximum(limits.maxConnections, logger: logger)),
                              onServerRunning: { _ in
                                  // 0660: the owner and the hearth group may steer the heater, nobody else.
                                  if case .unix(let path) = listener { chmod(path, 0o660) }
                                  logger.info("API listening on \(listener)")
                                  onRunning()
                              },
                              logger: logger)
        return app
    }

    /// Everything a request meets after the HTTP parser: the 405 guard, the router, the
    /// routes' checks and handlers. `make` serves it; the fuzz harness (Tests/Fuzz) drives
    /// the same responder without a socket.
    public static func responder(_ routes: APIRoutes) -> some HTTPResponder<BasicRequestContext> {
        MethodGuard(routes.router().buildResponder())
    }

    /// Reads are open on the unix socket and on loopback (this machine's users); on a
    /// listener the network reaches they need the token unless the config opens them.
    static func readsNeedToken(_ listener: APIListener, publicReads: Bool) -> Bool {
        !listener.isLoopback && !publicReads
    }

    /// Creates the socket's directory and removes a stale socket left by a crash. A
    /// socket that still answers belongs to a running daemon: refuse to steal it.
    static func prepareSocketPath(_ path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750]) }
            catch { throw SettingsStoreError("cannot create \(dir) for the API socket: \(error.localizedDescription)") }
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        if UnixSocketProbe.answers(path) {
            throw SettingsStoreError("another hearth daemon is listening on \(path); stop it first")
        }
        unlink(path)
    }
}
