import Dispatch
import HearthAvalon
import HearthCGMinerAPI
import HearthCore
import HearthEmulators
import HearthHAL
import HearthRuntime
import HearthSimulator
import Synchronization

/// `hearth simulate --via api`: a simulated stock unit in a simulated room, steered
/// through the same network path as a real one — the emulated firmware API on a
/// loopback address, `CGMinerClient`, `AvalonDevice` behind `BackgroundDevice`, and
/// the runtime's one `ControlLoop`. Control time runs `speed` times faster than the
/// wall clock (the network is real, so it cannot run unpaced); the emulator's latency
/// is scaled by the same factor, so 10–500 ms of firmware latency stays 10–500 ms of
/// control time.
public struct RemoteSimulationConfig: Sendable {
    public var base: SimulationConfig
    public var model: AvalonModel
    /// Control seconds per wall second.
    public var speed = 500.0
    /// Control seconds between two polls of the unit.
    public var pollInterval = Seconds(5)
    /// The loopback address the emulated unit listens on.
    public var host = "127.0.0.1"
    /// A plug in front of a unit whose firmware has no soft off (as owners of a Nano 3S use).
    public var plug = true
    /// Firmware latency in control time.
    public var latency: ClosedRange<Double> = 0.01...0.5
    public var options = AvalonDeviceOptions()

    public init(base: SimulationConfig, model: AvalonModel) {
        self.base = base
        self.model = model
    }
}

public struct RemoteSimulationResult: Sendable {
    public var simulation: SimulationResult
    /// Setting changes, soft offs/ons and plug switches the unit received, per hour.
    public var changesPerHour: Double
    public var commandsSent: Int
    public var commandsRefused: Int
    /// Commands the firmware refused, as the emulator counted them.
    public var firmwareRefusals: Int
    /// Most connections ever open at once on the unit (the firmware serves one).
    public var maximumConcurrentConnections: Int
    public var connections: Int
    public var device: AvalonDeviceStatus
}

public enum RemoteSimulation {
    public static func run(_ config: RemoteSimulationConfig, progress: (@Sendable (Double) -> Void)? = nil) async throws
        -> RemoteSimulationResult {
        let base = config.base
        let board = base.board
        let target0 = base.settings.effective(at: base.scenario.start).target
        let sized = SimulationRunner.sizedRoom(board: board, scenario: base.scenario, target: target0, duration: base.duration)
        let conditions = ScenarioConditions(scenario: base.scenario, room: sized.room, designLoad: sized.designLoad)
        let outdoor0 = conditions.outdoor(at: .zero)
        // Runs start away from the target only where the scenario says so; as the in-process runner.
        let initial = RoomState(steadyAt: target0, outdoor: outdoor0, room: sized.room)
        let heater: SimulatedHeater
        do { heater = try SimulatedHeater(board: board, room: sized.room, initial: initial, seed: base.seed) }
        catch { throw SimulationError(description: "simulated \(board.profile.id) failed to configure: \(error)") }
        let hardware = SimulatedAvalonHardware(heater: heater, model: config.model)

        let clock = ControlClock()
        var emulatorConfig = AvalonEmulatorConfiguration(model: config.model, clock: { clock.now })
        emulatorConfig.seed = base.seed
        emulatorConfig.behaviour.latency = .uniform(.nanoseconds(Int64(config.latency.lowerBound / config.speed * 1e9)),
                                                  .nanoseconds(Int64(config.latency.upperBound / config.speed * 1e9)))
        let emulator = AvalonEmulator(configuration: emulatorConfig, hardware: hardware)
        let port = try await emulator.start(host: config.host, port: 0)
        let client = CGMinerClient(endpoint: CGMinerEndpoint(host: config.host, port: port))

        let model = config.model.profile
        let offSwitch: OffSwitch = model.hasSoftOff == true ? .softOff
            : config.plug ? .power(DirectPlug(hardware: hardware)) : .floor
        let noise = Mutex(SeededRandom(seed: base.seed &+ 77))
        let device = try AvalonDevice(
            link: client, board: board.profile, model: model, offSwitch: offSwitch, options: config.options,
            room: {
                // The owner's sensor: the room air, read to 0.1 °C as such sensors report it.
                let air = hardware.withHeater { $0.physics.roomState.air }
                let n = noise.withLock { $0.gaussian() * 0.02 }
                return Reading(Celsius(((air.value + n) * 10).rounded() / 10), takenAt: clock.now)
            },
            now: { clock.now },
            unixTime: { [unixZero = emulatorConfig.unixTimeAtClockZero] in unixZero + Int64(clock.now.value) })
        let background = BackgroundDevice(wrapping: device, pollInterval: .nanoseconds(Int64(config.pollInterval.value / config.speed * 1e9)),
                                          now: { clock.now })
        let policy = SimulationRunner.policy(base.controller, board: device.profile, settings: base.settings,
                                             timing: device.preferredTiming)
        let loop = ControlLoop(device: background, policy: policy)

        let result = await withCheckedContinuation { (done: CheckedContinuation<(RunMetrics, HeatEconomicsSummary, [SimulationSample], Int), Never>) in
            let box = Unchecked((loop, hardware, background, emulator))
            DispatchQueue(label: "hearth.remote-simulation").async {
                let (loop, hardware, background, emulator) = box.value
                done.resume(returning: Self.drive(loop: loop, hardware: hardware, background: background, emulator: emulator,
                                                  conditions: conditions, clock: clock, config: config, progress: progress))
            }
        }
        background.stop()
        _ = background.waitUntilStopped(timeout: .seconds(10))
        let counters = emulator.counters
        await emulator.stop()
        let status = device.status
        let hours = base.duration.value / 3600
        let sim = SimulationResult(config: base, room: sized.room, roomScale: sized.scale, designLoad: sized.designLoad,
                                   metrics: result.0, economics: result.1, samples: result.2, i2cTransfers: 0,
                                   hashBoardStarts: hardware.withHeater { $0.hashBoard.starts },
                                   operatingPointChanges: hardware.withHeater { $0.hashBoard.pointChanges })
        let changes = status.settingChanges + result.3
        return RemoteSimulationResult(simulation: sim, changesPerHour: Double(changes) / hours,
                                      commandsSent: status.commandsSent, commandsRefused: status.commandsRefused,
                                      firmwareRefusals: counters.refused, maximumConcurrentConnections: counters.maxOpenAtOnce,
                                      connections: counters.connections, device: status)
    }

