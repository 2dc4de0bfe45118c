import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How one connection ended without a whole response.
enum ExchangeFailure: Error, Sendable {
    case timedOut(sawHead: Bool)
    case closedEarly(sawHead: Bool)
    case tooLarge
    case notHTTP(String)
    case connection(String)
}

/// The handler of one request's connection: sends the request once connected, collects
/// the response up to the size limit, and fails on a close before its end, bytes that
/// are not HTTP, or no end within the timeout. It only reacts; the client owns the
/// connection's lifetime.
final class HTTPExchangeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let head: HTTPRequestHead
    private let body: [UInt8]?
    private let limit: Int
    private let timeout: TimeAmount
    private let promise: EventLoopPromise<HTTPResponse>
    private var response: HTTPResponse?
    private var finished = false
    private var timer: Scheduled<Void>?

    init(head: HTTPRequestHead, body: [UInt8]?, limit: Int, timeout: TimeAmount, promise: EventLoopPromise<HTTPResponse>) {
        self.head = head
        self.body = body
        self.limit = limit
        self.timeout = timeout
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        let loop = context.eventLoop.assumeIsolated()
        timer = loop.scheduleTask(in: timeout) { [self] in
            finish(context, .failure(ExchangeFailure.timedOut(sawHead: response != nil)))
        }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body, !body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: body.count)
            buffer.writeBytes(body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finished else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            let headers = head.headers.map { HTTPResponse.Header($0.name, $0.value) }
            response = HTTPResponse(status: Int(head.status.code), headers: headers)
        case .body(let buffer):
            guard response != nil else { return }
            if response!.body.count + buffer.readableBytes > limit {
                finish(context, .failure(ExchangeFailure.tooLarge))
                return
            }
            response!.body.append(contentsOf: buffer.readableBytesView)
        case .end:
            if let response {
                finish(context, .success(response))
            } else {
                finish(context, .failure(ExchangeFailure.notHTTP("a response ended before its status line")))
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(context, .failure(ExchangeFailure.closedEarly(sawHead: response != nil)))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is HTTPParserError {
            finish(context, .failure(ExchangeFailure.notHTTP("\(error)")))
        } else if let io = error as? IOError, io.errnoCode == ECONNRESET || io.errnoCode == EPIPE {
            // The device closed first and our request or its end ran into the closed socket.
            finish(context, .failure(ExchangeFailure.closedEarly(sawHead: response != nil)))
        } else {
            finish(context, .failure(ExchangeFailure.connection("\(error)")))
        }
    }

    private func finish(_ context: ChannelHandlerContext, _ result: Result<HTTPResponse, any Error>) {
        guard !finished else { return }
        finished = true
        timer?.cancel()
        timer = nil
        promise.completeWith(result)
        context.close(promise: nil)
    }
}
