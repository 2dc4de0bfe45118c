import ArgumentParser
import Foundation
import HearthTestPool
import Logging

/// `hearth pool`: an offline Stratum V1 pool on this machine, for trying the stack
/// without the internet. It serves jobs shaped like a real block template, sets the
/// difficulty you give, and checks every share with swift-crypto.
struct PoolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool", abstract: "Run a local test pool (verifies shares with swift-crypto) until interrupted.")

    @Option(help: "Address to listen on (loopback by default).") var host = "127.0.0.1"
    @Option(help: "Port (0: pick a free one and print it).") var port = 3333
    @Option(help: "Share difficulty; fractional values like 0.001 suit CPU-hashing simulations.") var difficulty = 0.001
    @Option(help: "Seconds between new (not clean) jobs.") var jobInterval = 30.0
    @Option(help: "Seconds between clean jobs (a new block); 0: never.") var blockInterval = 600.0
    @Option(help: "Stop after this many seconds (default: run until interrupted).") var seconds: Double?
    enum Misbehaviour: String, ExpressibleByArgument, CaseIterable { case reconnectStorm = "reconnect-storm" }
    @Option(help: "Misbehave on purpose, to test clients (issue 16): reconnect-storm answers every login with client.reconnect, wait 0.")
    var misbehave: Misbehaviour?

    func run() async throws {
        guard (0...65535).contains(port) else { throw CLIError("--port \(port) is out of range; allowed: 0…65535") }
        guard difficulty.isFinite, difficulty > 0 else { throw CLIError("--difficulty must be a number > 0") }
        guard jobInterval > 0, blockInterval >= 0 else { throw CLIError("--job-interval must be > 0 and --block-interval ≥ 0") }
        LoggingSetup.bootstrap()
        let logger = Logger(label: "hearth.pool")
        var configuration = TestPoolConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.difficulty = difficulty
        configuration.jobInterval = .milliseconds(Int64(jobInterval * 1000))
        configuration.reconnectStorm = misbehave == .reconnectStorm
        let pool = TestPool(configuration: configuration, logger: logger)
        let bound: Int
        do { bound = try await pool.start() } catch { throw CLIError("cannot listen on \(host):\(port): \(error)") }
        // Written unbuffered: scripts read the bound port from this line while the pool runs.
        FileHandle.standardOutput.write(Data("test pool on stratum+tcp://\(host.contains(":") ? "[\(host)]" : host):\(bound), difficulty \(difficulty)\n".utf8))
        let stop = SignalWaiter()
        let started = ContinuousClock.now
        var lastBlock = started
        while !stop.signalled {
            if let seconds, ContinuousClock.now - started >= .milliseconds(Int64(seconds * 1000)) { break }
            if blockInterval > 0, ContinuousClock.now - lastBlock >= .milliseconds(Int64(blockInterval * 1000)) {
                await pool.newJob(clean: true)
                lastBlock = .now
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        let c = await pool.counters
        await pool.stop()
        print("accepted \(c.accepted), rejected \(c.rejected) (invalid \(c.rejectedInvalid), stale \(c.rejectedStale), duplicate \(c.rejectedDuplicate))")
    }
}

/// Turns SIGINT/SIGTERM into a flag a loop can poll, so shutdown is orderly.
final class SignalWaiter {
    private let sources: [any DispatchSourceSignal]
    private let flag = Flag()

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    init() {
        var made: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            let flag = self.flag
            source.setEventHandler { flag.set() }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    var signalled: Bool { flag.isSet }
}

/// Log lines to stderr, one per event, at info and above (HEARTH_LOG_LEVEL changes it).
enum LoggingSetup {
    static let once: Void = {
        let level = ProcessInfo.processInfo.environment["HEARTH_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
    }()
    static func bootstrap() { _ = once }
}