    /// The paced loop, on a plain thread: physics step, control tick, wait for the wall clock.
    private static func drive(loop: ControlLoop, hardware: SimulatedAvalonHardware, background: BackgroundDevice,
                              emulator: AvalonEmulator,
                              conditions: ScenarioConditions,
                              clock: ControlClock, config: RemoteSimulationConfig, progress: (@Sendable (Double) -> Void)?)
        -> (RunMetrics, HeatEconomicsSummary, [SimulationSample], Int) {
        let base = config.base
        let dt = base.tick
        let steps = Int((base.duration.value / dt.value).rounded())
        let sampleEvery = max(1, Int((base.sampleInterval.value / dt.value).rounded()))
        var metrics = RunMetrics(chipLimit: base.board.profile.thermal.chipLimit)
        var economics = try! HeatEconomics(hashprice: base.hashprice, heatPumpCOP: base.heatPumpCOP)
        var samples: [SimulationSample] = []
        var hashingSwitches = 0
        var lastHashing: Bool?
        var wallStart = DispatchTime.now().uptimeNanoseconds
        var reads = 0
        var lastReadAt = Seconds.zero
        for i in 0..<steps {
            let t = Seconds(Double(i) * dt.value)
            // Lock-step with the network: a poll overdue by a whole interval is waited for
            // (bounded), so a loaded machine slows the run instead of starving the device
            // of wall time and turning scheduler hiccups into minutes of control time.
            if t - lastReadAt >= config.pollInterval * 2 {
                let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000_000
                let before = DispatchTime.now().uptimeNanoseconds
                while background.counters.reads == reads, DispatchTime.now().uptimeNanoseconds < deadline { pause(nanoseconds: 200_000) }
                wallStart += DispatchTime.now().uptimeNanoseconds - before   // waiting is not control time
            }
            let count = background.counters.reads
            if count != reads {
                reads = count
                lastReadAt = t
            }
            clock.set(t)
            emulator.update()                        // the firmware's timers (recalibration, boot) follow control time
            let week = base.scenario.start.advanced(by: t)
            let record = loop.tick(at: ControlTime(monotonic: t, week: week))
            let decision = record.decision
            if let trip = decision.trip { metrics.recordTrip(trip) }
            if let last = lastHashing, last != decision.command.hashing { hashingSwitches += 1 }
            lastHashing = decision.command.hashing
            let step = hardware.step(conditions, at: t, by: dt)
            let (room, chip, rpm) = hardware.withHeater { h in (h.physics.roomState.air, h.physics.chipTemperature, h.physics.fanRPM) }
            metrics.record(time: t, dt: dt, room: room, target: decision.mode.isThermostatic ? decision.target : nil,
                           chip: chip, step: step)
            let price = base.settings.tariff?.price(at: week) ?? base.price
            try? economics.record(power: step.wallPower, hashrate: step.hashrate, duration: dt, price: price)
            if i % sampleEvery == 0 {
                samples.append(SimulationSample(time: t, room: room, target: decision.target, outdoor: conditions.outdoor(at: t),
                                                chip: chip, power: step.wallPower, fanDuty: hardware.fan.duty, fanRPM: rpm,
                                                hashrate: step.hashrate, mode: decision.mode))
                progress?(Double(i) / Double(steps))
            }
            // Pace: tick i+1 is due at (i+1)/speed wall seconds after the start.
            let due = wallStart + UInt64(Double(i + 1) * dt.value / config.speed * 1e9)
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { pause(nanoseconds: min(1_000_000_000, due - now)) }
        }
        return (metrics, economics.summary, samples, hashingSwitches)
    }
}

/// Waits on this plain thread (not the cooperative pool) for a while of wall time.
private func pause(nanoseconds: UInt64) {
    _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
}

/// Control time shared by the loop, the device and the emulated firmware.
final class ControlClock: Sendable {
    private let t = Mutex(Seconds.zero)
    var now: Seconds { t.withLock { $0 } }
    func set(_ value: Seconds) { t.withLock { $0 = value } }
}

/// A plug wired straight to the simulated unit's power (the owner's smart plug).
final class DirectPlug: PowerSwitch {
    let name = "simulated plug"
    let hardware: SimulatedAvalonHardware
    init(hardware: SimulatedAvalonHardware) { self.hardware = hardware }
    func set(on: Bool) async throws { hardware.setHashing(on) }
}

private struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
