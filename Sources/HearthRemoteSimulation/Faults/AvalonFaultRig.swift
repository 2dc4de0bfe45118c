import HearthAvalon
import HearthCGMinerAPI
import HearthCore
import HearthEmulators
import HearthPlugs
import HearthRuntime
import HearthSimulator

/// A stock Avalon for a fault run: the emulated firmware API, `CGMinerClient` with its
/// timeouts in control time, `AvalonDevice`, and for a unit without soft off an emulated
/// Shelly plug whose relay is the unit's mains (cut, the unit has no API until it boots).
final class AvalonFaultRig: RemoteFaultRig {
    let hardware: SimulatedAvalonHardware
    let emulator: AvalonEmulator
    let plug: ShellyEmulator?
    let device: AvalonDevice
    let background: BackgroundDevice
    let loop: ControlLoop
    let feed: RoomSensorFeed
    private let clock: RemoteFaultClock
    private let normalLatency: AvalonLatency
    private let lowest: Int

    init(model: AvalonModel, config: SimulationConfig, world: RemoteFaultWorld, clock: RemoteFaultClock,
         pollInterval: Seconds, host: String) async throws {
        let now = clock.control
        let heater = try world.makeHeater()
        hardware = SimulatedAvalonHardware(heater: heater, model: model)
        var emulatorConfig = AvalonEmulatorConfiguration(model: model, clock: { now.now })
        emulatorConfig.seed = config.seed
        normalLatency = .uniform(clock.wall(0.01), clock.wall(0.5))
        emulatorConfig.behaviour.latency = normalLatency
        emulatorConfig.receiveTimeout = clock.wall(10)
        emulator = AvalonEmulator(configuration: emulatorConfig, hardware: hardware)
        let port = try await emulator.start(host: host, port: 0)
        let client = CGMinerClient(endpoint: CGMinerEndpoint(host: host, port: port),
                                   options: CGMinerClientOptions(connectTimeout: clock.wall(3), replyTimeout: clock.wall(5)))
        let profile = model.profile
        lowest = profile.settings.first?.value ?? 0
        feed = RoomSensorFeed(now: { now.now })
        let offSwitch: OffSwitch
        if profile.hasSoftOff == true {
            plug = nil
            offSwitch = .softOff
        } else {
            let emulator = self.emulator, hardware = self.hardware
            let shelly = ShellyEmulator(socket: EmulatedSocket(initiallyOn: true, watts: { hardware.snapshot().wallPower },
                                                               load: { on in emulator.setMainsPower(on) }))
            let plugPort = try await shelly.start(host: host, port: 0)
            plug = shelly
            let smart = ShellyPlug(host: host, port: plugPort,
                                   options: HTTPClientOptions(connectTimeout: clock.wall(3), responseTimeout: clock.wall(5)))
            offSwitch = .power(PlugPowerSwitch(plugSwitch: PlugSwitch(plug: smart, jitterSeed: config.seed, now: { now.now }),
                                             name: smart.name))
        }
        let room = feed.room
        device = try AvalonDevice(link: client, board: config.board.profile, model: profile, offSwitch: offSwitch,
                                  room: { room.reading() }, now: { now.now },
                                  unixTime: { [zero = emulatorConfig.unixTimeAtClockZero] in zero + Int64(now.now.value) })
        background = BackgroundDevice(wrapping: device, pollInterval: clock.wall(pollInterval.value), now: { now.now })
        let policy = SimulationRunner.policy(config.controller, board: device.profile, settings: config.settings,
                                             timing: device.preferredTiming)
        loop = ControlLoop(device: background, policy: policy)
        self.clock = clock
    }

    func update() { emulator.update() }

    func step(_ conditions: ScenarioConditions, at t: Seconds, by dt: Seconds) -> HeaterPhysics.Step {
        hardware.step(conditions, at: t, by: dt)
    }

    var truth: (air: Celsius, chip: Celsius) { hardware.withHeater { ($0.physics.roomState.air, $0.physics.chipTemperature) } }

    var heatStopped: Bool {
        let s = emulator.status
        return !s.powered || s.softOff
    }

    var atFloor: Bool { heatStopped || emulator.status.setting == lowest }

    func inject(_ kind: RemoteFaultMatrix.Kind, seed: UInt64) {
        switch kind {
        case .unitOffline:
            // Even seeds: connections refused; odd: taken and never answered (longer than the client waits).
            if seed % 2 == 0 { emulator.setOffline(true) } else { emulator.setFault(.stall(clock.wall(10))) }
        case .unitRefusing: emulator.setRefusesWrites(true)
        case .unitSlow: emulator.setLatency(.uniform(clock.wall(0.5), clock.wall(3)))
        case .plugSilent: plug?.fault = .notAnswering
        case .roomSensorStale: break
        }
    }

    func clear(_ kind: RemoteFaultMatrix.Kind) {
        switch kind {
        case .unitOffline:
            emulator.setOffline(false)
            emulator.setFault(nil)
        case .unitRefusing: emulator.setRefusesWrites(false)
        case .unitSlow: emulator.setLatency(normalLatency)
        case .plugSilent: plug?.fault = nil
        case .roomSensorStale: break
        }
    }

    func close() async {
        background.stop()
        _ = background.waitUntilStopped(timeout: .seconds(10))
        await emulator.stop()
        await plug?.stop()
    }
}
