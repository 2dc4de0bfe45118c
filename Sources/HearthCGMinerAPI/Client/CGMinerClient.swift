import Logging
import HearthNetSupport
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The client for one device's cgminer API: one TCP connection per request, and
/// never two at once. The stock firmware serves its API from a single thread that
/// reads one request per connection, so a second connection would only queue behind
/// the first (or, on a busy unit, time out). Requests therefore run in the order they
/// are made, each after the previous connection has fully closed; one `CGMinerClient`
/// per device must be the only way to reach it.
///
/// The client does not retry: the device layer decides that with the project's
/// `RetryPolicy`, knowing whether a write is safe to repeat.
public actor CGMinerClient {
    public nonisolated let endpoint: CGMinerEndpoint
    public nonisolated let options: CGMinerClientOptions
    private let group: any EventLoopGroup
    private let logger: Logger
    /// The last request in line; the next one starts when it has finished.
    private var tail: Task<Void, Never>?
    public private(set) var counters = ConnectionCounters()

    public init(endpoint: CGMinerEndpoint, options: CGMinerClientOptions = CGMinerClientOptions(),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "hearth.cgminer-api"))
    {
        self.endpoint = endpoint
        self.options = options
        self.group = group
        self.logger = logger
    }

    /// Sends `request` and returns the reply's bytes before the `\0`.
    public func exchange(_ request: CGMinerRequest) async throws(CGMinerClientError) -> [UInt8] {
        let previous = tail
        let task = Task<Result<[UInt8], CGMinerClientError>, Never> {
            await previous?.value
            return await self.perform(request)
        }
        tail = Task { _ = await task.value }
        let result = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        return try result.get()
    }

    /// Sends `request` and decodes what comes back (one part per command when joined).
    /// A reply whose STATUS is E is an error naming its message.
    public func send(_ request: CGMinerRequest) async throws(CGMinerClientError) -> CGMinerResponse {
        let bytes = try await exchange(request)
        let response: CGMinerResponse
        do {
            response = try ReplyDecoder.decode(bytes)
        } catch {
            throw failure(request, .malformedReply(error))
        }
        if let bad = response.parts.first(where: { $0.reply.status.isError }) {
            throw failure(request, .status(bad.reply.status))
        }
        return response
    }

    /// One command, one reply.
    public func command(_ name: String, parameter: String? = nil) async throws(CGMinerClientError) -> CGMinerReply {
        let request = CGMinerRequest(name, parameter: parameter)
        let response = try await send(request)
        do {
            return try response.single()
        } catch {
            throw failure(request, .malformedReply(error))
        }
    }

    public func version() async throws(CGMinerClientError) -> VersionInfo {
        try await view("version", VersionInfo.init)
    }

    public func summary() async throws(CGMinerClientError) -> SummaryInfo {
        try await view("summary", SummaryInfo.init)
    }

    public func pools() async throws(CGMinerClientError) -> [PoolInfo] {
        try await view("pools", PoolInfo.all)
    }

    public func stats() async throws(CGMinerClientError) -> StatsInfo {
        try await view("stats", StatsInfo.init)
    }

    /// `estats`, read as the given model's telemetry (else the model its `Ver[…]` names).
    public func estats(model: AvalonModel? = nil) async throws(CGMinerClientError) -> AvalonEstats {
        try await view("estats") { (reply: CGMinerReply) throws(CGMinerCodecError) -> AvalonEstats in
            try StatsInfo(reply).estats(model: model)
        }
    }

    /// An `ascset` write or read. A refusal (120), an unknown option or an invalid
    /// command is a result, not an error: only a failed exchange throws.
    public func ascset(_ command: AscsetCommand) async throws(CGMinerClientError) -> AscsetResult {
        let request: CGMinerRequest
        do {
            request = try command.request()
        } catch {
            throw failure(CGMinerRequest("ascset"), .invalidCommand(error.description))
        }
        let bytes = try await exchange(request)
        do {
            return AscsetResult(try ReplyDecoder.decodeSingle(bytes))
        } catch {
            throw failure(request, .malformedReply(error))
        }
    }

    /// The options this unit's firmware has (`ascset|0,help`).
    public func supportedOptions() async throws(CGMinerClientError) -> AscsetOptions {
        let result = try await ascset(.help)
        do {
            return try AscsetOptions(result)
        } catch {
            throw failure(CGMinerRequest("ascset", parameter: "0,help"), .malformedReply(error))
        }
    }

    private func view<T>(_ name: String, _ read: (CGMinerReply) throws(CGMinerCodecError) -> T)
        async throws(CGMinerClientError) -> T
    {
        let reply = try await command(name)
        do {
            return try read(reply)
        } catch {
            throw failure(CGMinerRequest(name), .malformedReply(error))
        }
    }

    private func failure(_ request: CGMinerRequest, _ kind: CGMinerClientError.Kind) -> CGMinerClientError {
        CGMinerClientError(device: endpoint, request: request.description, kind: kind)
    }

    // MARK: - One connection

    private func perform(_ request: CGMinerRequest) async -> Result<[UInt8], CGMinerClientError> {
        guard !Task.isCancelled else { return .failure(failure(request, .cancelled)) }
        let loop = group.next()
        let promise = loop.makePromise(of: [UInt8].self)
        let bytes = request.encoded(options.requestForm)
        let limit = options.maxReplyBytes
        let timeout = TimeAmount(options.replyTimeout)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ReplyCollector(request: bytes, limit: limit, timeout: timeout, promise: promise))
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
            counters.failed += 1
            let kind = connectFailure(error)
            logger.debug("cgminer API: \(request) to \(endpoint): \(kind)")
            return .failure(failure(request, kind))
        }
        counters.opened += 1
        counters.open += 1
        counters.maxOpenAtOnce = max(counters.maxOpenAtOnce, counters.open)
        let result: Result<[UInt8], CGMinerClientError>
        do {
            result = .success(try await promise.futureResult.get())
        } catch let error as ReplyFailure {
            result = .failure(failure(request, replyFailure(error)))
        } catch {
            result = .failure(failure(request, .connectionError("\(error)")))
        }
        channel.close(promise: nil)
        // The next request may start only once this connection is really gone.
        try? await channel.closeFuture.get()
        counters.open -= 1
        if case .failure(let error) = result {
            counters.failed += 1
            logger.debug("cgminer API: \(error)")
        }
        return result
    }

    private func replyFailure(_ error: ReplyFailure) -> CGMinerClientError.Kind {
        switch error {
        case .timedOut(let n): .replyTimedOut(milliseconds: Self.milliseconds(options.replyTimeout), receivedBytes: n)
        case .closedEarly(let n): .closedEarly(receivedBytes: n)
        case .tooLarge: .replyTooLarge(limit: options.maxReplyBytes)
        case .connection(let why): .connectionError(why)
        }
    }

    private func connectFailure(_ error: any Error) -> CGMinerClientError.Kind {
        switch ConnectFailure(error) {
        case .refused: .refused
        case .timedOut: .connectTimedOut(milliseconds: Self.milliseconds(options.connectTimeout))
        case .other(let why): .connectFailed(why)
        }
    }

    static func milliseconds(_ d: Duration) -> Int { Int(d / .milliseconds(1)) }
}
