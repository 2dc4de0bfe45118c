import NIOCore

/// One client of `CGMinerAPIServer`: checks the address and the connection count,
/// gathers one request (bounded in size and time), has it answered, writes the reply
/// and closes. Lives on the server's event loop only.
final class CGMinerConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let server: CGMinerAPIServer
    private var access: CGMinerAccess?
    private var request: [UInt8] = []
    private var answering = false
    private var idle: Scheduled<Void>?

    init(server: CGMinerAPIServer) { self.server = server }

    func channelActive(context: ChannelHandlerContext) {
        guard let access = server.admit(context.remoteAddress) else {
            context.close(promise: nil)
            return
        }
        self.access = access
        let channel = context.channel
        idle = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(server.limits.idleTimeout)) { [self] in
            guard !answering else { return }
            answering = true
            server.count { $0.idleClosed += 1 }
            channel.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard access != nil, !answering else { return }
        var buffer = unwrapInboundIn(data)
        let room = server.limits.maxRequestBytes + 1 - request.count
        if let bytes = buffer.readBytes(length: min(room, buffer.readableBytes)) { request += bytes }
        if request.count > server.limits.maxRequestBytes {
            server.count { $0.oversized += 1 }
            send(server.oversizedReply(startsWithJSON: request.first == UInt8(ascii: "{")), context: context)
        } else if Self.isComplete(request) {
            answer(context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The client shut its side (`nc -N`): what it sent is the whole request.
        if let e = event as? ChannelEvent, e == .inputClosed {
            if !answering {
                if request.isEmpty { context.close(promise: nil) } else { answer(context: context) }
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        idle?.cancel()
        if access != nil { server.left() }
        access = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func answer(context: ChannelHandlerContext) {
        guard let access, !answering else { return }
        answering = true
        let channel = context.channel
        server.answer(request, access: access, on: context.eventLoop).assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success(let reply):
                server.count { $0.served += 1 }
                write(reply, to: channel)
            case .failure:
                channel.close(promise: nil)
            }
        }
    }

    private func send(_ reply: [UInt8], context: ChannelHandlerContext) {
        answering = true
        write(reply, to: context.channel)
    }

    private func write(_ reply: [UInt8], to channel: any Channel) {
        idle?.cancel()
        var buffer = channel.allocator.buffer(capacity: reply.count)
        buffer.writeBytes(reply)
        channel.writeAndFlush(buffer).assumeIsolated().whenComplete { _ in channel.close(promise: nil) }
    }

    /// A request is whole at `\0` or a newline, when a JSON object's braces close, or
    /// at once in the plain form (cgminer takes one read; plain clients send one line).
    static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        if bytes.contains(0) || bytes.contains(0x0A) { return true }
        guard first == UInt8(ascii: "{") else { return true }
        var depth = 0, inString = false, escaped = false
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "{") {
                depth += 1
            } else if b == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return true }
            }
        }
        return false
    }
}
