import Logging
import NIOCore

/// One connection to the broker: sends CONNECT, waits for CONNACK, keeps the connection
/// alive (PINGREQ when idle, dead when no PINGRESP), checks that the broker only sends
/// what a broker may, and reports everything else to the client as events. Lives on its
/// channel's event loop; the client decides what an ended connection means.
final class MQTTConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = MQTTPacket
    typealias OutboundOut = ByteBuffer

    enum Event {
        case connected(sessionPresent: Bool)
        /// PUBLISH, PUBACK, SUBACK or UNSUBACK after CONNACK.
        case packet(MQTTPacket)
        /// The connection is over (reported once); `refused` when the broker said no in CONNACK.
        case ended(reason: String, refused: MQTTConnectReturnCode?)
    }

    struct Timing {
        /// nil: keepalive off.
        var keepAlive: TimeAmount?
        var pingTimeout: TimeAmount
        var connAckTimeout: TimeAmount
    }

    private enum Phase { case idle, awaitingConnAck, connected, ended }

    let serial: Int
    private let connect: MQTTConnect
    private let broker: String
    private let timing: Timing
    private let sink: (Event) -> Void
    private let logger: Logger

    private var context: ChannelHandlerContext?
    private var phase = Phase.idle
    private var lastSent = NIODeadline.uptimeNanoseconds(0)
    private var keepAliveTimer: Scheduled<Void>?
    private var deadlineTimer: Scheduled<Void>?
    private var awaitingPingResponse = false

    init(serial: Int, connect: MQTTConnect, broker: String, timing: Timing, logger: Logger,
         sink: @escaping (Event) -> Void)
    {
        self.serial = serial
        self.logger = logger
        self.connect = connect
        self.broker = broker
        self.timing = timing
        self.sink = sink
    }

    var isConnected: Bool { phase == .connected }

    // MARK: sending (from the client, on the event loop)

    /// Writes one packet; false when the connection is not up or the packet can't be encoded.
    @discardableResult
    func send(_ packet: MQTTPacket) -> Bool {
        guard let context, phase == .connected || (phase == .awaitingConnAck && packet.type == .connect) else { return false }
        let bytes: [UInt8]
        do { bytes = try packet.encoded() } catch {
            // Callers validate before queueing, so this is a bug: say what, drop the packet, keep the connection.
            logger.error("not sent to broker \(broker): \(error)")
            return false
        }
        lastSent = context.eventLoop.now
        context.writeAndFlush(Self.wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
        return true
    }

    /// Ends the connection on our side (`stop()`, or a protocol error the client found).
    func close(reason: String, sendDisconnect: Bool) {
        if sendDisconnect { send(.disconnect) }
        end(reason)
    }

    // MARK: channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard phase == .idle else { return }
        phase = .awaitingConnAck
        send(.connect(connect))
        deadlineTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timing.connAckTimeout) { [weak self] in
            guard let self else { return }
            self.end("broker \(self.broker) sent no CONNACK within \(Self.seconds(self.timing.connAckTimeout)) s")
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        end("broker \(broker) closed the connection")
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? MQTTCodecError {
            end("broker \(broker) sent a \(error)")
        } else {
            end("connection to broker \(broker) failed: \(error)")
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let packet = Self.unwrapInboundIn(data)
        switch (phase, packet) {
        case (.ended, _), (.idle, _):
            return
        case (.awaitingConnAck, .connack(let ack)):
            deadlineTimer?.cancel()
            guard ack.returnCode == .accepted else {
                return end("broker \(broker) refused the connection: \(ack.returnCode)", refused: ack.returnCode)
            }
            phase = .connected
            scheduleKeepAlive(context)
            sink(.connected(sessionPresent: ack.sessionPresent))
        case (.awaitingConnAck, _):
            end("broker \(broker) sent \(packet.type) before CONNACK")
        case (.connected, .pingresp):
            awaitingPingResponse = false
            deadlineTimer?.cancel()
        case (.connected, .publish), (.connected, .puback), (.connected, .suback), (.connected, .unsuback):
            sink(.packet(packet))
        case (.connected, _):
            // CONNECT, SUBSCRIBE, PINGREQ… only go from client to broker; a second CONNACK is a violation too.
            end("broker \(broker) sent \(packet.type), which a broker must not send here")
        }
    }

    // MARK: keepalive

    /// Checks at `lastSent + keepAlive`: idle that long → PINGREQ and a deadline for PINGRESP.
    private func scheduleKeepAlive(_ context: ChannelHandlerContext) {
        guard let keepAlive = timing.keepAlive, phase == .connected else { return }
        let loop = context.eventLoop
        // While a PINGREQ is unanswered its own deadline decides; just look again later.
        let next = awaitingPingResponse ? loop.now + keepAlive : lastSent + keepAlive
        keepAliveTimer = loop.assumeIsolated().scheduleTask(deadline: next) { [weak self] in
            guard let self, self.phase == .connected, let context = self.context else { return }
            if loop.now >= self.lastSent + keepAlive && !self.awaitingPingResponse {
                self.awaitingPingResponse = true
                self.send(.pingreq)
                self.deadlineTimer = loop.assumeIsolated().scheduleTask(in: self.timing.pingTimeout) { [weak self] in
                    guard let self else { return }
                    self.end("broker \(self.broker) sent no PINGRESP within \(Self.seconds(self.timing.pingTimeout)) s"
                        + " (connection considered lost)")
                }
            }
            self.scheduleKeepAlive(context)
        }
    }

    // MARK: ending

    private func end(_ reason: String, refused: MQTTConnectReturnCode? = nil) {
        guard phase != .ended else { return }
        phase = .ended
        keepAliveTimer?.cancel()
        deadlineTimer?.cancel()
        sink(.ended(reason: reason, refused: refused))
        context?.close(promise: nil)
    }

    private static func seconds(_ t: TimeAmount) -> Double { Double(t.nanoseconds) / 1e9 }
}
