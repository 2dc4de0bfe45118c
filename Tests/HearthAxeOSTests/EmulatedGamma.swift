import Foundation
import HearthAxeOS
import HearthBoardFiles
import HearthCore
import HearthEmulators
import HearthPlugs
import HearthSimulator
import Synchronization

enum Boards {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("boards").path
}

/// A Bitaxe Gamma under emulated AxeOS on a loopback address, and a client for it.
struct EmulatedGamma {
    let emulator: AxeOSEmulator
    let client: AxeOSClient
    let board: BoardProfile
    let host: String
    let port: Int

    static let frequencies: [Double] = [400, 490, 525, 550, 600, 625]
    static let voltages: [Double] = [1000, 1060, 1100, 1150, 1200, 1250]

    static func start(host: String, options: HTTPClientOptions = HTTPClientOptions(connectTimeout: .seconds(2), responseTimeout: .seconds(3)))
        async throws -> EmulatedGamma {
        let definition = try BoardCatalog(directory: Boards.directory).board(id: "bitaxe-gamma")
        let room = RoomParameters(template: definition.simulation.room)
        let heater = try SimulatedHeater(board: definition, room: room,
                                         initial: RoomState(steadyAt: Celsius(18), outdoor: Celsius(5), room: room), seed: 7)
        let hardware = SimulatedAxeOSHardware(heater: heater, asicModel: "BM1370", smallCoreCount: 2040,
                                              frequency: Megahertz(525), voltage: Millivolts(1150))
        let emulator = AxeOSEmulator(hardware: hardware, frequencyOptions: frequencies, voltageOptions: voltages)
        let port = try await emulator.start(host: host)
        return EmulatedGamma(emulator: emulator, client: AxeOSClient(host: host, port: port, options: options),
                             board: definition.profile, host: host, port: port)
    }

    /// Runs the emulated board's physics for `duration` in 1 s steps.
    func warm(for duration: Seconds, from start: Seconds = .zero) {
        var t = start
        while t < start + duration {
            _ = emulator.hardware.step(Seconds(1), at: t, outdoor: Celsius(5), gains: .zero, extraWindow: WattsPerKelvin(0))
            t = t + Seconds(1)
        }
    }
}

/// Control time a test moves by hand.
final class TestClock: Sendable {
    private let t = Mutex(Seconds.zero)
    var now: Seconds { t.withLock { $0 } }
    func advance(_ dt: Seconds) { t.withLock { $0 = $0 + dt } }
}

/// The device blocks on its link (it is meant for BackgroundDevice's worker thread):
/// tests call it from a plain thread, never from the cooperative pool it waits on.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
        Thread.detachNewThread { c.resume(with: Result { try body() }) }
    }
}
