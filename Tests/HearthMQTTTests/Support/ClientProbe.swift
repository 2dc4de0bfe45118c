import HearthMQTT
import HearthSupport
import Logging

/// A client under test with journals of its states, the messages its handlers got and
/// its on-connected hook runs.
final class ClientProbe: Sendable {
    let client: MQTTClient
    let states = Journal<MQTTClientState>()
    let messages = Journal<MQTTMessage>()
    let hookRuns = Journal<Int>()
    let logs = LogCapture()
    private let watcher: Task<Void, Never>

    /// Test timeouts: short enough for quick tests, long enough for a loaded 2-core machine.
    static func configuration(host: String, port: Int, clientID: String = "hearth-test",
                              retry: RetryPolicy = RetryPolicy(floor: .milliseconds(200), initial: .milliseconds(200),
                                                               cap: .seconds(2), jitter: 0))
        -> MQTTClientConfiguration
    {
        MQTTClientConfiguration(host: host, port: port, clientID: clientID, keepAlive: .seconds(30),
                                pingTimeout: .seconds(5), connectTimeout: .seconds(5), retry: retry, jitterSeed: 1)
    }

    init(_ configuration: MQTTClientConfiguration) throws {
        client = try MQTTClient(configuration: configuration, logger: logs.logger())
        let stream = client.stateChanges()
        let states = self.states
        watcher = Task {
            for await state in stream { states.record(state) }
        }
        let hookRuns = self.hookRuns
        client.onConnected { hookRuns.record(1) }
    }

    /// A handler that records into `messages`.
    var recorder: @Sendable (MQTTMessage) -> Void {
        let messages = self.messages
        return { messages.record($0) }
    }

    func waitConnected(count: Int = 1, timeout: Duration = .seconds(30)) async -> Bool {
        await states.wait(timeout: timeout) { $0.filter(\.isConnected).count >= count }
    }

    func waitDisconnected(count: Int = 1, timeout: Duration = .seconds(30)) async -> Bool {
        await states.wait(timeout: timeout) { $0.filter(\.isDisconnected).count >= count }
    }

    var disconnectReasons: [String] {
        states.events.compactMap { if case .disconnected(let reason, _) = $0 { reason } else { nil } }
    }

    func stop() async {
        await client.stop()
        watcher.cancel()
    }
}

extension MQTTClientState {
    var isDisconnected: Bool { if case .disconnected = self { true } else { false } }
    var isConnecting: Bool { if case .connecting = self { true } else { false } }
}
