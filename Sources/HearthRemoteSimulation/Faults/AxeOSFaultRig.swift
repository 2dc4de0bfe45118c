import HearthAxeOS
import HearthCore
import HearthEmulators
import HearthPlugs
import HearthRuntime
import HearthSimulator

/// A stock Bitaxe for a fault run: the emulated AxeOS over a simulated heater, `AxeOSClient`
/// with its timeouts in control time, and `AxeOSDevice` (pause is its off switch).
final class AxeOSFaultRig: RemoteFaultRig {
    let hardware: SimulatedAxeOSHardware
    let emulator: AxeOSEmulator
    let device: AxeOSDevice
    let background: BackgroundDevice
    let loop: ControlLoop
    let feed: RoomSensorFeed
    private let clock: RemoteFaultClock

    init(config: SimulationConfig, world: RemoteFaultWorld, clock: RemoteFaultClock, pollInterval: Seconds,
         host: String) async throws {
        let now = clock.control
        let board = config.board
        let heater = try world.makeHeater()
        hardware = SimulatedAxeOSHardware(heater: heater, asicModel: board.chip,
                                          smallCoreCount: Int(board.simulation.chip.hashesPerClock),
                                          frequency: Megahertz(525), voltage: board.coreVoltage?.nominal ?? Millivolts(1150),
                                          temperatureTarget: board.profile.thermal.chipTarget)
        // The firmware's option tables (ESP-Miner device_config.h, BM1370), as `AxeOSRemoteSimulation`.
        let defaults = AxeOSRemoteSimulationConfig(base: config)
        emulator = AxeOSEmulator(hardware: hardware, frequencyOptions: defaults.frequencyOptions,
                                 voltageOptions: defaults.voltageOptions)
        let port = try await emulator.start(host: host, port: 0)
        let client = AxeOSClient(host: host, port: port,
                                 options: HTTPClientOptions(connectTimeout: clock.wall(3), responseTimeout: clock.wall(5)))
        let asic = try await client.asicInfo()
        feed = RoomSensorFeed(now: { now.now })
        let room = feed.room
        device = try AxeOSDevice(link: client, board: board.profile, asic: asic, room: { room.reading() }, now: { now.now })
        background = BackgroundDevice(wrapping: device, pollInterval: clock.wall(pollInterval.value), now: { now.now })
        let policy = SimulationRunner.policy(config.controller, board: device.profile, settings: config.settings,
                                             timing: device.preferredTiming)
        loop = ControlLoop(device: background, policy: policy)
        self.clock = clock
    }

    func update() {}

    func step(_ conditions: ScenarioConditions, at t: Seconds, by dt: Seconds) -> HeaterPhysics.Step {
        hardware.step(conditions, at: t, by: dt)
    }

    var truth: (air: Celsius, chip: Celsius) { hardware.withHeater { ($0.physics.roomState.air, $0.physics.chipTemperature) } }
    var heatStopped: Bool { hardware.snapshot().paused }
    var atFloor: Bool { heatStopped }

    func inject(_ kind: RemoteFaultMatrix.Kind, seed: UInt64) {
        switch kind {
        // Even seeds: connections closed at once; odd: taken and never answered.
        case .unitOffline: emulator.fault = seed % 2 == 0 ? .closesAtOnce : .notAnswering
        case .unitRefusing: emulator.refuseWrites = true
        case .unitSlow: emulator.fault = .slow(clock.wall(2.5))
        case .plugSilent, .roomSensorStale: break
        }
    }

    func clear(_ kind: RemoteFaultMatrix.Kind) {
        switch kind {
        case .unitOffline, .unitSlow: emulator.fault = nil
        case .unitRefusing: emulator.refuseWrites = false
        case .plugSilent, .roomSensorStale: break
        }
    }

    func close() async {
        background.stop()
        _ = background.waitUntilStopped(timeout: .seconds(10))
        await emulator.stop()
    }
}
