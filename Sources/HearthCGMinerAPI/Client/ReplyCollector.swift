import NIOCore

/// How a connection ended without a whole reply.
enum ReplyFailure: Error, Sendable {
    case timedOut(receivedBytes: Int)
    case closedEarly(receivedBytes: Int)
    case tooLarge
    case connection(String)
}

/// The handler of one request's connection: sends the request once the connection is
/// up, collects bytes until the firmware's `\0` (the reply is everything before it),
/// and fails on a close before it, a reply over the limit, or no `\0` within the
/// timeout. It only reacts; the client owns the connection's lifetime.
final class ReplyCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let request: [UInt8]
    private let limit: Int
    private let timeout: TimeAmount
    private let promise: EventLoopPromise<[UInt8]>
    private var received: [UInt8] = []
    private var finished = false
    private var timer: Scheduled<Void>?

    init(request: [UInt8], limit: Int, timeout: TimeAmount, promise: EventLoopPromise<[UInt8]>) {
        self.request = request
        self.limit = limit
        self.timeout = timeout
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        let loop = context.eventLoop.assumeIsolated()
        timer = loop.scheduleTask(in: timeout) { [self] in
            finish(context, .failure(ReplyFailure.timedOut(receivedBytes: received.count)))
        }
        var buffer = context.channel.allocator.buffer(capacity: request.count)
        buffer.writeBytes(request)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finished else { return }
        let buffer = unwrapInboundIn(data)
        let view = buffer.readableBytesView
        if let nul = view.firstIndex(of: 0) {
            received.append(contentsOf: view[view.startIndex..<nul])
            if received.count > limit {
                finish(context, .failure(ReplyFailure.tooLarge))
            } else {
                finish(context, .success(received))
            }
            return
        }
        received.append(contentsOf: view)
        if received.count > limit { finish(context, .failure(ReplyFailure.tooLarge)) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(context, .failure(ReplyFailure.closedEarly(receivedBytes: received.count)))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(context, .failure(ReplyFailure.connection("\(error)")))
    }

    private func finish(_ context: ChannelHandlerContext, _ result: Result<[UInt8], any Error>) {
        guard !finished else { return }
        finished = true
        timer?.cancel()
        timer = nil
        promise.completeWith(result)
        context.close(promise: nil)
    }
}
