import Logging
import HearthNetSupport
import NIOCore
import NIOHTTP1
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client for one device on the LAN (a smart plug's web server):
/// one connection per request (`Connection: close`), one request at a time, Basic or
/// Digest (SHA-256) authentication, a connect timeout, a response timeout and a size
/// limit. Plain HTTP only: these devices have no TLS.
///
/// It never retries a failed request: the caller decides that with the project's
/// `RetryPolicy`. The only second request it makes is the one a 401 challenge asks for.
public actor LocalHTTPClient {
    public nonisolated let endpoint: HTTPEndpoint
    public nonisolated let options: HTTPClientOptions
    private let credentials: HTTPCredentials?
    private let group: any EventLoopGroup
    private let logger: Logger
    /// The device's last Digest challenge, reused with a growing nonce count.
    private var digest: DigestAuthorization?
    /// The device took Basic once: send it up front from now on (no 401 round trip).
    private var basicAccepted = false
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    public private(set) var counters = Counters()

    /// What the client did, for tests and status.
    public struct Counters: Sendable, Hashable {
        /// Requests on the wire, a Digest round trip's second request included.
        public var requests = 0
        public var challenges = 0
        public var failures = 0
    }

    public init(endpoint: HTTPEndpoint, credentials: HTTPCredentials? = nil, options: HTTPClientOptions = HTTPClientOptions(),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "hearth.plug.http"))
    {
        self.endpoint = endpoint
        self.credentials = credentials
        self.options = options
        self.group = group
        self.logger = logger
    }

    /// Sends `request` and returns the response, whatever its status (a 401 is answered
    /// first when credentials allow it).
    /// - Throws: no connection, no (whole) response, a response that is not HTTP or is too
    ///   large, or a 401 that the credentials can't answer.
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        await acquire()
        defer { release() }
        do {
            return try await authorisedExchange(request)
        } catch {
            counters.failures += 1
            logger.debug("\(error)")
            throw error
        }
    }

    /// Sends `request`; any status outside 2xx is an error carrying the start of the body.
    public func sendExpectingSuccess(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let response = try await send(request)
        guard response.isSuccess else {
            throw failure(request, .status(code: response.status, body: response.bodySnippet))
        }
        return response
    }

    // MARK: - Authentication

    private func authorisedExchange(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        var authorization: String?
        var answeredChallenge = false
        if let credentials {
            if credentials.scheme == .basic || basicAccepted {
                authorization = Self.basic(credentials)
            } else if digest != nil {
                authorization = digest!.header(method: request.method.rawValue, uri: request.target,
                                               credentials: credentials, cnonce: DigestAuthorization.makeClientNonce())
            }
        }
        // The first request (maybe with a remembered nonce or Basic), the one answering a fresh
        // challenge, and one more only if the device called that nonce stale.
        for _ in 0..<3 {
            let response = try await exchange(request, authorization: authorization)
            guard response.status == 401 else {
                if authorization?.hasPrefix("Basic ") == true { basicAccepted = true }
                return response
            }
            counters.challenges += 1
            guard let credentials else {
                throw failure(request, .unauthorized("the device wants a password; give it in the plug spec (user:password@host)"))
            }
            var challenges: [AuthChallenge] = []
            for header in response.values(of: "WWW-Authenticate") {
                do { challenges += try AuthChallenge.parse(header) } catch {
                    throw failure(request, .unauthorized(error.description))
                }
            }
            if let challenge = challenges.first(where: { $0.scheme == "digest" }), credentials.allowsDigest {
                let fresh: DigestAuthorization
                do { fresh = try DigestAuthorization(challenge: challenge) } catch {
                    throw failure(request, .unauthorized(error.description))
                }
                // A second 401 for a nonce just given is a wrong password, unless the device says the nonce went stale.
                let stale = challenge.parameters["stale"]?.lowercased() == "true"
                if answeredChallenge && !stale { break }
                digest = fresh
                authorization = digest!.header(method: request.method.rawValue, uri: request.target,
                                               credentials: credentials, cnonce: DigestAuthorization.makeClientNonce())
            } else if challenges.contains(where: { $0.scheme == "basic" }) {
                guard credentials.allowsBasic else {
                    throw failure(request, .unauthorized(
                        "the device asks for Basic authentication, which would send the password in clear; this device type uses Digest"))
                }
                if authorization?.hasPrefix("Basic ") == true || answeredChallenge { break }
                authorization = Self.basic(credentials)
            } else {
                let offered = challenges.map(\.scheme).joined(separator: ", ")
                throw failure(request, .unauthorized(
                    offered.isEmpty ? "401 without a WWW-Authenticate challenge" : "the device offers only \(offered)"))
            }
            answeredChallenge = true
        }
        digest = nil
        basicAccepted = false
        throw failure(request, .unauthorized("wrong user or password (user '\(credentials?.username ?? "")')"))
    }

    private static func basic(_ credentials: HTTPCredentials) -> String {
        "Basic " + Base64.encode(Array("\(credentials.username):\(credentials.password)".utf8))
    }

    // MARK: - One connection

    private func exchange(_ request: HTTPRequest, authorization: String?) async throws(HTTPClientError) -> HTTPResponse {
        guard !Task.isCancelled else { throw failure(request, .cancelled) }
        counters.requests += 1
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: endpoint.hostHeader)
        headers.add(name: "User-Agent", value: "Hearth")
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "Connection", value: "close")
        if let body = request.body {
            headers.add(name: "Content-Type", value: request.contentType ?? "application/octet-stream")
            headers.add(name: "Content-Length", value: "\(body.count)")
        }
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method.rawValue),
                                   uri: request.target, headers: headers)

        let loop = group.next()
        let promise = loop.makePromise(of: HTTPResponse.self)
        let limit = options.maxResponseBytes
        let timeout = TimeAmount(options.responseTimeout)
        let body = request.body
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPExchangeHandler(head: head, body: body, limit: limit, timeout: timeout, promise: promise))
                }
            }
        let channel: any Channel
        do {
            if let address = try? SocketAddress(ipAddress: endpoint.host, port: endpoint.port) {
                channel = try await bootstrap.connect(to: address).get()
            } else {
                channel = try await bootstrap.connect(host: endpoint.host, port: endpoint.port).get()
            }
        } catch {
            promise.fail(error)  // the handler never ran
            throw failure(request, connectFailure(error))
        }
        let result: Result<HTTPResponse, HTTPClientError>
        do {
            result = .success(try await promise.futureResult.get())
        } catch let error as ExchangeFailure {
            result = .failure(failure(request, exchangeFailure(error)))
        } catch {
            result = .failure(failure(request, .connectionError("\(error)")))
        }
        channel.close(promise: nil)
        try? await channel.closeFuture.get()
        return try result.get()
    }

    private func exchangeFailure(_ error: ExchangeFailure) -> HTTPClientError.Kind {
        switch error {
        case .timedOut(let sawHead): .responseTimedOut(milliseconds: Self.milliseconds(options.responseTimeout), sawHead: sawHead)
        case .closedEarly(let sawHead): .closedEarly(sawHead: sawHead)
        case .tooLarge: .responseTooLarge(limit: options.maxResponseBytes)
        case .notHTTP(let why): .notHTTP(why)
        case .connection(let why): .connectionError(why)
        }
    }

    private func connectFailure(_ error: any Error) -> HTTPClientError.Kind {
        switch ConnectFailure(error) {
        case .refused: .refused
        case .timedOut: .connectTimedOut(milliseconds: Self.milliseconds(options.connectTimeout))
        case .other(let why): .connectFailed(why)
        }
    }

    private func failure(_ request: HTTPRequest, _ kind: HTTPClientError.Kind) -> HTTPClientError {
        HTTPClientError(device: endpoint, request: request.description, kind: kind)
    }

    private static func milliseconds(_ d: Duration) -> Int { Int(d / .milliseconds(1)) }

    // MARK: - One request at a time

    /// Small devices (an ESP8266 serves one connection at a time) and the nonce count
    /// both want requests in order.
    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
