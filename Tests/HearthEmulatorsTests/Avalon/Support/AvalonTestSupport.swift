import Foundation
import HearthBoardFiles
import HearthCGMinerAPI
import HearthCore
import HearthHAL
import HearthSimulator
import Synchronization
@testable import HearthEmulators

/// Control time a test moves by hand.
final class ManualClock: Sendable {
    private let seconds = Mutex(0.0)

    var now: Seconds { Seconds(seconds.withLock { $0 }) }
    var function: @Sendable () -> Seconds { { [self] in now } }

    func advance(by dt: Double) { seconds.withLock { $0 += dt } }
}

/// Hardware with stored readings that records what the firmware asked of it.
final class RecordingHardware: AvalonHardware {
    struct Calls: Sendable {
        var settings: [Int] = []
        var fans: [AvalonFanControl] = []
        var hashing: [Bool] = []
    }

    private let stored: Mutex<(snapshot: AvalonHardwareSnapshot, calls: Calls)>

    init(wallPower: Double = 100, hashrate: HashRate = HashRate(terahashes: 4.5), fans: Int = 1) {
        let snapshot = AvalonHardwareSnapshot(
            hottestChip: Celsius(88), averageChip: Celsius(84), inlet: Celsius(21), outlet: Celsius(48),
            fanSpeeds: Array(repeating: RPM(1800), count: fans), fanDuty: .percent(38), wallPower: Watts(wallPower),
            hashrate: hashrate, nominalHashrate: hashrate, frequency: Megahertz(314), hashing: true)
        stored = Mutex((snapshot, Calls()))
    }

    var calls: Calls { stored.withLock { $0.calls } }

    func snapshot() -> AvalonHardwareSnapshot {
        stored.withLock { s in
            var snapshot = s.snapshot
            if s.calls.hashing.last == false {
                snapshot.hashing = false
                snapshot.hashrate = .zero
            }
            return snapshot
        }
    }

    func setSetting(_ value: Int) { stored.withLock { $0.calls.settings.append(value) } }
    func setFan(_ control: AvalonFanControl) { stored.withLock { $0.calls.fans.append(control) } }
    func setHashing(_ on: Bool) { stored.withLock { $0.calls.hashing.append(on) } }
}

enum AvalonTestSupport {
    static let boardsDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("boards").path

    static func board(_ id: String) throws -> BoardDefinition {
        try BoardCatalog(directory: boardsDirectory).board(id: id)
    }

    /// A simulated heater in the board's own room, at steady state with 5 °C outside.
    static func heater(_ boardID: String) throws -> SimulatedHeater {
        let board = try board(boardID)
        let room = RoomParameters(template: board.simulation.room)
        return try SimulatedHeater(board: board, room: room,
                                   initial: RoomState(steadyAt: Celsius(21), outdoor: Celsius(5), room: room), seed: 1)
    }

    static func configuration(_ model: AvalonModel, clock: ManualClock) -> AvalonEmulatorConfiguration {
        var c = AvalonEmulatorConfiguration(model: model, clock: clock.function)
        c.unixTimeAtClockZero = 1_765_000_000
        c.recalibration = Seconds(60)
        c.bootDuration = Seconds(30)
        c.housekeepingInterval = .milliseconds(10)
        return c
    }

    /// Client limits short enough for a fast suite.
    static let clientOptions = CGMinerClientOptions(connectTimeout: .seconds(2), replyTimeout: .seconds(2))

    /// Waits (bounded) until `condition` holds; the event, not a fixed time.
    static func eventually(within limit: Duration = .seconds(30), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return await condition()
    }
}

/// An emulator on its own loopback address for one test, stopped afterwards.
func withEmulator(_ model: AvalonModel, host: String, clock: ManualClock = ManualClock(),
                     hardware: (any AvalonHardware)? = nil,
                     configure: (inout AvalonEmulatorConfiguration) -> Void = { _ in },
                     options: CGMinerClientOptions = AvalonTestSupport.clientOptions,
                     _ body: (AvalonEmulator, CGMinerClient) async throws -> Void) async throws
{
    var configuration = AvalonTestSupport.configuration(model, clock: clock)
    configure(&configuration)
    let hardware = hardware ?? RecordingHardware(fans: configuration.firmware.fanCount)
    let emulator = AvalonEmulator(configuration: configuration, hardware: hardware)
    let port = try await emulator.start(host: host)
    let client = CGMinerClient(endpoint: CGMinerEndpoint(host: host, port: port), options: options)
    do {
        try await body(emulator, client)
        await emulator.stop()
    } catch {
        await emulator.stop()
        throw error
    }
}
