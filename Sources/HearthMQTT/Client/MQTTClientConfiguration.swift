import HearthSupport

/// Everything the client needs to reach and use one broker. The password is never
/// printed: `description` hides it, and the client never logs CONNECT.
public struct MQTTClientConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// 1…23 characters is what every broker must accept; mosquitto takes longer ones.
    public var clientID: String
    public var username: String?
    public var password: String?
    /// A PINGREQ goes out when nothing else was sent for this long; zero turns keepalive off.
    public var keepAlive: Duration
    /// No PINGRESP this long after a PINGREQ: the connection is dead (a broker or path gone silent).
    public var pingTimeout: Duration
    /// For the TCP connect, and again for CONNACK.
    public var connectTimeout: Duration
    public var cleanSession: Bool
    /// Published by the broker if the connection dies without a DISCONNECT (availability "offline").
    public var will: MQTTWill?
    /// Reconnects go through the one backoff of every network client (issue 16).
    public var retry: RetryPolicy
    /// Seeds the backoff's jitter; nil seeds it from the system's random source (set it for
    /// reproducible tests).
    public var jitterSeed: UInt64?
    /// QoS 1 messages kept for the broker (waiting and in flight) while it is away.
    public var maxQueuedMessages: Int
    /// QoS 1 messages sent and not yet acknowledged at any time.
    public var maxInflight: Int
    /// Average publishes per second over `publishBurst`; the excess is dropped and counted.
    public var maxPublishesPerSecond: Double
    public var publishBurst: Int
    /// Largest packet accepted from the broker or sent to it.
    public var maxPacketSize: Int

    public init(host: String, port: Int = 1883, clientID: String, username: String? = nil, password: String? = nil,
                keepAlive: Duration = .seconds(60), pingTimeout: Duration = .seconds(10),
                connectTimeout: Duration = .seconds(10), cleanSession: Bool = true, will: MQTTWill? = nil,
                retry: RetryPolicy = .standard, jitterSeed: UInt64? = nil,
                maxQueuedMessages: Int = 1000, maxInflight: Int = 32, maxPublishesPerSecond: Double = 20,
                publishBurst: Int = 100, maxPacketSize: Int = MQTTPacketDecoder.defaultMaxPacketSize)
    {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.username = username
        self.password = password
        self.keepAlive = keepAlive
        self.pingTimeout = pingTimeout
        self.connectTimeout = connectTimeout
        self.cleanSession = cleanSession
        self.will = will
        self.retry = retry
        self.jitterSeed = jitterSeed
        self.maxQueuedMessages = maxQueuedMessages
        self.maxInflight = maxInflight
        self.maxPublishesPerSecond = maxPublishesPerSecond
        self.publishBurst = publishBurst
        self.maxPacketSize = maxPacketSize
    }

    /// `host:port`, as logs and errors name the broker.
    public var broker: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// One clear error for the first thing wrong, naming the setting.
    public func validate() throws(MQTTClientError) {
        func bad(_ text: String) -> MQTTClientError { .invalidConfiguration(text) }
        if host.isEmpty { throw bad("host is empty") }
        if !(1...65535).contains(port) { throw bad("port \(port) is outside 1…65535") }
        if let violation = MQTTUTF8.firstViolation(in: Array(clientID.utf8)) {
            throw bad("client id: \(violation.problem)")
        }
        if clientID.isEmpty && !cleanSession { throw bad("an empty client id needs a clean session (MQTT 3.1.1 §3.1.3.1)") }
        if password != nil && username == nil { throw bad("a password needs a user name in MQTT 3.1.1") }
        let seconds = keepAlive / .seconds(1)
        if keepAlive != .zero && !(seconds >= 1 && seconds <= 65535) {
            throw bad("keepalive \(seconds) s is outside 1…65535 s (or 0 for none)")
        }
        if pingTimeout <= .zero { throw bad("ping timeout must be positive") }
        if connectTimeout <= .zero { throw bad("connect timeout must be positive") }
        if let will {
            do { try MQTTTopic.validateName(will.topic) } catch { throw bad("will topic: \(error)") }
            if will.qos == .exactlyOnce { throw bad("will QoS 2 is not supported") }
        }
        if maxQueuedMessages < 1 { throw bad("max queued messages must be at least 1") }
        if maxInflight < 1 { throw bad("max in-flight messages must be at least 1") }
        if !(maxPublishesPerSecond > 0) { throw bad("max publishes per second must be positive") }
        if publishBurst < 1 { throw bad("publish burst must be at least 1") }
        if maxPacketSize < 128 { throw bad("max packet size \(maxPacketSize) is below 128 bytes") }
    }

    var connectPacket: MQTTConnect {
        MQTTConnect(clientID: clientID, cleanSession: cleanSession, keepAliveSeconds: UInt16(keepAlive / .seconds(1)),
                    username: username, password: password.map { Array($0.utf8) }, will: will)
    }
}

/// Keeps the password out of logs, `print` and `dump`.
extension MQTTClientConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var text = "broker \(broker), client id '\(clientID)'"
        if let username { text += ", user '\(username)'" + (password == nil ? "" : ", password <hidden>") }
        return text
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
