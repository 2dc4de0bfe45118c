import HearthCGMinerAPI
import HearthCore
import HearthSupport
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A stock Avalon's cgminer API on a TCP port, answering as the firmware does: one
/// command per connection, JSON or plain, `+`-joined reads, every reply ending in
/// `\0`, and one connection served at a time (others wait, as behind the firmware's
/// single API thread; `counters.maxOpenAtOnce` shows a client that opens two).
///
/// The firmware's rules (settings, recalibration, soft off/on, reboots, replies) are
/// here; the physics is behind `AvalonHardware`. Faults for tests: `AvalonBehaviour`
/// at start, or the live setters while it runs.
///
///     let emulator = AvalonEmulator(configuration: .init(model: .nano3s, clock: clock), hardware: hardware)
///     let port = try await emulator.start(host: "127.0.0.120")
///     …
///     await emulator.stop()
///
/// In a simulation, call `update()` every step (after advancing the clock) so timed
/// changes such as the end of a recalibration reach the hardware on time; the emulator
/// also applies them on its own every `housekeepingInterval` of wall time.
public final class AvalonEmulator: Sendable {
    public let configuration: AvalonEmulatorConfiguration
    let firmware: AvalonFirmware
    let queue: AvalonServingQueue
    private let live: Mutex<Live>
    private let group: MultiThreadedEventLoopGroup
    private let loop: any EventLoop
    private let listener: ListenerState
    private let address = Mutex<CGMinerEndpoint?>(nil)
    /// Between `start` and `stop`: the event loop takes work only then.
    private let running = Mutex(false)
    private let logger: Logger

    private struct Live {
        var behaviour: AvalonBehaviour
        var oneShot: [AvalonReplyFault] = []
        var random: SplitMix64
    }

    /// Where the server listens and what it has open; touched only on the event loop.
    private final class ListenerState: @unchecked Sendable {
        var host: String?
        var port: Int?
        var channel: (any Channel)?
        var binding = false
        var started = false
        var housekeeping: RepeatedTask?
        var connections: [ObjectIdentifier: any Channel] = [:]
    }

    public init(configuration: AvalonEmulatorConfiguration, hardware: any AvalonHardware,
                logger: Logger = Logger(label: "hearth.emulator.avalon"))
    {
        self.configuration = configuration
        self.logger = logger
        firmware = AvalonFirmware(configuration: configuration, hardware: hardware)
        live = Mutex(Live(behaviour: configuration.behaviour, random: SplitMix64(state: configuration.seed)))
        // One thread: the firmware serves its API from one.
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
        queue = AvalonServingQueue(loop: loop)
        listener = ListenerState()
    }

    // MARK: - Lifecycle

