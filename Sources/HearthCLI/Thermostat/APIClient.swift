import Foundation
import HearthDaemon
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 client for the daemon's unix socket: one request per connection,
/// every step bounded by a deadline so the CLI never hangs on a stuck daemon.
struct APIClient {
    var socket: String
    var timeout: TimeAmount = .seconds(5)

    struct Reply {
        var status: Int
        var body: String
        /// What was asked ("GET /v1/status"), for messages.
        var what: String

        /// The body as the daemon's own contract type; a mismatch is one clear line.
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            do { return try APIContract.decode(type, from: body, what: what) } catch { throw CLIError(error.description) }
        }
    }

    func request(_ method: HTTPMethod, _ path: String, body: String? = nil) throws -> Reply {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let promise = group.next().makePromise(of: Reply.self)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(2))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ReplyCollector(promise: promise, what: "\(method.rawValue) \(path)"))
                }
            }
        let channel: any Channel
        do { channel = try bootstrap.connect(unixDomainSocketPath: socket).wait() } catch {
            promise.fail(error)   // a promise must never be dropped unfulfilled
            throw CLIError("no Hearth daemon is answering on \(socket); start one with `hearth run --board B` (or pass --socket)")
        }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        head.headers.add(name: "Host", value: "hearth")
        head.headers.add(name: "Connection", value: "close")
        if let body {
            head.headers.add(name: "Content-Type", value: "application/json")
            head.headers.add(name: "Content-Length", value: String(body.utf8.count))
        }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: body))), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(CLIError("the daemon on \(socket) did not answer within \(timeout.nanoseconds / 1_000_000_000) s"))
            channel.close(promise: nil)
        }
        defer { deadline.cancel(); channel.close(promise: nil) }
        return try promise.futureResult.wait()
    }

    /// A request whose 4xx/5xx becomes the daemon's one-line error message.
    func call(_ method: HTTPMethod, _ path: String, body: String? = nil) throws -> Reply {
        let reply = try request(method, path, body: body)
        guard (200..<300).contains(reply.status) else {
            let message = try? APIContract.decode(APIErrorBody.self, from: reply.body, what: reply.what).error
            throw CLIError(message.map { "daemon: \($0)" } ?? "daemon answered \(reply.status) to \(reply.what)")
        }
        return reply
    }

    /// A request whose body is a contract type, encoded the way the daemon reads it.
    func call(_ method: HTTPMethod, _ path: String, sending value: some Encodable) throws -> Reply {
        let body: String
        do { body = try APIContract.encode(value) } catch { throw CLIError("cannot encode the request to \(path): \(error)") }
        return try call(method, path, body: body)
    }
}

/// Collects one response and fulfils the promise at its end.
private final class ReplyCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let promise: EventLoopPromise<APIClient.Reply>
    private let what: String
    private var status = 0
    private var body = ByteBuffer()

    init(promise: EventLoopPromise<APIClient.Reply>, what: String) {
        self.promise = promise
        self.what = what
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): status = Int(h.status.code)
        case .body(var b): body.writeBuffer(&b)
        case .end: promise.succeed(.init(status: status, body: String(buffer: body), what: what))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(CLIError("the daemon closed the connection before answering"))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}
