import HearthStratum
import HearthSupport
import Logging
import NIOCore

/// One miner's connection to the test pool: answers its requests through the
/// shared `TestPoolCore` and carries the pool's pushes and fault injections.
final class TestPoolConnection: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let core: TestPoolCore
    let id: Int
    private(set) var peer = "?"
    private var logger: Logger
    private var context: ChannelHandlerContext?

    var extranonce1: [UInt8] = []
    var sessionID: String?
    var subscribed = false
    var authorizedWorkers: Set<String> = []
    var versionMask: UInt32 = 0
    var difficulty: Double
    /// Difficulty in force when each job was sent here (shares are judged by it).
    var jobDifficulty: [String: Double] = [:]
    private var nextRequestID: Int64 = 1000
    /// Messages received from the miner (for `PoolFault.closeAfter`).
    private var received = 0
    private var faultClose: Scheduled<Void>?

    init(core: TestPoolCore, id: Int, logger: Logger) {
        self.core = core
        self.id = id
        self.logger = logger
        self.difficulty = core.configuration.difficulty
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        peer = context.channel.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?"
        logger[metadataKey: "peer"] = "\(peer)"
    }

    func channelActive(context: ChannelHandlerContext) {
        core.connectionOpened(self)
        if case .refuse = core.fault { return core.closeForFault(self) }   // accepted just before the listener closed
        armFaultClose()
    }

    func channelInactive(context: ChannelHandlerContext) {
        faultClose?.cancel()
        core.connectionClosed(self)
        self.context = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.error("test pool: miner \(peer): \(error); closing")
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .silent = core.fault { return }
        received += 1
        defer {
            if case .closeAfter(let n) = core.fault, received >= n { core.closeForFault(self) }
        }
        let line = Self.unwrapInboundIn(data)
        let message: StratumMessage
        do {
            message = try StratumMessage(line: line.readableBytesView)
        } catch {
            logger.error("test pool: miner \(peer) sent a bad line: \(error)")
            return
        }
        switch message {
        case .request(let id, let method, let params):
            guard !core.ignoresRequests else { return }
            core.handleRequest(from: self, id: id, method: method, params: params)
        case .notification(let method, _):
            logger.warning("test pool: miner \(peer) sent notification \(method); ignored")
        case .response(_, _, let error):
            if let error {
                logger.info("test pool: miner \(peer) answered our request with error \(error)")
                core.clientReplied(withError: true)
            }
        }
    }

    func send(_ message: StratumMessage) {
        sendRaw(message.encodedLine)
    }

    func sendRaw(_ bytes: [UInt8]) {
        guard let context else { return }
        var bytes = bytes
        switch core.fault {
        case .silent: return
        case .garbage(let kind): bytes = kind.line
        case .slow(let delay):
            let box = NIOLoopBound(self, eventLoop: context.eventLoop)
            let late = bytes
            context.eventLoop.scheduleTask(in: TimeAmount(delay)) { box.value.write(late) }
            return
        case .refuse, .closeAfter, .closeEvery, nil: break
        }
        write(bytes)
    }

    private func write(_ bytes: [UInt8]) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        context.writeAndFlush(Self.wrapOutboundOut(buffer), promise: nil)
    }

    /// A request from the pool to the miner (for the unknown-method fault).
    func sendRequest(method: String, params: [JSONValue]) {
        nextRequestID += 1
        send(.request(id: .number(nextRequestID), method: method, params: params))
    }

    func reply(_ id: StratumID, _ result: JSONValue) {
        send(.response(id: id, result: result, error: nil))
    }

    func reply(_ id: StratumID, error code: Int, _ message: String) {
        send(.response(id: id, result: .null, error: StratumRPCError(code: code, message: message)))
    }

    func close() {
        context?.close(promise: nil)
    }

    /// Under `PoolFault.closeEvery`, closes this connection one period from now.
    func armFaultClose() {
        faultClose?.cancel()
        guard case .closeEvery(let period) = core.fault, let loop = context?.eventLoop else { return }
        let box = NIOLoopBound(self, eventLoop: loop)
        faultClose = loop.scheduleTask(in: TimeAmount(period)) {
            let connection = box.value
            if case .closeEvery = connection.core.fault { connection.core.closeForFault(connection) }
        }
    }
}