    /// Starts listening on `host:port` (port 0: any free port) and returns the bound port.
    /// A unit configured offline binds, learns its port, and closes again at once.
    @discardableResult
    public func start(host: String, port: Int = 0) async throws -> Int {
        let channel = try await bind(host: host, port: port).get()
        let bound = channel.localAddress?.port ?? port
        running.withLock { $0 = true }
        try await loop.submit { [self] in
            listener.host = host
            listener.port = bound
            listener.channel = channel
            listener.started = true
            let interval = TimeAmount(configuration.housekeepingInterval)
            listener.housekeeping = loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [self] _ in
                firmware.update()
                syncListener()
            }
            syncListener()
        }.get()
        address.withLock { $0 = CGMinerEndpoint(host: host, port: bound) }
        logger.debug("emulated \(configuration.model) listening on \(host):\(bound)")
        return bound
    }

    /// Closes the port and every connection and stops the emulator's thread.
    public func stop() async {
        let wasRunning = running.withLock { was in
            defer { was = false }
            return was
        }
        guard wasRunning else {
            try? await group.shutdownGracefully()
            return
        }
        let closing: EventLoopFuture<Void>? = try? await loop.submit { [self] in
            listener.started = false
            listener.housekeeping?.cancel()
            listener.housekeeping = nil
            queue.clear()
            for connection in listener.connections.values { connection.close(promise: nil) }
            listener.connections = [:]
            let channel = listener.channel
            listener.channel = nil
            return channel?.close() ?? loop.makeSucceededVoidFuture()
        }.get()
        try? await closing?.get()
        try? await group.shutdownGracefully()
    }

    /// Where clients reach it, once started.
    public var endpoint: CGMinerEndpoint? { address.withLock { $0 } }

    // MARK: - State

    public var counters: AvalonEmulatorCounters { firmware.counters }
    public var status: AvalonFirmwareStatus { firmware.status }

    /// Applies the timed changes due at the clock's now: the end of a recalibration,
    /// soft off/on at their time, a reboot and the unit's return. Call it each
    /// simulation step; a request does it too.
    public func update() {
        if firmware.update() { onLoop { $0.syncListener() } }
    }

    // MARK: - Faults

    public var behaviour: AvalonBehaviour { live.withLock { $0.behaviour } }

    public func setBehaviour(_ behaviour: AvalonBehaviour) {
        live.withLock { $0.behaviour = behaviour }
        onLoop { $0.syncListener() }
    }

    public func setLatency(_ latency: AvalonLatency) { live.withLock { $0.behaviour.latency = latency } }
    public func setDropProbability(_ p: Double) { live.withLock { $0.behaviour.dropProbability = p } }
    /// A fault applied to every connection until cleared with nil.
    public func setFault(_ fault: AvalonReplyFault?) { live.withLock { $0.behaviour.fault = fault } }

    /// Answer reads but refuse every write (Code 45), or take writes again.
    public func setRefusesWrites(_ refuses: Bool) { live.withLock { $0.behaviour.refusesWrites = refuses } }

    /// Refuse connections (the unit is unplugged) or take them again.
    public func setOffline(_ offline: Bool) {
        live.withLock { $0.behaviour.offline = offline }
        onLoop { $0.syncListener() }
    }

    /// Plays `fault` on the next `times` connections, before any persistent fault.
    public func inject(_ fault: AvalonReplyFault, times: Int = 1) {
        live.withLock { $0.oneShot.append(contentsOf: Array(repeating: fault, count: max(0, times))) }
    }

    /// The unit's mains, as its smart plug switches it: off stops everything (no API, no
    /// hashing, no fan); on boots it for `bootDuration` (control time), after which it
    /// hashes in the setting it had. Wire a plug emulator's load to this.
    public func setMainsPower(_ on: Bool) {
        if firmware.setMains(on) { onLoop { $0.syncListener() } }
    }

    /// The unit restarts now (not in the middle of a command): down for `duration` of control time.
    public func restart(unavailableFor duration: Seconds) {
        firmware.restart(unavailableFor: duration)
        onLoop { $0.syncListener() }
    }

    /// Runs `body` on the emulator's thread while it runs (a stopped loop takes no work).
    private func onLoop(_ body: @escaping @Sendable (AvalonEmulator) -> Void) {
        running.withLock { running in
            if running { loop.execute { [self] in body(self) } }
        }
    }

    // MARK: - Serving (on the event loop)

    /// Answers `request` on `channel`, with this connection's latency and fault, then
    /// frees the serving thread with `done`.
    func serve(_ request: [UInt8], on channel: any Channel, done: @escaping () -> Void) {
        loop.preconditionInEventLoop()
        let (fault, delay, access) = live.withLock { live -> (AvalonReplyFault?, TimeAmount, CGMinerAccess) in
            var fault: AvalonReplyFault? = live.oneShot.isEmpty ? live.behaviour.fault : live.oneShot.removeFirst()
            if fault == nil, live.behaviour.dropProbability > 0, live.random.uniform() < live.behaviour.dropProbability {
                fault = .drop
            }
            return (fault, TimeAmount(Self.latency(live.behaviour.latency, random: &live.random)),
                    live.behaviour.refusesWrites ? .read : .write)
        }
        if let fault {
            firmware.withCounters { $0.faults[fault.description, default: 0] += 1 }
            logger.debug("emulated \(configuration.model): \(fault) on a connection")
        }
        switch fault {
        case .drop?:
            close(channel, then: done)
            return
        case .restart(let duration)?:
            firmware.restart(unavailableFor: duration)
            close(channel, then: done)
            syncListener()
            return
        default:
            break
        }
        var reply = firmware.respond(to: request, access: access)
        var wait = delay
        switch fault {
        case .noTerminator?:
            if reply.last == 0 { reply.removeLast() }
        case .cutShort(let fraction)?:
            reply = Array(reply.prefix(Int(Double(reply.count - 1) * fraction.clamped(to: 0...1))))
        case .garbage?:
            reply = Array("\u{1}\u{2}HTTP/1.1 400 ?? \u{7f}<garbage>".utf8) + [0]
        case .stall(let extra)?:
            wait = wait + TimeAmount(extra)
        default:
            break
        }
        let send = { [self] in
            guard channel.isActive else {
                done()
                return
            }
            var buffer = channel.allocator.buffer(capacity: reply.count)
            buffer.writeBytes(reply)
            channel.writeAndFlush(buffer).assumeIsolated().whenComplete { _ in self.close(channel, then: done) }
        }
        if wait > .zero {
            loop.assumeIsolated().scheduleTask(in: wait) { send() }
        } else {
            send()
        }
    }

    private func close(_ channel: any Channel, then done: @escaping () -> Void) {
        channel.close().assumeIsolated().whenComplete { _ in done() }
    }

    private static func latency(_ latency: AvalonLatency, random: inout SplitMix64) -> Duration {
        switch latency {
        case .fixed(let d): return d
        case .uniform(let low, let high):
            let lo = low.seconds, hi = max(high.seconds, low.seconds)
            return .nanoseconds(Int64((lo + (hi - lo) * random.uniform()) * 1e9))
        }
    }

    // MARK: - Listening (on the event loop)

    /// Listens while started, up and not offline; otherwise refuses connections (the
    /// port is closed) and drops those it had, as a unit that reboots or loses power.
    private func syncListener() {
        loop.preconditionInEventLoop()
        let want = listener.started && firmware.isUp && !live.withLock { $0.behaviour.offline }
        if !want, let channel = listener.channel {
            listener.channel = nil
            channel.close(promise: nil)
            queue.clear()
            for connection in listener.connections.values { connection.close(promise: nil) }
            logger.debug("emulated \(configuration.model) stopped listening (down or offline)")
        } else if want, listener.channel == nil, !listener.binding, let host = listener.host, let port = listener.port {
            listener.binding = true
            bind(host: host, port: port).assumeIsolated().whenComplete { [self] result in
                listener.binding = false
                switch result {
                case .success(let channel):
                    listener.channel = channel
                    syncListener()  // the wish may have changed while binding
                case .failure(let error):
                    logger.warning("emulated \(configuration.model) cannot listen on \(host):\(port) again: \(error)")
                }
            }
        }
    }

    private func bind(host: String, port: Int) -> EventLoopFuture<any Channel> {
        ServerBootstrap(group: loop, childGroup: loop)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] child in
                child.eventLoop.makeCompletedFuture {
                    accepted(child)
                    try child.pipeline.syncOperations.addHandler(AvalonConnectionHandler(emulator: self))
                }
            }
            .bind(host: host, port: port)
    }

    /// Counts a new connection and forgets it when it closes.
    private func accepted(_ child: any Channel) {
        let id = ObjectIdentifier(child)
        listener.connections[id] = child
        firmware.withCounters { c in
            c.connections += 1
            c.open += 1
            if c.open > 1 { c.overlappingConnections += 1 }
            c.maxOpenAtOnce = max(c.maxOpenAtOnce, c.open)
        }
        child.closeFuture.assumeIsolated().whenComplete { [self] _ in
            firmware.withCounters { $0.open -= 1 }
            listener.connections[id] = nil
        }
    }
}
