import HearthCore
import HearthMQTT
import HearthSupport
import Logging
import Synchronization

/// A room temperature published on an MQTT topic. Each good payload is a value taken at
/// the control time it arrived. A payload that gives no temperature is ignored and logged
/// once per kind of problem (a sensor that publishes "unavailable" every minute does not
/// flood the log); the source then simply grows stale. A broker that is away shows as the
/// source's problem while the client reconnects with the project's one backoff.
public final class MQTTRoomSensor: RoomTemperatureSource {
    public let name: String
    public let address: MQTTSensorAddress
    private let client: MQTTClient
    private let now: @Sendable () -> Seconds
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var last: Reading<Celsius>?
        var lastPayload: [UInt8]?
        var payloadProblem: String?
        var loggedKinds: Set<String> = []
        var ignored = 0
        var connection: MQTTClientState = .idle
        /// Why the last connection ended or failed (each reason names the broker).
        var lastDisconnect: String?
        var watcher: Task<Void, Never>?
    }

    /// - Throws: the client's error for a setting it refuses, naming it.
    public init(name: String, address: MQTTSensorAddress, clientID: String, now: @escaping @Sendable () -> Seconds,
                logger: Logger, retry: RetryPolicy = .standard, jitterSeed: UInt64? = nil) throws(MQTTClientError) {
        self.name = name
        self.address = address
        self.now = now
        var logger = logger
        logger[metadataKey: "room_sensor"] = "\(name)"
        self.logger = logger
        let configuration = MQTTClientConfiguration(host: address.host, port: address.port, clientID: clientID,
                                                    username: address.username, password: address.password,
                                                    keepAlive: .seconds(60), connectTimeout: .seconds(10),
                                                    retry: retry, jitterSeed: jitterSeed)
        client = try MQTTClient(configuration: configuration, logger: logger)
    }

    /// Subscribes (again after every reconnect) and connects; returns at once.
    public func start() async {
        let states = client.stateChanges()
        let watcher = Task { [weak self] in
            for await connection in states {
                self?.state.withLock { s in
                    s.connection = connection
                    if case .disconnected(let reason, _) = connection { s.lastDisconnect = reason }
                    if connection.isConnected { s.lastDisconnect = nil }
                }
            }
        }
        state.withLock { $0.watcher = watcher }
        do {
            try await client.subscribe(address.topic, qos: .atLeastOnce) { [weak self] message in self?.receive(message) }
        } catch {
            // The topic was checked when the spec was parsed; what is left is the broker refusing it.
            logger.error("room sensor '\(name)': cannot subscribe to '\(address.topic)' on \(address.broker): \(error)")
            state.withLock { $0.payloadProblem = "subscription refused: \(error)" }
        }
        client.start()
    }

    public func stop() async {
        await client.stop()
        let watcher = state.withLock { s -> Task<Void, Never>? in
            defer { s.watcher = nil }
            return s.watcher
        }
        watcher?.cancel()
    }

    /// Payloads ignored so far (every kind).
    public var ignoredPayloads: Int { state.withLock { $0.ignored } }

    public func observe(now: Seconds) -> RoomSensorObservation {
        state.withLock { s in
            RoomSensorObservation(last: s.last, problem: connectionProblem(s) ?? s.payloadProblem)
        }
    }

    /// The connection in plain words when it is not up: the broker's last reason and what happens next.
    private func connectionProblem(_ s: State) -> String? {
        switch s.connection {
        case .idle, .connected:
            return nil
        case .connecting(let attempt):
            guard let reason = s.lastDisconnect else { return "connecting to broker \(address.broker)" }
            return "not connected: \(reason); reconnecting (attempt \(attempt))"
        case .disconnected(let reason, let retryIn):
            return "not connected: \(reason); retrying in \(formatted(retryIn / .seconds(1), decimals: 1)) s"
        case .stopped:
            return "stopped"
        }
    }

    /// One message from the broker (on the client's event loop: quick, no I/O).
    func receive(_ message: MQTTMessage) {
        let result = RoomSensorPayload.temperature(from: message.payload, field: address.field)
        let arrived = now()
        let toLog: RoomSensorPayloadProblem? = state.withLock { s in
            switch result {
            case .success(let t):
                // The broker hands a retained value over again after every reconnect: the
                // same bytes again say nothing new about the room, so they keep their age.
                if message.retain, s.lastPayload == message.payload, s.last != nil { return nil }
                s.last = Reading(t, takenAt: arrived)
                s.lastPayload = message.payload
                s.payloadProblem = nil
                return nil
            case .failure(let problem):
                s.ignored += 1
                s.payloadProblem = "ignored payload: \(problem)"
                return s.loggedKinds.insert(problem.kind).inserted ? problem : nil
            }
        }
        if let toLog {
            logger.warning("""
                room sensor '\(name)' (\(address.broker), topic \(message.topic)): ignored payload: \(toLog); \
                further payloads with this problem are ignored without a log line
                """)
        }
    }
}
