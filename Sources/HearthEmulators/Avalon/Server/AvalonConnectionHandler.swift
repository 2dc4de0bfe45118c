import NIOCore

/// One connection to the emulated firmware. Like the firmware's API thread, it takes
/// the first read as the whole request (a request split over two segments is cut),
/// waits for its turn at the single serving thread, answers, and closes; a client
/// that sends nothing is dropped after the firmware's receive timeout. It only
/// reacts: the emulator decides replies and faults.
final class AvalonConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let emulator: AvalonEmulator
    private var request: [UInt8]?
    /// Set while it is this connection's turn and its request has not arrived.
    private var turn: (channel: any Channel, done: () -> Void, timeout: Scheduled<Void>)?

    init(emulator: AvalonEmulator) { self.emulator = emulator }

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        emulator.queue.enqueue { [self] done in takeTurn(channel, done: done) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard request == nil else { return }  // one recv; anything after it is never read
        let bytes = Array(unwrapInboundIn(data).readableBytesView)
        request = bytes
        if let waiting = turn {
            waiting.timeout.cancel()
            turn = nil
            emulator.serve(bytes, on: waiting.channel, done: waiting.done)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let waiting = turn {
            waiting.timeout.cancel()
            turn = nil
            waiting.done()
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func takeTurn(_ channel: any Channel, done: @escaping () -> Void) {
        guard channel.isActive else {
            done()
            return
        }
        if let request {
            emulator.serve(request, on: channel, done: done)
            return
        }
        let timeout = channel.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(emulator.configuration.receiveTimeout)) {
            [self] in
            guard let waiting = turn else { return }
            turn = nil
            emulator.firmware.withCounters { $0.receiveTimeouts += 1 }
            waiting.channel.close(promise: nil)
            waiting.done()
        }
        turn = (channel, done, timeout)
    }
}
